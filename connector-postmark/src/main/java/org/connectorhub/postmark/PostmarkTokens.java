package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.MissingScopeException;
import org.connectorhub.core.spi.ActionRequest;

/** The clients for one action request's tokens; in test mode the server client always uses the test token. */
final class PostmarkTokens {
    private final PostmarkClients clients;
    private final ActionRequest request;

    PostmarkTokens(PostmarkClients clients, ActionRequest request) {
        this.clients = requireNonNull(clients, "clients is null");
        this.request = requireNonNull(request, "request is null");
    }

    PostmarkServerApi server() {
        // A test-mode account can only ever reach Postmark's test facility, whatever is stored.
        return clients.server(request.mode() == Mode.TEST ? PostmarkCredentialSchema.TEST_TOKEN
                : request.credentials().require(PostmarkCredentialSchema.SERVER_TOKEN));
    }

    PostmarkAccountApi account() {
        return clients.account(request.credentials().get(PostmarkCredentialSchema.ACCOUNT_TOKEN)
                .orElseThrow(() -> new MissingScopeException(PostmarkCredentialSchema.SCOPE_ACCOUNT,
                        "This action needs the Account API Token; add it to this account.")));
    }

    String labelFor(String scope) {
        return PostmarkCredentialSchema.SCOPE_ACCOUNT.equals(scope) ? PostmarkCredentialSchema.ACCOUNT_TOKEN_LABEL
                : PostmarkCredentialSchema.SERVER_TOKEN_LABEL;
    }

    @Override
    public String toString() {
        return "PostmarkTokens{mode=" + request.mode() + "}";
    }
}
