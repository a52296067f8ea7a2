package org.connectorhub.hub.projects;

import org.connectorhub.hub.cli.AdminCommand;
import org.connectorhub.hub.cli.ExitCodes;

import org.connectorhub.hub.config.AllowedOrigins;


import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.hub.storage.DatabaseLifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code projects origins PROJECT [ORIGIN...]}: sets the origins allowed to embed the project's
 * Hub page (frame-ancestors, postMessage); without origins it prints them, {@code --clear} empties
 * them. Each origin is {@code scheme://host[:port]}. Exit 0 ok, 1 unknown project, 2 usage.
 */
@Command(name = "origins", mixinStandardHelpOptions = true,
        description = "Show or set the origins (scheme://host[:port]) allowed to embed a project's Hub page.")
public final class ProjectOriginsCommand extends AdminCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project id, e.g. default.")
    String projectId;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ORIGIN",
            description = "Origins replacing the current ones, e.g. https://app.example.com.")
    List<String> origins = new ArrayList<>();

    @Option(names = "--clear", description = "Remove every origin (only the hub itself may frame the page).")
    boolean clear;

    public ProjectOriginsCommand(Map<String, String> env, PrintStream console) {
        super(env, console);
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        if (clear && !origins.isEmpty()) {
            err.println("give origins or --clear, not both");
            return ExitCodes.USAGE;
        }
        List<String> wanted;
        try {
            wanted = AllowedOrigins.normalize(origins);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        return withServices(List.of(DatabaseLifecycle.class), injector -> {
            ProjectStore projects = injector.getInstance(ProjectStore.class);
            Optional<Project> project = projects.find(projectId);
            if (project.isEmpty()) {
                err.println("no project '" + projectId + "'");
                return ExitCodes.FAILED;
            }
            if (clear || !wanted.isEmpty()) {
                projects.setAllowedOrigins(projectId, wanted);
            }
            List<String> now = projects.find(projectId).map(Project::allowedOrigins).orElse(List.of());
            out.println("project " + projectId + ": " + (now.isEmpty()
                    ? "no origins (only the hub itself may frame the Hub page)"
                    : "origins allowed to embed the Hub page: " + String.join(" ", now)));
            return ExitCodes.OK;
        });
    }
}
