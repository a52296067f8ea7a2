package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.Problem;
import org.connectorhub.hub.http.ProblemMapper;
import org.connectorhub.hub.http.PublicUrl;
import org.connectorhub.hub.projects.Project;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.hub.storage.CurrentActor;

/**
 * What every console page goes through: the session cookie (else the "sign in" page), and for every
 * POST the cross-site checks (Sec-Fetch-Site, Origin, then the session's CSRF token). The handler
 * runs as the console session, so the audit trail names it. Pages are written with the same strict
 * Content-Security-Policy as the Hub page.
 */
public final class ConsoleGuard {
    public static final String COOKIE = "hub_console";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-src 'self'; frame-ancestors 'none'";

    /** The signed-in operator of one request. */
    public record Operator(ConsoleSession session, Project project, String csrf) {
        public Caller caller() {
            return new Caller(Caller.Kind.CONSOLE, session.id());
        }

        @Override
        public String toString() {
            return "Operator[session=" + session.id() + "]";
        }
    }

    @FunctionalInterface
    public interface ConsoleHandler {
        void handle(Context ctx, Operator operator) throws Exception;
    }

    private final ConsoleSignIn signIn;
    private final ProjectStore projects;
    private final PublicUrl publicUrl;

    @Inject
    public ConsoleGuard(ConsoleSignIn signIn, ProjectStore projects, PublicUrl publicUrl) {
        this.signIn = requireNonNull(signIn, "signIn is null");
        this.projects = requireNonNull(projects, "projects is null");
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    /** A page to read: signed in, or the sign-in page. */
    public Handler page(ConsoleHandler handler) {
        return ctx -> run(ctx, handler, false);
    }

    /** A state-changing request: signed in, same-origin, and carrying the session's CSRF token. */
    public Handler form(ConsoleHandler handler) {
        return ctx -> run(ctx, handler, true);
    }

    private void run(Context ctx, ConsoleHandler handler, boolean changes) throws Exception {
        if (changes && !sameOrigin(ctx)) {
            refuse(ctx);
            return;
        }
        String token = ctx.cookie(COOKIE);
        Optional<ConsoleSession> session = signIn.open(token);
        Optional<Project> project = session.flatMap(s -> projects.find(s.projectId()));
        if (project.isEmpty()) {
            ConsolePages.send(ctx, 401, ConsolePages.signedOut("Sign in to the console",
                    "You are not signed in, or your session ended after 8 idle hours.",
                    "Run bin/hub console link on the hub's machine and open the link it prints."));
            return;
        }
        String csrf = ConsoleSignIn.csrfToken(token);
        if (changes) {
            String presented = Optional.ofNullable(ctx.header("X-CSRF-Token")).orElseGet(() -> ctx.formParam(ConsoleRoutes.CSRF_FIELD));
            if (presented == null || !ApiKeys.sameHash(presented, csrf)) {
                refuse(ctx);
                return;
            }
        }
        Operator operator = new Operator(session.get(), project.get(), csrf);
        CurrentActor.set(new CurrentActor.Actor(operator.caller(), Optional.empty(), Optional.ofNullable(ctx.ip())));
        try {
            handler.handle(ctx, operator);
        } catch (ConnectorHubException e) {
            Problem problem = ProblemMapper.toProblem(e);
            ConsolePages.send(ctx, problem.status(), ConsolePages.failure(operator, problem.title(), problem.detail()));
        } catch (ApiException e) {
            Problem problem = e.problem();
            ConsolePages.send(ctx, problem.status(), ConsolePages.failure(operator, problem.title(), problem.detail()));
        } finally {
            CurrentActor.clear();
        }
    }

    private static void refuse(Context ctx) {
        ConsolePages.send(ctx, 403, ConsolePages.signedOut("Request refused",
                "This request did not come from the console's own pages, so nothing was changed.",
                "Go back to the console and try again from there."));
    }

    /**
     * Browsers say where a request came from: a cross-site Sec-Fetch-Site or a foreign Origin is
     * refused before the cookie is even looked at (SameSite=Strict already keeps the cookie away).
     */
    boolean sameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        String presented = origin.toLowerCase(Locale.ROOT);
        return presented.equals(originOf(publicUrl.base())) || presented.equals(originOf(ctx.scheme() + "://" + ctx.host()));
    }

    private static String originOf(String url) {
        try {
            URI uri = URI.create(url);
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return (uri.getScheme() + "://" + uri.getHost() + port).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Sets the session cookie: HttpOnly, SameSite=Strict, Secure when the hub is reached over https. */
    void setCookie(Context ctx, String token) {
        ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + ConsoleSignIn.IDLE_EXPIRY.toSeconds() + (secure() ? "; Secure" : ""));
    }

    void clearCookie(Context ctx) {
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (secure() ? "; Secure" : ""));
    }

    private boolean secure() {
        return publicUrl.base().toLowerCase(Locale.ROOT).startsWith("https://");
    }
}
