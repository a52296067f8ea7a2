package org.connectorhub.hub.crypto;

import org.connectorhub.hub.cli.ExitCodes;

import org.connectorhub.hub.cli.ConfigOptions;
import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.connectorhub.hub.storage.AuditTrail;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code keys rotate}: a new data-key version becomes primary; older versions stay readable. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage encryption keys.")
public final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a new key version for new writes; old data stays readable.")
    public static final class Rotate implements Callable<Integer> {
        private final Map<String, String> env;
        private final PrintStream console;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOptions options = new ConfigOptions();

        public Rotate(Map<String, String> env, PrintStream console) {
            this.env = requireNonNull(env, "env is null");
            this.console = requireNonNull(console, "console is null");
        }

        @Override
        public Integer call() {
            return KeysMaintenanceCommands.withCipher(env, console, options, spec,
                    (config, keys, cipher, commandSpec, audit) -> {
                        int version = cipher.rotate();
                        audit.record(new AuditTrail.Change(AuditTrail.HUB_SCOPE, "keys.rotated", "key_v" + version,
                                Map.of("after", Map.of("primary_version", version))));
                        commandSpec.commandLine().getOut().println("key version " + version
                                + " is now primary; older versions stay readable");
                        return ExitCodes.OK;
                    });
        }
    }
}
