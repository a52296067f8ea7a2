package org.connectorhub.hub.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.ConnectorDescriptor;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.ScopeDescriptor;
import org.connectorhub.core.domain.StatusReason;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;

/**
 * The wire shapes of API v1, written out member by member (snake_case) so that what goes out is
 * exactly what the API documents and nothing more: an account carries the names of its
 * credential fields, never values or ciphertext.
 */
public final class WireJson {
    private WireJson() {
    }

    public static Map<String, Object> account(LinkedAccount account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", account.id());
        json.put("provider", account.provider());
        json.put("origin_owner_id", account.originOwnerId());
        json.put("origin_owner_name", account.originOwnerName());
        json.put("origin_username", account.originUsername().orElse(null));
        json.put("label", account.label().orElse(null));
        json.put("metadata", new TreeMap<>(account.metadata()));
        json.put("status", account.status().wireName());
        json.put("status_reasons", account.statusReasons().stream().map(WireJson::statusReason).toList());
        json.put("mode", account.mode().wireName());
        json.put("scopes", List.copyOf(new TreeSet<>(account.scopes())));
        Map<String, Object> providerAccount = new LinkedHashMap<>();
        providerAccount.put("id", account.providerAccount().id());
        providerAccount.put("name", account.providerAccount().name());
        json.put("provider_account", providerAccount);
        json.put("credential_fields", List.copyOf(new TreeSet<>(account.credentialFields())));
        json.put("created_at", time(account.createdAt()));
        json.put("updated_at", time(account.updatedAt()));
        json.put("last_verified_at", account.lastVerifiedAt().map(WireJson::time).orElse(null));
        json.put("version", account.version());
        return json;
    }

    public static Map<String, Object> linkedAccount(LinkedAccount account, List<String> warnings) {
        Map<String, Object> json = account(account);
        json.put("warnings", warnings);
        return json;
    }

    private static Map<String, Object> statusReason(StatusReason reason) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", reason.code());
        json.put("description", reason.description());
        json.put("at", time(reason.at()));
        reason.by().ifPresent(by -> json.put("by", by));
        return json;
    }

    public static Map<String, Object> connector(Connector connector) {
        ConnectorDescriptor descriptor = connector.descriptor();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provider", descriptor.provider());
        json.put("name", descriptor.displayName());
        json.put("docs_url", descriptor.docsUrl().orElse(null));
        List<Map<String, Object>> fields = new ArrayList<>();
        for (CredentialField field : descriptor.credentialSchema().fields()) {
            fields.add(field(field));
        }
        json.put("fields", fields);
        json.put("credentials_schema", descriptor.credentialSchema().toJsonSchema());
        json.put("scopes", descriptor.scopes().stream().map(WireJson::scope).toList());
        List<Map<String, Object>> actions = new ArrayList<>();
        for (ConnectorAction action : connector.actions()) {
            actions.add(action(action.descriptor()));
        }
        json.put("actions", actions);
        json.put("test_credentials", new TreeMap<>(descriptor.testCredentials()));
        return json;
    }

    private static Map<String, Object> field(CredentialField field) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", field.key());
        json.put("label", field.label());
        json.put("description", field.description());
        json.put("help", field.help());
        json.put("placeholder", field.placeholder());
        json.put("secret", field.secret());
        json.put("required", field.required());
        json.put("scope", field.scope().orElse(null));
        json.put("pattern", field.pattern().orElse(null));
        json.put("pattern_message", field.patternMessage());
        json.put("unlocks", field.unlocks());
        return json;
    }

    private static Map<String, Object> scope(ScopeDescriptor scope) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", scope.key());
        json.put("description", scope.description());
        return json;
    }

    private static Map<String, Object> action(ActionDescriptor action) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", action.name());
        json.put("description", action.description());
        json.put("scope", action.scope());
        json.put("idempotent", action.idempotent());
        json.put("input_schema", action.inputSchema());
        return json;
    }

    public static List<Map<String, Object>> fieldErrors(List<FieldError> errors) {
        return errors.stream().map(Problem::fieldError).toList();
    }

    public static String time(Instant instant) {
        return instant.toString();
    }
}
