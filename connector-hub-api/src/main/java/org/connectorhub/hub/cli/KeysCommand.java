package org.connectorhub.hub.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.connectorhub.hub.CipherLifecycle;
import org.connectorhub.hub.DatabaseLifecycle;
import org.connectorhub.hub.guice.HubModules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code keys rotate}: a new data-key version becomes primary; older versions stay readable. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage encryption keys.")
final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a new key version for new writes; old data stays readable.")
    static final class Rotate implements Callable<Integer> {
        private final Map<String, String> env;
        private final PrintStream console;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOptions options = new ConfigOptions();

        Rotate(Map<String, String> env, PrintStream console) {
            this.env = requireNonNull(env, "env is null");
            this.console = requireNonNull(console, "console is null");
        }

        @Override
        public Integer call() {
            Injector injector = Guice.createInjector(HubModules.embedded(options.toConfig(env), console));
            DatabaseLifecycle database = injector.getInstance(DatabaseLifecycle.class);
            CipherLifecycle cipher = injector.getInstance(CipherLifecycle.class);
            database.start();
            try {
                cipher.start();
                int version = cipher.rotate();
                spec.commandLine().getOut().println("key version " + version
                        + " is now primary; older versions stay readable");
                return HubCli.OK;
            } finally {
                cipher.stop();
                database.stop();
            }
        }
    }
}
