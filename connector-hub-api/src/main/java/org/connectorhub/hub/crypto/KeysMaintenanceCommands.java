package org.connectorhub.hub.crypto;

import org.connectorhub.hub.cli.ExitCodes;

import org.connectorhub.hub.cli.ConfigOptions;
import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.connectorhub.hub.storage.DatabaseLifecycle;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.HubModules;
import org.connectorhub.hub.storage.AuditTrail;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keys reseal} and {@code keys retire}: after {@code keys rotate}, move every stored secret
 * to the new key (safe while hubs serve, safe to interrupt and run again), then drop an old key
 * version once nothing uses it.
 */
public final class KeysMaintenanceCommands {
    private KeysMaintenanceCommands() {
    }

    /** Opens the database and the cipher, runs the work, closes both. */
    interface Work {
        Integer run(HubConfig config, KeyMaintenance keys, CipherLifecycle cipher, CommandLine.Model.CommandSpec spec,
                AuditTrail audit);
    }

    static Integer withCipher(Map<String, String> env, PrintStream console, ConfigOptions options,
            CommandLine.Model.CommandSpec spec, Work work) {
        HubConfig config = options.toConfig(env);
        Injector injector = Guice.createInjector(HubModules.embedded(config, console));
        DatabaseLifecycle database = injector.getInstance(DatabaseLifecycle.class);
        CipherLifecycle cipher = injector.getInstance(CipherLifecycle.class);
        database.start();
        try {
            cipher.start();
            return work.run(config, KeyMaintenance.on(injector, cipher), cipher, spec,
                    injector.getInstance(AuditTrail.class));
        } finally {
            cipher.stop();
            database.stop();
        }
    }

    @Command(name = "reseal", mixinStandardHelpOptions = true,
            description = "Re-seal every stored secret with the primary key (after keys rotate).")
    public static final class Reseal implements Callable<Integer> {
        private final Map<String, String> env;
        private final PrintStream console;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOptions options = new ConfigOptions();

        @Option(names = "--pause-ms", description = "Pause after each re-sealed row, to spare a busy database (default 0).")
        long pauseMillis;

        public Reseal(Map<String, String> env, PrintStream console) {
            this.env = requireNonNull(env, "env is null");
            this.console = requireNonNull(console, "console is null");
        }

        @Override
        public Integer call() {
            return withCipher(env, console, options, spec, (config, keys, cipher, commandSpec, audit) -> {
                KeyResealer resealer = keys.resealer();
                KeyResealer.Result result = resealer.resealAll(Duration.ofMillis(Math.max(0, pauseMillis)), resealed -> {
                    if (resealed % 10 == 0) {
                        commandSpec.commandLine().getOut().println("progress: re-sealed " + resealed);
                        commandSpec.commandLine().getOut().flush();
                    }
                });
                long left = resealer.countOtherThanPrimary();
                audit.record(new AuditTrail.Change(AuditTrail.HUB_SCOPE, "keys.resealed",
                        "key_v" + cipher.primaryVersion(), Map.of("after", Map.of("resealed", result.resealed(),
                                "examined", result.examined(), "left_under_older_keys", left))));
                commandSpec.commandLine().getOut().println("re-sealed " + result.resealed() + " of " + result.examined()
                        + " stored secrets with key version " + cipher.primaryVersion() + "; " + left
                        + " still under older keys" + (left > 0 ? " (changed meanwhile: run again)" : ""));
                return left == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            });
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Remove an old key version; refused while any stored secret is sealed with it.")
    public static final class Retire implements Callable<Integer> {
        private final Map<String, String> env;
        private final PrintStream console;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOptions options = new ConfigOptions();

        @Option(names = "--version", required = true, description = "The key version to retire.")
        int version;

        public Retire(Map<String, String> env, PrintStream console) {
            this.env = requireNonNull(env, "env is null");
            this.console = requireNonNull(console, "console is null");
        }

        @Override
        public Integer call() {
            return withCipher(env, console, options, spec, (config, keys, cipher, commandSpec, audit) -> {
                MasterKey masterKey = config.cipher().masterKey().map(MasterKey::fromBase64)
                        .orElseGet(() -> MasterKey.loadOrCreate(config.cipher().masterKeyPath()));
                KeyResealer usage = keys.resealer();
                try {
                    new KeyRetirement(keys.keysets(), masterKey, usage).retire(version);
                } catch (KeyRetirement.KeyInUseException e) {
                    commandSpec.commandLine().getErr().println("refused: " + e.getMessage());
                    return ExitCodes.FAILED;
                }
                audit.record(new AuditTrail.Change(AuditTrail.HUB_SCOPE, "keys.retired", "key_v" + version, Map.of()));
                commandSpec.commandLine().getOut().println("key version " + version + " is retired");
                return ExitCodes.OK;
            });
        }
    }
}
