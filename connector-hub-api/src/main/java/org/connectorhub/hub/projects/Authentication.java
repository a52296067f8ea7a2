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

    @Inject
    public Authentication(ProjectStore projects, ConnectSessions sessions, AuthFailureLimiter limiter) {
        this.projects = requireNonNull(projects, "projects is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.limiter = requireNonNull(limiter, "limiter is null");
    }

    public Handler platform(ProjectHandler handler) {
        return ctx -> handler.handle(ctx, project(ctx));
    }

    public Handler endUser(SessionHandler handler) {
        return ctx -> handler.handle(ctx, session(ctx));
    }

    Project project(Context ctx) {
        String key = bearer(ctx).orElseThrow(() -> ApiException.unauthorized("unauthorized",
                "Send the project API key as 'Authorization: Bearer <key>'."));
        String address = ctx.ip();
        limiter.checkAllowed(address);
        return projects.findByApiKeyHash(ApiKeys.hash(key)).orElseThrow(() -> {
            limiter.failed(address);
            return ApiException.unauthorized("unauthorized", "The API key is not valid.");
        });
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
