package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.connectorhub.hub.HubModules;
import org.connectorhub.hub.cli.ConfigOptions;
import org.connectorhub.hub.cli.ExitCodes;
import org.connectorhub.hub.projects.ProjectBootstrap;
import org.connectorhub.hub.storage.DatabaseLifecycle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code console link [--project ID]}: prints a one-time sign-in link to the operator console. */
@Command(name = "console", mixinStandardHelpOptions = true, description = "The operator console.")
public final class ConsoleCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = "Print a sign-in link to the console (valid 10 minutes, usable once).")
    public static final class Link implements Callable<Integer> {
        private final Map<String, String> env;
        private final PrintStream console;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOptions options = new ConfigOptions();

        @Option(names = "--project", description = "The project to sign in to (default: ${DEFAULT-VALUE}).")
        String projectId = ProjectBootstrap.DEFAULT_PROJECT_ID;

        public Link(Map<String, String> env, PrintStream console) {
            this.env = requireNonNull(env, "env is null");
            this.console = requireNonNull(console, "console is null");
        }

        @Override
        public Integer call() {
            Injector injector = Guice.createInjector(Modules.combine(HubModules.embedded(options.toConfig(env), console),
                    new ConsoleModule()));
            DatabaseLifecycle database = injector.getInstance(DatabaseLifecycle.class);
            database.start();
            try {
                ConsoleSignIn.SignInLink link = injector.getInstance(ConsoleSignIn.class).issue(projectId);
                spec.commandLine().getOut().println(link.url());
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("no project '" + projectId + "'");
                return ExitCodes.FAILED;
            } finally {
                database.stop();
            }
        }
    }
}
