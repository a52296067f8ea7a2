package org.connectorhub.core.domain;

import static java.util.Objects.requireNonNull;

/**
 * Who made a call or a change: the kind of credential and its id (an API key's id, a session's
 * id, an agent token's id, an OS user name), never the secret itself.
 */
public record Caller(Kind kind, String id) {
    public enum Kind {
        API_KEY("api_key"), HUB_SESSION("hub_session"), CONSOLE("console"), AGENT_TOKEN("agent_token"),
        CLI("cli"), EMBEDDED("embedded"), SYSTEM("system"), PROVIDER("provider");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Kind fromWireName(String value) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown caller kind: " + value);
        }
    }

    /** The hub itself (scheduled re-checks, housekeeping). */
    public static final Caller SYSTEM = new Caller(Kind.SYSTEM, "hub");

    public Caller {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
    }

    @Override
    public String toString() {
        return kind.wireName() + ":" + id;
    }
}
