package org.connectorhub.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.ConnectorDescriptor;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.CredentialSchema;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.ScopeDescriptor;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.spi.AuthVerifier;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.core.spi.ProxySupport;

/** A connector whose verifier answers what the test scripted, counting calls. */
final class ScriptedConnector implements Connector {
    static final String PROVIDER = "acme";

    final AtomicInteger verifications = new AtomicInteger();
    final AtomicInteger actionCalls = new AtomicInteger();
    final List<Credentials> actionCredentials = new ArrayList<>();
    volatile VerificationOutcome next;
    volatile RuntimeException actionFailure;
    /** Runs once during the next verification, e.g. to race another writer. */
    volatile Runnable onVerify;
    /** The passthrough, when the test gives one; none by default. */
    volatile ProxySupport proxy;

    private final ConnectorDescriptor descriptor = ConnectorDescriptor.builder()
            .provider(PROVIDER)
            .displayName("Acme")
            .credentialSchema(CredentialSchema.of(
                    CredentialField.builder().key("api_key").label("API Key").description("The key")
                            .help("Settings > API").pattern("[a-z0-9]{8,}")
                            .patternMessage("An Acme key has at least 8 lower-case letters or digits.")
                            .scope("read").build(),
                    CredentialField.builder().key("admin_key").label("Admin Key").description("Admin")
                            .help("Settings > Admin").required(false).scope("admin").build()))
            .addScopes(new ScopeDescriptor("read", "Read things"), new ScopeDescriptor("admin", "Manage things"))
            .build();

    @Override
    public ConnectorDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public AuthVerifier verifier() {
        return credentials -> {
            verifications.incrementAndGet();
            Runnable race = onVerify;
            onVerify = null;
            if (race != null) {
                race.run();
            }
            return next;
        };
    }

    @Override
    public java.util.Optional<ProxySupport> proxy() {
        return java.util.Optional.ofNullable(proxy);
    }

    @Override
    public List<ConnectorAction> actions() {
        return List.of(action("list_things", "read"), action("delete_everything", "admin"));
    }

    private ConnectorAction action(String name, String scope) {
        ActionDescriptor descriptor = ActionDescriptor.builder().name(name).description(name).scope(scope)
                .inputSchema(Map.of("type", "object")).build();
        return new ConnectorAction() {
            @Override
            public ActionDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Object execute(ActionRequest request) {
                actionCalls.incrementAndGet();
                actionCredentials.add(request.credentials());
                if (actionFailure != null) {
                    throw actionFailure;
                }
                return Map.of("ran", name);
            }
        };
    }
}
