package org.connectorhub.hub.audit;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.StatusReason;
import org.connectorhub.hub.accounts.AccountChangeListener;
import org.connectorhub.hub.storage.AuditTrail;

/**
 * Account changes as audit entries, inside the change's transaction: {@code account.linked},
 * {@code account.relinked} (new credentials), {@code account.updated}, {@code account.suspended},
 * {@code account.resumed}, {@code account.status_changed} (a check or a refused call), and
 * {@code account.deleted}. The bookkeeping of a check that changed nothing writes no entry.
 * Credentials appear only as {@code "replaced"}.
 */
@Singleton
public final class AuditAccountListener implements AccountChangeListener {
    private final AuditTrail audit;

    @Inject
    public AuditAccountListener(AuditTrail audit) {
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Override
    public void changed(Connection connection, Optional<LinkedAccount> before, Optional<LinkedAccount> after)
            throws SQLException {
        LinkedAccount account = after.or(() -> before).orElseThrow();
        Optional<String> type;
        Map<String, Object> changes;
        if (before.isEmpty()) {
            type = Optional.of("account.linked");
            changes = created(after.get());
        } else if (after.isEmpty()) {
            type = Optional.of("account.deleted");
            changes = deleted(before.get());
        } else {
            changes = diff(before.get(), after.get());
            type = type(before.get(), after.get(), changes);
        }
        if (type.isPresent()) {
            audit.record(connection, new AuditTrail.Change(account.projectId(), type.get(), account.id(), changes));
        }
    }

    static Optional<String> type(LinkedAccount old, LinkedAccount now, Map<String, Object> changes) {
        if (old.status() != AccountStatus.SUSPENDED && now.status() == AccountStatus.SUSPENDED) {
            return Optional.of("account.suspended");
        }
        if (old.status() == AccountStatus.SUSPENDED && now.status() != AccountStatus.SUSPENDED) {
            return Optional.of("account.resumed");
        }
        if (changes.containsKey("credentials")) {
            return Optional.of("account.relinked");
        }
        if (old.status() != now.status()) {
            return Optional.of("account.status_changed");
        }
        changes.remove("status_reasons");
        return changes.isEmpty() ? Optional.empty() : Optional.of("account.updated");
    }

    private static Map<String, Object> created(LinkedAccount a) {
        Map<String, Object> after = summary(a);
        return Map.of("after", after);
    }

    private static Map<String, Object> deleted(LinkedAccount a) {
        return Map.of("before", summary(a));
    }

    private static Map<String, Object> summary(LinkedAccount a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provider", a.provider());
        json.put("origin_owner_id", a.originOwnerId());
        json.put("status", a.status().wireName());
        json.put("mode", a.mode().wireName());
        json.put("scopes", new TreeSet<>(a.scopes()));
        json.put("provider_account_id", a.providerAccount().id());
        json.put("credential_fields", new TreeSet<>(a.credentialFields()));
        a.label().ifPresent(label -> json.put("label", label));
        return json;
    }

    /** Only the fields that changed, each as {before, after}. */
    static Map<String, Object> diff(LinkedAccount a, LinkedAccount b) {
        Map<String, Object> changes = new LinkedHashMap<>();
        put(changes, "status", a.status().wireName(), b.status().wireName());
        put(changes, "status_reasons", reasons(a.statusReasons()), reasons(b.statusReasons()));
        put(changes, "label", a.label().orElse(null), b.label().orElse(null));
        put(changes, "metadata", a.metadata(), b.metadata());
        put(changes, "origin_owner_name", a.originOwnerName(), b.originOwnerName());
        put(changes, "origin_username", a.originUsername().orElse(null), b.originUsername().orElse(null));
        put(changes, "mode", a.mode().wireName(), b.mode().wireName());
        put(changes, "scopes", new TreeSet<>(a.scopes()), new TreeSet<>(b.scopes()));
        put(changes, "provider_account_id", a.providerAccount().id(), b.providerAccount().id());
        put(changes, "provider_account_name", a.providerAccount().name(), b.providerAccount().name());
        put(changes, "credential_fields", new TreeSet<>(a.credentialFields()), new TreeSet<>(b.credentialFields()));
        if (!Arrays.equals(a.sealedCredentials(), b.sealedCredentials())) {
            // new ciphertext through the store is new credentials (re-sealing after a rotation bypasses it)
            changes.put("credentials", "replaced");
        }
        return changes;
    }

    private static List<String> reasons(List<StatusReason> reasons) {
        return reasons.stream().map(r -> r.code() + ": " + r.description()).toList();
    }

    private static void put(Map<String, Object> changes, String field, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("before", before);
            change.put("after", after);
            changes.put(field, change);
        }
    }
}
