package org.connectorhub.hub.accounts;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.UUID;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.ImmutableLinkedAccount;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;

/** Test accounts with only the required fields set. */
final class Accounts {
    private Accounts() {
    }

    static String newId() {
        return "acc_" + UUID.randomUUID().toString().replace("-", "");
    }

    static ImmutableLinkedAccount account(String projectId, String owner, String providerAccountId) {
        Instant now = Instant.parse("2026-01-02T03:04:05.123456Z");
        return LinkedAccount.builder()
                .id(newId())
                .projectId(projectId)
                .provider("postmark")
                .originOwnerId(owner)
                .status(AccountStatus.ACTIVE)
                .mode(Mode.PRODUCTION)
                .providerAccount(new ProviderAccount(providerAccountId, "Server " + providerAccountId))
                .addCredentialFields("server_token")
                .sealedCredentials(("sealed-" + providerAccountId).getBytes(UTF_8))
                .createdAt(now)
                .updatedAt(now)
                .build();
    }
}
