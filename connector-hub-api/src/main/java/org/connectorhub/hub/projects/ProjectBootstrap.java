package org.connectorhub.hub.projects;

import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.config.ProjectsConfig;
import org.connectorhub.hub.config.HttpConfig;
import org.connectorhub.hub.lifecycle.Lifecycle;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the {@code default} project exists and can be reached: with
 * {@code HUB_BOOTSTRAP_API_KEY} that key opens it; without, a key is generated the first time
 * and printed once on the console (never logged). Later starts print nothing. With
 * {@code HUB_ALLOWED_ORIGINS} those origins replace the default project's on every start.
 */
@Singleton
public final class ProjectBootstrap implements Lifecycle {
    public static final String DEFAULT_PROJECT_ID = "default";
    private static final Logger LOG = LoggerFactory.getLogger(ProjectBootstrap.class);

    private final HttpConfig http;
    private final ProjectsConfig config;
    private final ProjectStore projects;
    private final PrintStream console;

    @Inject
    public ProjectBootstrap(HttpConfig http, ProjectsConfig config, ProjectStore projects,
            @Named("console") PrintStream console) {
        this.http = requireNonNull(http, "http is null");
        this.config = requireNonNull(config, "config is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.console = requireNonNull(console, "console is null");
    }

    @Override
    public int phase() {
        return BOOTSTRAP;
    }

    @Override
    public void start() {
        ensureDefaultProject();
        if (!http.allowedOrigins().isEmpty()) {
            // HUB_ALLOWED_ORIGINS is the operator's word: it replaces what was stored, on every start
            projects.setAllowedOrigins(DEFAULT_PROJECT_ID, http.allowedOrigins());
            LOG.info("default project: origins allowed to embed the Hub page: {}", http.allowedOrigins());
        }
    }

    private void ensureDefaultProject() {
        if (config.bootstrapApiKey().isPresent()) {
            // adds the key when it is new; a no-op on later starts
            projects.createIfAbsent(DEFAULT_PROJECT_ID, "Default", ApiKeys.hash(config.bootstrapApiKey().get()));
            return;
        }
        if (projects.find(DEFAULT_PROJECT_ID).isPresent() && projects.hasAnyApiKey(DEFAULT_PROJECT_ID)) {
            return;
        }
        String apiKey = ApiKeys.newApiKey();
        projects.createIfAbsent(DEFAULT_PROJECT_ID, "Default", ApiKeys.hash(apiKey));
        LOG.warn("Created an API key for the default project; it is printed once on standard output. Store it now.");
        console.println("Default project API key (shown once, store it now): " + apiKey);
        console.flush();
    }

    @Override
    public void stop() {
    }
}
