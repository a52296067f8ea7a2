package org.connectorhub.hub.projects;

import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.connectorhub.hub.HubModules;
import org.connectorhub.hub.cli.ConfigOptions;
import org.connectorhub.hub.cli.ExitCodes;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.storage.DatabaseLifecycle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code projects keys list|create|revoke PROJECT [KEY_ID]}: a project's API keys from the
 * command line, as {@code /v1/api_keys} does over HTTP (a new key is printed once; a revoked key
 * is refused by every hub at once). Exit 0 ok, 1 unknown project or key, 2 usage.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "List, create or revoke a project's API keys.")
public final class ApiKeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code work} with the project store on an open database; unknown project: exit 1. */
    private abstract static class OnProject implements Callable<Integer> {
        private final Map<String, String> env;
        private final PrintStream console;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOptions options = new ConfigOptions();

        @Parameters(index = "0", paramLabel = "PROJECT", description = "Project id, e.g. default.")
        String projectId;

        OnProject(Map<String, String> env, PrintStream console) {
            this.env = requireNonNull(env, "env is null");
            this.console = requireNonNull(console, "console is null");
        }

        abstract int run(ProjectStore projects, PrintWriter out, PrintWriter err);

        @Override
        public Integer call() {
            Injector injector = Guice.createInjector(HubModules.embedded(options.toConfig(env), console));
            DatabaseLifecycle database = injector.getInstance(DatabaseLifecycle.class);
            database.start();
            try {
                ProjectStore projects = injector.getInstance(ProjectStore.class);
                if (projects.find(projectId).isEmpty()) {
                    spec.commandLine().getErr().println("no project '" + projectId + "'");
                    return ExitCodes.FAILED;
                }
                return run(projects, spec.commandLine().getOut(), spec.commandLine().getErr());
            } finally {
                database.stop();
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a project's API keys (never the keys).")
    public static final class List extends OnProject {
        public List(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        @Override
        int run(ProjectStore projects, PrintWriter out, PrintWriter err) {
            Function<Optional<?>, String> orDash = value -> value.map(Object::toString).orElse("-");
            out.println("ID                    PREFIX    CREATED                      LAST USED");
            for (ApiKey key : projects.listApiKeys(projectId)) {
                out.printf("%-21s %-9s %-28s %s%n", key.id(), key.prefix().orElse("-"), key.createdAt(),
                        orDash.apply(key.lastUsedAt()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key for a project and print it (shown once).")
    public static final class Create extends OnProject {
        public Create(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        @Override
        int run(ProjectStore projects, PrintWriter out, PrintWriter err) {
            String apiKey = ApiKeys.newApiKey();
            ApiKey created = projects.createApiKey(projectId, ApiKeys.hash(apiKey), ApiKey.prefixOf(apiKey));
            out.println("key id: " + created.id());
            out.println("api key (shown once, store it now): " + apiKey);
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke an API key of a project: every hub refuses it at once.")
    public static final class Revoke extends OnProject {
        @Parameters(index = "1", paramLabel = "KEY_ID", description = "The key's id (key_...), as 'list' shows it.")
        String keyId;

        public Revoke(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        @Override
        int run(ProjectStore projects, PrintWriter out, PrintWriter err) {
            // the command line holds no key of its own, so it may revoke the last one
            return switch (projects.revokeApiKey(projectId, keyId, Optional.empty())) {
                case REVOKED -> {
                    out.println("revoked " + keyId + " of project " + projectId);
                    yield ExitCodes.OK;
                }
                case NOT_FOUND, LAST_KEY -> {
                    err.println("project " + projectId + " has no API key '" + keyId + "'");
                    yield ExitCodes.FAILED;
                }
            };
        }
    }
}
