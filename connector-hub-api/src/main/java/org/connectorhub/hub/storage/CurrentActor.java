package org.connectorhub.hub.storage;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Supplier;
import org.connectorhub.core.domain.Caller;

/**
 * Who is making the change this thread is running, for the audit trail: set by the HTTP layer's
 * authentication around each request (API key id or Hub page session, and the client's address),
 * by the CLI around a command (the OS user), and by the hub's own jobs. Never a secret. Without
 * one, a change is the hub's own ({@link Caller#SYSTEM}), e.g. a host application's embedded call.
 */
public final class CurrentActor {
    /** The actor: who, on whose behalf (a Hub page session acts for its owner), from where. */
    public record Actor(Caller caller, Optional<String> ownerId, Optional<String> sourceIp) {
        public Actor {
            requireNonNull(caller, "caller is null");
            requireNonNull(ownerId, "ownerId is null");
            requireNonNull(sourceIp, "sourceIp is null");
        }

        public static Actor of(Caller caller) {
            return new Actor(caller, Optional.empty(), Optional.empty());
        }
    }

    public static final Actor SYSTEM = Actor.of(Caller.SYSTEM);

    private static final ThreadLocal<Actor> CURRENT = new ThreadLocal<>();

    private CurrentActor() {
    }

    public static Actor get() {
        Actor actor = CURRENT.get();
        return actor == null ? SYSTEM : actor;
    }

    /** Runs {@code work} as {@code actor}, then puts back whoever was there before. */
    public static <T> T as(Actor actor, Supplier<T> work) {
        Actor previous = CURRENT.get();
        CURRENT.set(requireNonNull(actor, "actor is null"));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** For wrappers that cannot pass a supplier (a handler that throws): pair with {@link #clear}. */
    public static void set(Actor actor) {
        CURRENT.set(requireNonNull(actor, "actor is null"));
    }

    public static void clear() {
        CURRENT.remove();
    }
}
