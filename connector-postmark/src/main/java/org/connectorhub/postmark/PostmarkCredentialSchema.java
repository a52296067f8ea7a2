package org.connectorhub.postmark;

import java.util.List;
import java.util.Map;
import org.connectorhub.core.domain.ConnectorDescriptor;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.CredentialSchema;
import org.connectorhub.core.domain.ScopeDescriptor;

/** What a Postmark user fills in: a Server API Token, and an Account API Token if they manage servers. */
public final class PostmarkCredentialSchema {
    public static final String PROVIDER = "postmark";
    public static final String SERVER_TOKEN = "server_token";
    public static final String ACCOUNT_TOKEN = "account_token";
    public static final String SCOPE_SERVER = "server";
    public static final String SCOPE_ACCOUNT = "account";
    /** Postmark's documented test value for the server token: validates sends, delivers nothing. */
    public static final String TEST_TOKEN = "POSTMARK_API_TEST";

    static final String SERVER_TOKEN_LABEL = "Server API Token";
    static final String ACCOUNT_TOKEN_LABEL = "Account API Token";

    // Anchored and without inline flags, so the same text is a valid JSON Schema (ECMA-262) pattern.
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String SERVER_TOKEN_PATTERN = "^(?:" + UUID + "|" + TEST_TOKEN + ")$";
    static final String ACCOUNT_TOKEN_PATTERN = "^" + UUID + "$";
    private static final String EXAMPLE = "8c1d3f6e-1234-4bcd-9a8b-0123456789ab";

    static final String SERVER_TOKEN_HELP = "Found on your server's API Tokens tab in Postmark; visible to Account Owners, "
            + "Account Admins and Server Admins. POSTMARK_API_TEST validates requests without sending real emails.";
    static final String ACCOUNT_TOKEN_HELP = "Found under Account > API Tokens in Postmark; visible only to Account "
            + "Owners and Account Admins.";

    private static final CredentialSchema SCHEMA = CredentialSchema.of(
            CredentialField.builder()
                    .key(SERVER_TOKEN)
                    .label(SERVER_TOKEN_LABEL)
                    .description("Lets the hub send emails and read templates, messages, bounces, streams, "
                            + "webhooks and stats of one Postmark server.")
                    .help(SERVER_TOKEN_HELP)
                    .placeholder(EXAMPLE)
                    .secret(true)
                    .required(true)
                    .pattern(SERVER_TOKEN_PATTERN)
                    .patternMessage("A Postmark token looks like " + EXAMPLE + " (a UUID); for tests, "
                            + TEST_TOKEN + " is accepted too.")
                    .scope(SCOPE_SERVER)
                    .build(),
            CredentialField.builder()
                    .key(ACCOUNT_TOKEN)
                    .label(ACCOUNT_TOKEN_LABEL)
                    .description("Lets the hub manage the servers, sender signatures and domains of the "
                            + "Postmark account.")
                    .help(ACCOUNT_TOKEN_HELP)
                    .placeholder(EXAMPLE)
                    .secret(true)
                    .required(false)
                    .pattern(ACCOUNT_TOKEN_PATTERN)
                    .patternMessage("A Postmark token looks like " + EXAMPLE + " (a UUID).")
                    .scope(SCOPE_ACCOUNT)
                    .unlocks("Only needed to manage servers, sender signatures and domains")
                    .build());

    private static final List<ScopeDescriptor> SCOPES = List.of(
            new ScopeDescriptor(SCOPE_SERVER, "Send emails and read the templates, messages, bounces, message "
                    + "streams, webhooks, suppressions and stats of one server."),
            new ScopeDescriptor(SCOPE_ACCOUNT, "Manage the account's servers, sender signatures and domains."));

    private PostmarkCredentialSchema() {
    }

    public static CredentialSchema schema() {
        return SCHEMA;
    }

    public static List<ScopeDescriptor> scopes() {
        return SCOPES;
    }

    public static ConnectorDescriptor descriptor() {
        return ConnectorDescriptor.builder()
                .provider(PROVIDER)
                .displayName("Postmark")
                .credentialSchema(SCHEMA)
                .scopes(SCOPES)
                .testCredentials(Map.of(SERVER_TOKEN, TEST_TOKEN))
                .docsUrl("https://postmarkapp.com/developer")
                .build();
    }

    static boolean isTestToken(String token) {
        return TEST_TOKEN.equals(token);
    }
}
