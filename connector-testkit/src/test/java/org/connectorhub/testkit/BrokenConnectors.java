package org.connectorhub.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.ConnectorDescriptor;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.CredentialSchema;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.ImmutableActionDescriptor;
import org.connectorhub.core.domain.ImmutableConnectorDescriptor;
import org.connectorhub.core.domain.ImmutableCredentialField;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.domain.VerificationOutcome.Rejected;
import org.connectorhub.core.domain.VerificationOutcome.Unavailable;
import org.connectorhub.core.spi.AuthVerifier;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.core.spi.ConnectorFactory;
import org.connectorhub.testkit.example.calendly.CalendlyConnectorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example Calendly connector with one deliberate fault each, for the kit to prove that the
 * contract catches it. Each is a {@link ConnectorFactory} that spoils the real connector.
 */
final class BrokenConnectors {
    private static final Logger log = LoggerFactory.getLogger(BrokenConnectors.class);

    private BrokenConnectors() {
    }

    /** Puts the token into the outcome's message, so the outcome's {@code toString()} prints it. */
    static ConnectorFactory tokenInOutcome() {
        return spoil(real -> new Spoiled(real, real.descriptor(), credentials -> {
            VerificationOutcome outcome = real.verifier().verify(credentials);
            String token = firstValue(real, credentials);
            if (outcome instanceof Rejected) {
                return Rejected.of(FieldError.of(firstKey(real), "rejected", "Calendly refused the token " + token));
            }
            if (outcome instanceof Unavailable unavailable) {
                return new Unavailable(unavailable.reason() + " (token " + token + ")", unavailable.retryAfter());
            }
            return outcome;
        }, real.actions()));
    }

    /** Logs the token while verifying. */
    static ConnectorFactory tokenInLogs() {
        return spoil(real -> new Spoiled(real, real.descriptor(), credentials -> {
            log.debug("verifying Calendly token {}", firstValue(real, credentials));
            return real.verifier().verify(credentials);
        }, real.actions()));
    }

    /** Wraps an action's failure in an exception whose message carries the token. */
    static ConnectorFactory tokenInExceptionMessage() {
        return spoil(real -> new Spoiled(real, real.descriptor(), real.verifier(),
                real.actions().stream().map(action -> (ConnectorAction) new SpoiledAction(action.descriptor(), request -> {
                    try {
                        return action.execute(request);
                    } catch (ConnectorHubException e) {
                        throw new IllegalStateException("Calendly call with token "
                                + firstValue(real, request.credentials()) + " failed", e);
                    }
                })).toList()));
    }

    /** Reports every outage (5xx, 429, timeout, garbage) as a bad token. */
    static ConnectorFactory outageAsRejection() {
        return spoil(real -> new Spoiled(real, real.descriptor(), credentials -> {
            VerificationOutcome outcome = real.verifier().verify(credentials);
            return outcome instanceof Unavailable
                    ? Rejected.of(FieldError.of(firstKey(real), "rejected", "Calendly refused the token."))
                    : outcome;
        }, real.actions()));
    }

    /** The token field is not marked secret. */
    static ConnectorFactory tokenFieldNotSecret() {
        return spoil(real -> {
            List<CredentialField> fields = real.descriptor().credentialSchema().fields().stream()
                    .map(f -> (CredentialField) ImmutableCredentialField.copyOf(f).withSecret(false)).toList();
            ConnectorDescriptor descriptor = ImmutableConnectorDescriptor.copyOf(real.descriptor())
                    .withCredentialSchema(new CredentialSchema(fields));
            return new Spoiled(real, descriptor, real.verifier(), real.actions());
        });
    }

    /**
     * The core refuses a blank scope when the descriptor is built, so the nearest thing to an
     * action without a scope is one whose scope the connector never declares: no account can
     * ever be granted it.
     */
    static ConnectorFactory actionScopeNotDeclared() {
        return spoil(real -> new Spoiled(real, real.descriptor(), real.verifier(),
                real.actions().stream().map(action -> (ConnectorAction) new SpoiledAction(
                        ImmutableActionDescriptor.copyOf(action.descriptor()).withScope("admin"), action::execute))
                        .toList()));
    }

    /** Calls the provider before it looks at the input. */
    static ConnectorFactory callsProviderBeforeCheckingInput() {
        return spoil(real -> new Spoiled(real, real.descriptor(), real.verifier(),
                real.actions().stream().map(action -> (ConnectorAction) new SpoiledAction(action.descriptor(), request -> {
                    real.verifier().verify(request.credentials());
                    return action.execute(request);
                })).toList()));
    }

    /** Also sends the token in a query parameter, where access logs and proxies keep it. */
    static ConnectorFactory tokenInQuery() {
        return spoil((real, config) -> new Spoiled(real, real.descriptor(), credentials -> {
            String token = URLEncoder.encode(firstValue(real, credentials), StandardCharsets.UTF_8);
            URI me = URI.create(config.get(ConnectorConfig.BASE_URL).orElseThrow() + "/users/me?access_token=" + token);
            try {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(me).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // the real check below decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.verifier().verify(credentials);
        }, real.actions()));
    }

    // ---------------------------------------------------------------- writes and retries

    /** Sends a cancellation again after a dropped connection, as a naive retry-on-IOException wrapper does. */
    static ConnectorFactory writesTwiceOnDroppedConnection() {
        return spoilWrites(request -> e -> e.getCause() instanceof IOException && !(e.getCause() instanceof HttpTimeoutException));
    }

    /** Sends a cancellation again after a 500 without Retry-After. */
    static ConnectorFactory writesTwiceOnBareServerError() {
        return spoilWrites(request -> e -> e.getCause() == null && e.retryAfter().isEmpty()
                && String.valueOf(e.getMessage()).contains("500"));
    }

    /** Retries a timed-out verification (a GET) for as long as it times out, ignoring max_attempts. */
    static ConnectorFactory retriesTimedOutVerificationForever() {
        return spoil(real -> new Spoiled(real, real.descriptor(), credentials -> {
            VerificationOutcome outcome;
            do {
                outcome = real.verifier().verify(credentials);
            } while (outcome instanceof Unavailable u && u.reason().contains("HttpTimeoutException")
                    && !Thread.currentThread().isInterrupted());
            return outcome;
        }, real.actions()));
    }

    /** Runs a failing read (list_event_types) up to three more times on top of the client's own retries. */
    static ConnectorFactory retriesReadsBeyondMaxAttempts() {
        return spoil(real -> new Spoiled(real, real.descriptor(), real.verifier(),
                real.actions().stream().map(action -> !action.descriptor().idempotent() ? action
                        : (ConnectorAction) new SpoiledAction(action.descriptor(), request -> {
                            for (int extra = 0; ; extra++) {
                                try {
                                    return action.execute(request);
                                } catch (ProviderUnavailableException e) {
                                    if (extra == 3) {
                                        throw e;
                                    }
                                }
                            }
                        })).toList()));
    }

    // ---------------------------------------------------------------- logs outside SLF4J, or only on failure

    /** Logs the token through java.util.logging at FINE. */
    static ConnectorFactory tokenInJulLogs() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("org.connectorhub.testkit.example.calendly.Jul");
        return spoilVerification((token, outcome) -> jul.fine("verified with token " + token));
    }

    /** Logs the Authorization header through java.lang.System.Logger at DEBUG. */
    static ConnectorFactory tokenInSystemLogger() {
        System.Logger logger = System.getLogger("org.connectorhub.testkit.example.calendly.SystemLogger");
        return spoilVerification((token, outcome) -> logger.log(System.Logger.Level.DEBUG, "Authorization: Bearer {0}", token));
    }

    /** Prints the token to stdout. */
    static ConnectorFactory tokenOnStdout() {
        return spoilVerification((token, outcome) -> System.out.println("calendly token " + token));
    }

    /** Logs the request headers, token included, only when a request times out. */
    static ConnectorFactory headersLoggedOnTimeout() {
        return spoilVerification((token, outcome) -> {
            if (outcome instanceof Unavailable u && u.reason().contains("HttpTimeoutException")) {
                log.warn("Calendly timed out; request headers: Authorization=Bearer {}, Accept=application/json", token);
            }
        });
    }

    // ---------------------------------------------------------------- secrets by evidence, schema limits

    /** The token field is called {@code pat}, labelled "Calendly PAT" and not marked secret: no name gives it away. */
    static ConnectorFactory tokenFieldNamedPatNotSecret() {
        return spoil(real -> {
            String realKey = firstKey(real);
            List<CredentialField> fields = real.descriptor().credentialSchema().fields().stream()
                    .map(f -> (CredentialField) ImmutableCredentialField.copyOf(f).withKey(PAT).withLabel("Calendly PAT")
                            .withSecret(false)).toList();
            ConnectorDescriptor descriptor = ImmutableConnectorDescriptor.copyOf(real.descriptor())
                    .withCredentialSchema(new CredentialSchema(fields));
            Function<Credentials, Credentials> toReal = c -> Credentials.of(realKey, c.get(PAT).orElse(""));
            return new Spoiled(real, descriptor, credentials -> {
                VerificationOutcome outcome = real.verifier().verify(toReal.apply(credentials));
                return outcome instanceof Rejected ? Rejected.of(FieldError.of(PAT, "rejected", "Calendly refused the PAT."))
                        : outcome;
            }, real.actions().stream().map(action -> (ConnectorAction) new SpoiledAction(action.descriptor(),
                    request -> action.execute(new ActionRequest(toReal.apply(request.credentials()), request.mode(),
                            request.providerAccount(), request.input(), request.idempotencyKey())))).toList());
        });
    }

    static final String PAT = "pat";

    /**
     * {@code cancel_event} checks that {@code event_uuid} is a string but not its pattern, and
     * puts it into the path as it is: {@code ../../users/me} reaches the provider.
     */
    static ConnectorFactory checksTypeButNotPattern() {
        return spoil((real, config) -> new Spoiled(real, real.descriptor(), real.verifier(),
                real.actions().stream().map(action -> !action.descriptor().name().equals("cancel_event") ? action
                        : (ConnectorAction) new SpoiledAction(action.descriptor(), request -> {
                            Object uuid = request.input().get("event_uuid");
                            if (!(uuid instanceof String text) || text.matches("[A-Za-z0-9-]{1,64}")) {
                                return action.execute(request); // the real checks, for everything but the pattern
                            }
                            URI cancel = URI.create(config.get(ConnectorConfig.BASE_URL).orElseThrow()
                                    + "/scheduled_events/" + text + "/cancellation");
                            send(HttpRequest.newBuilder(cancel).POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .header("Authorization", "Bearer " + firstValue(real, request.credentials())));
                            return Map.of("event_uuid", text);
                        })).toList()));
    }

    private static void send(HttpRequest.Builder request) {
        try {
            HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the contract counts what reached the fake
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** cancel_event, which runs the real action and runs it again when {@code again} says so. */
    private static ConnectorFactory spoilWrites(
            Function<ActionRequest, java.util.function.Predicate<ProviderUnavailableException>> again) {
        return spoil(real -> new Spoiled(real, real.descriptor(), real.verifier(),
                real.actions().stream().map(action -> action.descriptor().idempotent() ? action
                        : (ConnectorAction) new SpoiledAction(action.descriptor(), request -> {
                            try {
                                return action.execute(request);
                            } catch (ProviderUnavailableException e) {
                                if (again.apply(request).test(e)) {
                                    return action.execute(request);
                                }
                                throw e;
                            }
                        })).toList()));
    }

    /** The real verification, then {@code after} with the token and the outcome. */
    private static ConnectorFactory spoilVerification(java.util.function.BiConsumer<String, VerificationOutcome> after) {
        return spoil(real -> new Spoiled(real, real.descriptor(), credentials -> {
            VerificationOutcome outcome = real.verifier().verify(credentials);
            if (outcome instanceof Verified || outcome instanceof Unavailable) {
                after.accept(firstValue(real, credentials), outcome);
            }
            return outcome;
        }, real.actions()));
    }

    /** The example without its actions: fine when the connector does not claim SUPPORTS_ACTIONS. */
    static ConnectorFactory withoutActions() {
        return spoil(real -> new Spoiled(real, real.descriptor(), real.verifier(), List.of()));
    }

    private static ConnectorFactory spoil(UnaryOperator<Connector> spoiler) {
        return spoil((real, config) -> spoiler.apply(real));
    }

    private static ConnectorFactory spoil(BiFunction<Connector, ConnectorConfig, Connector> spoiler) {
        return new ConnectorFactory() {
            @Override
            public String provider() {
                return CalendlyConnectorFactory.PROVIDER;
            }

            @Override
            public Connector create(ConnectorConfig config) {
                return spoiler.apply(new CalendlyConnectorFactory().create(config), config);
            }
        };
    }

    private static String firstKey(Connector connector) {
        return connector.descriptor().credentialSchema().fields().get(0).key();
    }

    private static String firstValue(Connector connector, Credentials credentials) {
        return credentials.get(firstKey(connector)).orElse("");
    }

    private record Spoiled(Connector real, ConnectorDescriptor descriptor, AuthVerifier verifier,
            List<ConnectorAction> actions) implements Connector {
        Spoiled {
            requireNonNull(real, "real is null");
        }

        @Override
        public void close() {
            real.close();
        }
    }

    private record SpoiledAction(ActionDescriptor descriptor, java.util.function.Function<ActionRequest, Object> handler)
            implements ConnectorAction {
        @Override
        public Object execute(ActionRequest request) {
            return handler.apply(request);
        }
    }
}
