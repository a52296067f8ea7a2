package org.connectorhub.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.domain.VerificationOutcome.Rejected;
import org.connectorhub.core.domain.VerificationOutcome.Unavailable;
import org.connectorhub.core.spi.AuthVerifier;
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
