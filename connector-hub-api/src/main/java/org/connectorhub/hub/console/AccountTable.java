package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.Mode;

/**
 * The rows of the console's Accounts page: only the columns it shows (no sealed credentials to
 * read), filtered in the database and paged by id (keyset, no offset).
 */
public interface AccountTable {
    int MAX_PAGE_SIZE = 200;

    /** Every filter is optional; {@code owner} matches an owner id exactly or the start of an owner name (case-sensitive). */
    record Filter(String projectId, Optional<AccountStatus> status, Optional<String> provider, Optional<Mode> mode,
            Optional<String> owner, Optional<String> after, int pageSize) {
        public Filter {
            requireNonNull(projectId, "projectId is null");
            requireNonNull(status, "status is null");
            requireNonNull(provider, "provider is null");
            requireNonNull(mode, "mode is null");
            requireNonNull(owner, "owner is null");
            requireNonNull(after, "after is null");
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("page size must be between 1 and " + MAX_PAGE_SIZE);
            }
        }
    }

    record Row(String id, String provider, Mode mode, AccountStatus status, String ownerId, String ownerName,
            Optional<String> label, String providerAccountName, Instant createdAt, Optional<Instant> lastVerifiedAt) {
        /** The label the operator gave, else the provider account's name. */
        public String name() {
            return label.filter(l -> !l.isBlank()).orElse(providerAccountName);
        }
    }

    /** Ordered by id; one row more than the page size when there is a next page. */
    List<Row> list(Filter filter);
}
