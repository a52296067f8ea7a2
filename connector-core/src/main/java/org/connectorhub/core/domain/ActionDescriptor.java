package org.connectorhub.core.domain;

import java.util.Map;
import org.immutables.value.Value;

/**
 * What an action is: its name, the scope it needs and the JSON Schema of its input, as data
 * (maps, lists, strings, numbers, booleans) so the core needs no JSON library.
 */
@Value.Immutable
public abstract class ActionDescriptor {
    public abstract String name();

    public abstract String description();

    public abstract String scope();

    public abstract Map<String, Object> inputSchema();

    /** True when running it twice has the effect of running it once. */
    @Value.Default
    public boolean idempotent() {
        return false;
    }

    /** True when it only reads: an agent may call it freely. */
    @Value.Default
    public boolean readOnly() {
        return false;
    }

    /** True when it deletes or overwrites something at the provider. */
    @Value.Default
    public boolean destructive() {
        return false;
    }

    /**
     * True when it sends messages to people (email): the action then reports its recipients
     * through {@link org.connectorhub.core.spi.ConnectorAction#messages}, so limits on sending
     * need not know the provider.
     */
    @Value.Default
    public boolean sends() {
        return false;
    }

    @Value.Check
    protected void check() {
        if (!name().matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("action name must be snake_case: " + name());
        }
        if (scope().isBlank()) {
            throw new IllegalArgumentException("action " + name() + " declares no scope");
        }
        if (readOnly() && (destructive() || sends())) {
            throw new IllegalArgumentException("action " + name() + " cannot read only and also delete or send");
        }
    }

    public static ImmutableActionDescriptor.Builder builder() {
        return ImmutableActionDescriptor.builder();
    }
}
