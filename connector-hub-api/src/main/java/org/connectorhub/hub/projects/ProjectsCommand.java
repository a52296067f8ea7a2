package org.connectorhub.hub.projects;

import org.connectorhub.hub.crypto.ApiKeys;

import org.connectorhub.hub.cli.ExitCodes;

import org.connectorhub.hub.cli.ConfigOptions;
import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.connectorhub.hub.storage.DatabaseLifecycle;
import org.connectorhub.hub.HubModules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code projects create NAME}: a new project and its API key, printed once. */
@Command(name = "projects", mixinStandardHelpOptions = true, description = "Manage projects.")
public final class ProjectsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a project and print its API key (shown once).")
    public static final class Create implements Callable<Integer> {
        private final Map<String, String> env;
        private final PrintStream console;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOptions options = new ConfigOptions();

        @Parameters(index = "0", paramLabel = "NAME", description = "Project name.")
        String name;

        public Create(Map<String, String> env, PrintStream console) {
            this.env = requireNonNull(env, "env is null");
            this.console = requireNonNull(console, "console is null");
        }

        @Override
        public Integer call() {
            if (name.isBlank() || name.length() > 200) {
                spec.commandLine().getErr().println("the project name must have 1 to 200 characters");
                return ExitCodes.USAGE;
            }
            Injector injector = Guice.createInjector(HubModules.embedded(options.toConfig(env), console));
            DatabaseLifecycle database = injector.getInstance(DatabaseLifecycle.class);
            database.start();
            try {
                String apiKey = ApiKeys.newApiKey();
                Project project = injector.getInstance(ProjectStore.class).create(name.strip(), ApiKeys.hash(apiKey));
                var out = spec.commandLine().getOut();
                out.println("project: " + project.id() + " (" + project.name() + ")");
                out.println("api key (shown once, store it now): " + apiKey);
                return ExitCodes.OK;
            } finally {
                database.stop();
            }
        }
    }
}
