package org.connectorhub.testkit.postmark;

import java.util.Locale;
import java.util.Optional;
import org.connectorhub.testkit.fake.FakeHandler;
import org.connectorhub.testkit.fake.FakeProviderServer;
import org.connectorhub.testkit.fake.FakeRequest;
import org.connectorhub.testkit.fake.FakeResponse;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;
import org.connectorhub.testkit.postmark.PostmarkWire.PostmarkError;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.testkit.postmark.FakePostmark.ACCOUNT_TOKEN_HEADER;
import static org.connectorhub.testkit.postmark.FakePostmark.SERVER_TOKEN_HEADER;
import static org.connectorhub.testkit.postmark.FakePostmark.TEST_TOKEN;
import static org.connectorhub.testkit.postmark.PostmarkState.key;

/**
 * The plumbing every API area shares: a route is registered as a server-token or account-token
 * route; the token header and media types are checked here, then the handler runs under the
 * state's lock, and a {@link PostmarkError} thrown by it becomes Postmark's error answer. The
 * request log is the underlying {@link FakeProviderServer}'s.
 */
final class PostmarkRoutes {
    /** What a server route does with {@value FakePostmark#TEST_TOKEN}. */
    enum TestToken { SEND, TEMPLATE_SEND, REJECT }

    /** A server-token route; {@code server} is null only for the test token on a {@link TestToken#SEND} route. */
    @FunctionalInterface
    interface ServerHandler {
        FakeResponse handle(FakeRequest request, ServerState server);
    }

    @FunctionalInterface
    interface AccountHandler {
        FakeResponse handle(FakeRequest request);
    }

    private final FakeProviderServer http;
    private final PostmarkState state;

    PostmarkRoutes(FakeProviderServer http, PostmarkState state) {
        this.http = requireNonNull(http, "http is null");
        this.state = requireNonNull(state, "state is null");
    }

    void server(String method, String path, TestToken testToken, ServerHandler handler) {
        http.route(method, path, guarded(request -> {
            Optional<String> token = request.header(SERVER_TOKEN_HEADER).map(String::trim).filter(value -> !value.isEmpty());
            if (token.isEmpty()) {
                return missingToken();
            }
            if (token.get().equalsIgnoreCase(TEST_TOKEN)) {
                return switch (testToken) {
                    case SEND -> handler.handle(request, null);
                    case TEMPLATE_SEND -> PostmarkWire.error(422, 1101,
                            "The template was not found: the test token belongs to no server and has no templates.");
                    case REJECT -> invalidToken("Server", SERVER_TOKEN_HEADER);
                };
            }
            ServerState server = state.serversByToken.get(key(token.get()));
            if (server == null) {
                return invalidToken("Server", SERVER_TOKEN_HEADER);
            }
            return handler.handle(request, server);
        }));
    }

    void account(String method, String path, AccountHandler handler) {
        http.route(method, path, guarded(request -> {
            Optional<String> token = request.header(ACCOUNT_TOKEN_HEADER).map(String::trim).filter(value -> !value.isEmpty());
            if (token.isEmpty()) {
                return missingToken();
            }
            if (!state.accountTokens.contains(key(token.get()))) {
                return invalidToken("Account", ACCOUNT_TOKEN_HEADER);
            }
            return handler.handle(request);
        }));
    }

    /** Media types first (as Postmark's web layer does), then the route under the lock; PostmarkErrors become answers. */
    private FakeHandler guarded(FakeHandler handler) {
        return request -> {
            String accept = request.header("Accept").orElse("").toLowerCase(Locale.ROOT);
            boolean acceptsJson = accept.contains("application/json") || accept.contains("application/*") || accept.contains("*/*");
            boolean hasBody = !request.body().isBlank()
                    && (request.method().equals("POST") || request.method().equals("PUT") || request.method().equals("PATCH"));
            boolean sendsJson = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT).startsWith("application/json");
            if (!acceptsJson || (hasBody && !sendsJson)) {
                return PostmarkWire.error(415, 409,
                        "JSON data required: send the 'Accept: application/json' and 'Content-Type: application/json' headers.");
            }
            try {
                synchronized (state.lock) {
                    return handler.handle(request);
                }
            } catch (PostmarkError e) {
                return e.response();
            }
        };
    }

    private static FakeResponse missingToken() {
        return PostmarkWire.error(401, 10, "No Account or Server API tokens were supplied in the HTTP headers. "
                + "Please add a header for either " + SERVER_TOKEN_HEADER + " or " + ACCOUNT_TOKEN_HEADER + ".");
    }

    private static FakeResponse invalidToken(String kind, String header) {
        return PostmarkWire.error(401, 10, "The " + kind + " API Token you provided in the " + header
                + " header was invalid. Please verify that you are using a valid token.");
    }
}
