package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.MissingScopeException;
import org.connectorhub.core.spi.ActionRequest;

/**
 * The tokens of one action request, read from its credentials when a call needs them and handed
 * straight to the client method; in test mode the server token is always the test token. Lives
 * for one call.
 */
final class PostmarkTokens {
    private final ActionRequest request;

    PostmarkTokens(ActionRequest request) {
        this.request = requireNonNull(request, "request is null");
    }

    String server() {
        // A test-mode account can only ever reach Postmark's test facility, whatever is stored.
        return request.mode() == Mode.TEST ? PostmarkCredentialSchema.TEST_TOKEN
                : request.credentials().require(PostmarkCredentialSchema.SERVER_TOKEN);
    }

    String account() {
        return request.credentials().get(PostmarkCredentialSchema.ACCOUNT_TOKEN)
                .orElseThrow(() -> new MissingScopeException(PostmarkCredentialSchema.SCOPE_ACCOUNT,
                        "This action needs the Account API Token; add it to this account."));
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
