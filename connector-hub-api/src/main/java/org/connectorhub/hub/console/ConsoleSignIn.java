package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.http.PublicUrl;
import org.connectorhub.hub.projects.ProjectStore;

/**
 * Operators sign in to the console with a one-time link (10 minutes, usable once) and get a session
 * kept in the database (so any hub serves it) that ends after 8 idle hours or on sign-out. Link and
 * session tokens are stored only as hashes; the CSRF token is derived from the session token, so it
 * is stored nowhere and the database alone cannot forge it.
 */
public final class ConsoleSignIn {
    public static final Duration LINK_LIFE = Duration.ofMinutes(10);
    public static final Duration IDLE_EXPIRY = Duration.ofHours(8);
    public static final String SIGN_IN_PATH = "/console/sign-in";
    static final String LINK_TOKEN_PREFIX = "chl_";
    static final String SESSION_TOKEN_PREFIX = "chc_";
    // last_seen_at is written at most this often, not on every page view
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A sign-in link; {@code toString} leaves the token out. */
    public record SignInLink(String url, Instant expiresAt) {
        public SignInLink {
            requireNonNull(url, "url is null");
            requireNonNull(expiresAt, "expiresAt is null");
        }

        @Override
        public String toString() {
            return "SignInLink[expiresAt=" + expiresAt + "]";
        }
    }

    /** The outcome of a sign-in: a session and its cookie token when {@code state} is {@code SIGNED_IN}. */
    public record SignedIn(ConsoleSessionStore.LinkState state, Optional<ConsoleSession> session,
            Optional<String> sessionToken) {
        @Override
        public String toString() {
            return "SignedIn[state=" + state + "]";
        }
    }

    private final ConsoleSessionStore store;
    private final ProjectStore projects;
    private final PublicUrl publicUrl;
    private final Clock clock;

    @Inject
    public ConsoleSignIn(ConsoleSessionStore store, ProjectStore projects, PublicUrl publicUrl, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** @throws IllegalArgumentException the project does not exist */
    public SignInLink issue(String projectId) {
        if (projects.find(projectId).isEmpty()) {
            throw new IllegalArgumentException("no project '" + projectId + "'");
        }
        String token = LINK_TOKEN_PREFIX + random(32);
        Instant now = clock.instant();
        Instant expires = now.plus(LINK_LIFE);
        store.insertLink(ApiKeys.newId("csl_"), ApiKeys.hash(token), projectId, now, expires);
        return new SignInLink(publicUrl.base() + SIGN_IN_PATH + "?token=" + token, expires);
    }

    /** Whether a link was ever issued for the project. */
    public boolean everIssued(String projectId) {
        return store.hasAnyLink(projectId);
    }

    public SignedIn signIn(String linkToken) {
        if (linkToken == null || linkToken.isBlank() || linkToken.length() > 200) {
            return new SignedIn(ConsoleSessionStore.LinkState.UNKNOWN, Optional.empty(), Optional.empty());
        }
        Instant now = clock.instant();
        ConsoleSessionStore.Redemption redemption = store.redeem(ApiKeys.hash(linkToken), now);
        if (redemption.state() != ConsoleSessionStore.LinkState.SIGNED_IN) {
            return new SignedIn(redemption.state(), Optional.empty(), Optional.empty());
        }
        String token = SESSION_TOKEN_PREFIX + random(32);
        ConsoleSession session = new ConsoleSession(ApiKeys.newId("con_"), redemption.projectId().orElseThrow(), now, now);
        store.insertSession(session, ApiKeys.hash(token));
        return new SignedIn(redemption.state(), Optional.of(session), Optional.of(token));
    }

    /** The session the cookie opens, if it exists and was used within the idle expiry. */
    public Optional<ConsoleSession> open(String sessionToken) {
        if (sessionToken == null || !sessionToken.startsWith(SESSION_TOKEN_PREFIX) || sessionToken.length() > 200) {
            return Optional.empty();
        }
        Optional<ConsoleSession> found = store.findSession(ApiKeys.hash(sessionToken));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSession session = found.get();
        Instant now = clock.instant();
        if (!now.isBefore(session.lastSeenAt().plus(IDLE_EXPIRY))) {
            store.deleteSession(session.id());
            return Optional.empty();
        }
        if (!now.isBefore(session.lastSeenAt().plus(TOUCH_EVERY))) {
            store.touch(session.id(), now);
        }
        return found;
    }

    public void signOut(ConsoleSession session) {
        store.deleteSession(session.id());
    }

    /** The session's CSRF token: a hash of the session token under its own label. */
    public static String csrfToken(String sessionToken) {
        return ApiKeys.hash("console-csrf:" + requireNonNull(sessionToken, "sessionToken is null")).substring(0, 43);
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return new String(Base64.getUrlEncoder().withoutPadding().encode(random), StandardCharsets.US_ASCII);
    }
}
