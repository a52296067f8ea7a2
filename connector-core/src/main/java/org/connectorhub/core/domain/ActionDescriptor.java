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

    @Value.Check
    protected void check() {
        if (!name().matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("action name must be snake_case: " + name());
        }
        if (scope().isBlank()) {
            throw new IllegalArgumentException("action " + name() + " declares no scope");
        }
    }

    public static ImmutableActionDescriptor.Builder builder() {
        return ImmutableActionDescriptor.builder();
    }
}
