package org.connectorhub.hub.projects;

import org.connectorhub.hub.crypto.ApiKeys;

import org.connectorhub.hub.http.ApiException;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import org.connectorhub.hub.sessions.ConnectSession;
import org.connectorhub.hub.sessions.ConnectSessions;
import org.connectorhub.hub.sessions.SessionException;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.storage.CurrentActor;

/**
 * Bearer authentication: platform endpoints take a project API key, end-user endpoints a connect
 * session token. Both are found by the hash of the presented value (an indexed lookup; nothing
 * compares secrets byte by byte), and neither value is ever logged.
 */
public final class Authentication {
    /** A handler that runs with the authenticated project. */
    @FunctionalInterface
    public interface ProjectHandler {
        void handle(Context ctx, Project project) throws Exception;
    }

    /** A handler that runs with the open connect session. */
    @FunctionalInterface
    public interface SessionHandler {
        void handle(Context ctx, ConnectSession session) throws Exception;
    }

    private final ProjectStore projects;
    private final ConnectSessions sessions;
    private final AuthFailureLimiter limiter;
    private final ApiKeyUsage usage;

    @Inject
    public Authentication(ProjectStore projects, ConnectSessions sessions, AuthFailureLimiter limiter, ApiKeyUsage usage) {
        this.projects = requireNonNull(projects, "projects is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.limiter = requireNonNull(limiter, "limiter is null");
        this.usage = requireNonNull(usage, "usage is null");
    }

    private static final String CALLER = "hub.caller";

    /** Runs the handler with the project; the request's {@link #caller} is the key's id. */
    public Handler platform(ProjectHandler handler) {
        return ctx -> {
            Project project = project(ctx);
            // the audit trail names this key and address for whatever the request changes
            CurrentActor.set(new CurrentActor.Actor(caller(ctx), Optional.empty(), Optional.ofNullable(ctx.ip())));
            try {
                handler.handle(ctx, project);
            } finally {
                CurrentActor.clear();
            }
        };
    }

    /** Runs the handler with the session; the request's {@link #caller} is the session's id. */
    public Handler endUser(SessionHandler handler) {
        return ctx -> {
            ConnectSession session = session(ctx);
            Caller caller = new Caller(Caller.Kind.HUB_SESSION, session.id());
            ctx.attribute(CALLER, caller);
            CurrentActor.set(new CurrentActor.Actor(caller, Optional.of(session.originOwnerId()),
                    Optional.ofNullable(ctx.ip())));
            try {
                handler.handle(ctx, session);
            } finally {
                CurrentActor.clear();
            }
        };
    }

    /** Who made this authenticated request: an id, never the key or token. */
    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return caller;
    }

    Project project(Context ctx) {
        String key = bearer(ctx).orElseThrow(() -> ApiException.unauthorized("unauthorized",
                "Send the project API key as 'Authorization: Bearer <key>'."));
        String address = ctx.ip();
        limiter.checkAllowed(address);
        String hash = ApiKeys.hash(key);
        Project project = projects.findByApiKeyHash(hash).orElseThrow(() -> {
            limiter.failed(address);
            return ApiException.unauthorized("unauthorized", "The API key is not valid.");
        });
        String keyId = ApiKeys.keyId(hash);
        ctx.attribute(CALLER, new Caller(Caller.Kind.API_KEY, keyId));
        usage.used(keyId);
        return project;
    }

    ConnectSession session(Context ctx) {
        String token = bearer(ctx).orElseThrow(() -> new SessionException(SessionException.INVALID,
                "Send the connect session token as 'Authorization: Bearer <token>'."));
        return sessions.open(token);
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String credential = value.substring(7).strip();
        return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
    }
}
