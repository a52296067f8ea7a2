package org.connectorhub.hub.crypto;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.cli.AdminCommand;
import org.connectorhub.hub.cli.ExitCodes;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.storage.AuditTrail;
import org.connectorhub.hub.storage.DatabaseLifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keys reseal} and {@code keys retire}: after {@code keys rotate}, move every stored secret
 * to the new key (safe while hubs serve, safe to interrupt and run again), then drop an old key
 * version once nothing uses it.
 */
public final class KeysMaintenanceCommands {
    private KeysMaintenanceCommands() {
    }

    /** A {@code keys} subcommand: runs with the database and the cipher open. */
    abstract static class KeyCommand extends AdminCommand {
        KeyCommand(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        abstract int run(HubConfig config, KeyMaintenance keys, CipherLifecycle cipher, AuditTrail audit);

        @Override
        public final Integer call() {
            return withServices(List.of(DatabaseLifecycle.class, CipherLifecycle.class), injector -> {
                CipherLifecycle cipher = injector.getInstance(CipherLifecycle.class);
                return run(injector.getInstance(HubConfig.class), KeyMaintenance.on(injector, cipher), cipher,
                        injector.getInstance(AuditTrail.class));
            });
        }
    }

    @Command(name = "reseal", mixinStandardHelpOptions = true,
            description = "Re-seal every stored secret with the primary key (after keys rotate).")
    public static final class Reseal extends KeyCommand {
        @Option(names = "--pause-ms", description = "Pause after each re-sealed row, to spare a busy database (default 0).")
        long pauseMillis;

        public Reseal(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        @Override
        int run(HubConfig config, KeyMaintenance keys, CipherLifecycle cipher, AuditTrail audit) {
            KeyResealer resealer = keys.resealer();
            KeyResealer.Result result = resealer.resealAll(Duration.ofMillis(Math.max(0, pauseMillis)), resealed -> {
                if (resealed % 10 == 0) {
                    out().println("progress: re-sealed " + resealed);
                    out().flush();
                }
            });
            long left = resealer.countOtherThanPrimary();
            audit.record(new AuditTrail.Change(AuditTrail.HUB_SCOPE, "keys.resealed",
                    "key_v" + cipher.primaryVersion(), Map.of("after", Map.of("resealed", result.resealed(),
                            "examined", result.examined(), "left_under_older_keys", left))));
            out().println("re-sealed " + result.resealed() + " of " + result.examined()
                    + " stored secrets with key version " + cipher.primaryVersion() + "; " + left
                    + " still under older keys" + (left > 0 ? " (changed meanwhile: run again)" : ""));
            return left == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Remove an old key version; refused while any stored secret is sealed with it.")
    public static final class Retire extends KeyCommand {
        @Option(names = "--version", required = true, description = "The key version to retire.")
        int version;

        public Retire(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        @Override
        int run(HubConfig config, KeyMaintenance keys, CipherLifecycle cipher, AuditTrail audit) {
            MasterKey masterKey = config.cipher().masterKey().map(MasterKey::fromBase64)
                    .orElseGet(() -> MasterKey.loadOrCreate(config.cipher().masterKeyPath()));
            KeyResealer usage = keys.resealer();
            try {
                new KeyRetirement(keys.keysets(), masterKey, usage).retire(version);
            } catch (KeyRetirement.KeyInUseException e) {
                err().println("refused: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            audit.record(new AuditTrail.Change(AuditTrail.HUB_SCOPE, "keys.retired", "key_v" + version, Map.of()));
            out().println("key version " + version + " is retired");
            return ExitCodes.OK;
        }
    }
}
