package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.postmark.PostmarkCredentialSchema.ACCOUNT_TOKEN;
import static org.connectorhub.postmark.PostmarkCredentialSchema.ACCOUNT_TOKEN_LABEL;
import static org.connectorhub.postmark.PostmarkCredentialSchema.SCOPE_ACCOUNT;
import static org.connectorhub.postmark.PostmarkCredentialSchema.SCOPE_SERVER;
import static org.connectorhub.postmark.PostmarkCredentialSchema.SERVER_TOKEN;
import static org.connectorhub.postmark.PostmarkCredentialSchema.SERVER_TOKEN_LABEL;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.domain.VerificationOutcome.Rejected;
import org.connectorhub.core.domain.VerificationOutcome.Unavailable;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.connectorhub.core.spi.AuthVerifier;

/**
 * Asks Postmark about the tokens with its cheapest calls: {@code GET /server} for the server
 * token, {@code GET /servers?count=1&offset=0} for the account token. Only Postmark's 401 is a
 * rejection; timeouts, 5xx, 429 and unreadable answers are {@link Unavailable}. When a token is
 * refused, it is tried as the other kind, to tell a user who pasted it in the wrong field.
 */
public final class PostmarkAuthVerifier implements AuthVerifier {
    static final String REJECTED = "rejected";
    static final String WRONG_FIELD = "wrong_token_type";
    static final String ACCOUNT_IN_SERVER_FIELD_HINT = "This is an Account API Token; paste it under Account API "
            + "Token. The Server API Token is on your server's API Tokens tab.";
    static final String SERVER_IN_ACCOUNT_FIELD_HINT = "This is a Server API Token; paste it under Server API "
            + "Token. The Account API Token is under Account > API Tokens (Account Owners and Admins only).";
    static final String SANDBOX_WARNING = "This Postmark server is in Sandbox mode: Postmark accepts emails "
            + "but does not deliver them.";
    static final String TEST_MODE_WARNING = "POSTMARK_API_TEST is Postmark's test token: sends are validated "
            + "but never delivered, and only send_email and send_email_batch work in test mode. It cannot have "
            + "webhooks: no bounces, deliveries or inbound email reach the platform for it.";
    static final ProviderAccount TEST_ACCOUNT = new ProviderAccount("test", "Postmark test token");

    private final PostmarkClients clients;

    PostmarkAuthVerifier(PostmarkClients clients) {
        this.clients = requireNonNull(clients, "clients is null");
    }

    /** What one token check found. */
    private sealed interface Check {
    }

    private record Accepted(Optional<PostmarkServerInfo> server) implements Check {
    }

    private record Refused() implements Check {
    }

    private record Down(Unavailable outcome) implements Check {
    }

    @Override
    public VerificationOutcome verify(Credentials credentials) {
        requireNonNull(credentials, "credentials is null");
        Optional<String> serverToken = credentials.get(SERVER_TOKEN);
        Optional<String> accountToken = credentials.get(ACCOUNT_TOKEN);
        if (serverToken.isEmpty()) {
            return Rejected.of(new FieldError(SERVER_TOKEN, "required", SERVER_TOKEN_LABEL + " is required.",
                    PostmarkCredentialSchema.SERVER_TOKEN_HELP));
        }
        if (accountToken.filter(PostmarkCredentialSchema::isTestToken).isPresent()) {
            return Rejected.of(new FieldError(ACCOUNT_TOKEN, WRONG_FIELD,
                    "POSTMARK_API_TEST is a test Server API Token, not an Account API Token.",
                    SERVER_IN_ACCOUNT_FIELD_HINT));
        }

        boolean test = PostmarkCredentialSchema.isTestToken(serverToken.get());
        // The test token's behaviour on GET /server is undocumented: it is not asked.
        Check server = test ? new Accepted(Optional.empty()) : checkServer(serverToken.get());
        if (server instanceof Down down) {
            return down.outcome();
        }
        Optional<Check> account = accountToken.map(this::checkAccount);
        if (account.isPresent() && account.get() instanceof Down down) {
            return server instanceof Refused ? rejectServer(serverToken.get(), List.of()) : down.outcome();
        }

        List<FieldError> errors = new ArrayList<>();
        if (account.isPresent() && account.get() instanceof Refused) {
            errors.add(accountError(accountToken.get(), server instanceof Accepted));
        }
        if (server instanceof Refused) {
            return rejectServer(serverToken.get(), errors);
        }
        if (!errors.isEmpty()) {
            return new Rejected(errors);
        }

        Set<String> scopes = new LinkedHashSet<>();
        scopes.add(SCOPE_SERVER);
        if (account.isPresent()) {
            scopes.add(SCOPE_ACCOUNT);
        }
        if (test) {
            return new Verified(scopes, TEST_ACCOUNT, Mode.TEST, List.of(TEST_MODE_WARNING));
        }
        PostmarkServerInfo info = ((Accepted) server).server().orElseThrow();
        List<String> warnings = "Sandbox".equalsIgnoreCase(info.deliveryType()) ? List.of(SANDBOX_WARNING) : List.of();
        return new Verified(scopes, new ProviderAccount(String.valueOf(info.id()), info.name()), Mode.PRODUCTION,
                warnings);
    }

    private Rejected rejectServer(String serverToken, List<FieldError> accountErrors) {
        List<FieldError> errors = new ArrayList<>();
        if (!PostmarkCredentialSchema.isTestToken(serverToken) && checkAccount(serverToken) instanceof Accepted) {
            errors.add(new FieldError(SERVER_TOKEN, WRONG_FIELD,
                    "This is an Account API Token, not a Server API Token.", ACCOUNT_IN_SERVER_FIELD_HINT));
        } else {
            errors.add(new FieldError(SERVER_TOKEN, REJECTED, "Postmark did not accept the Server API Token.",
                    PostmarkCredentialSchema.SERVER_TOKEN_HELP));
        }
        errors.addAll(accountErrors);
        return new Rejected(errors);
    }

    private FieldError accountError(String accountToken, boolean serverTokenFine) {
        String serverSays = serverTokenFine ? " The Server API Token is fine." : "";
        if (checkServer(accountToken) instanceof Accepted) {
            return new FieldError(ACCOUNT_TOKEN, WRONG_FIELD,
                    "This is a Server API Token, not an Account API Token." + serverSays, SERVER_IN_ACCOUNT_FIELD_HINT);
        }
        return new FieldError(ACCOUNT_TOKEN, REJECTED, "Postmark did not accept the Account API Token." + serverSays,
                PostmarkCredentialSchema.ACCOUNT_TOKEN_HELP);
    }

    private Check checkServer(String token) {
        try {
            PostmarkServerInfo info = PostmarkCall.run(SERVER_TOKEN_LABEL, () -> clients.server().server(token));
            if (info.id() == null || info.name() == null) {
                return unexpected();
            }
            return new Accepted(Optional.of(info));
        } catch (RuntimeException e) {
            return failed(SERVER_TOKEN_LABEL, e);
        }
    }

    private Check checkAccount(String token) {
        try {
            JsonNode page = PostmarkCall.run(ACCOUNT_TOKEN_LABEL, () -> clients.account().servers(token, 1, 0));
            if (!page.path("TotalCount").isIntegralNumber() || !page.path("Servers").isArray()) {
                return unexpected();
            }
            return new Accepted(Optional.empty());
        } catch (RuntimeException e) {
            return failed(ACCOUNT_TOKEN_LABEL, e);
        }
    }

    private static Check failed(String tokenLabel, RuntimeException e) {
        ConnectorHubException translated = PostmarkCall.translate(tokenLabel, e);
        if (translated instanceof CredentialsRevokedException) {
            return new Refused();
        }
        if (translated instanceof ProviderUnavailableException unavailable) {
            return new Down(new Unavailable(unavailable.getMessage(), unavailable.retryAfter()));
        }
        // A 404 or 422 on these calls is not an answer about the token: Postmark misbehaves.
        return new Down(Unavailable.of("Postmark answered the verification call unexpectedly ("
                + translated.code() + ")."));
    }

    private static Check unexpected() {
        return new Down(Unavailable.of("Postmark answered the verification call with an unexpected body."));
    }
}
