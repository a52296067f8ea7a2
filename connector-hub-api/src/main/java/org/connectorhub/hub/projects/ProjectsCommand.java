package org.connectorhub.hub.projects;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.connectorhub.hub.cli.AdminCommand;
import org.connectorhub.hub.cli.CommandGroup;
import org.connectorhub.hub.cli.ExitCodes;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.storage.DatabaseLifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code projects create NAME}: a new project and its API key, printed once. */
@Command(name = "projects", mixinStandardHelpOptions = true, description = "Manage projects.")
public final class ProjectsCommand extends CommandGroup {
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a project and print its API key (shown once).")
    public static final class Create extends AdminCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Project name.")
        String name;

        public Create(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        @Override
        public Integer call() {
            if (name.isBlank() || name.length() > 200) {
                err().println("the project name must have 1 to 200 characters");
                return ExitCodes.USAGE;
            }
            return withServices(List.of(DatabaseLifecycle.class), injector -> {
                String apiKey = ApiKeys.newApiKey();
                Project project = injector.getInstance(ProjectStore.class).create(name.strip(), ApiKeys.hash(apiKey));
                out().println("project: " + project.id() + " (" + project.name() + ")");
                out().println("api key (shown once, store it now): " + apiKey);
                return ExitCodes.OK;
            });
        }
    }
}
