package org.connectorhub.hub.config;

import java.util.Optional;
import org.immutables.value.Value;

/** The default project's API key ({@code HUB_BOOTSTRAP_API_KEY}); without one, a key is generated once. */
@Value.Immutable
public abstract class ProjectsConfig {
    @Value.Redacted
    public abstract Optional<String> bootstrapApiKey();
}
