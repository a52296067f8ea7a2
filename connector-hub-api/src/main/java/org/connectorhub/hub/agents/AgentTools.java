package org.connectorhub.hub.agents;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Page;
import org.connectorhub.core.port.in.ManageAccountsUseCase;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.hub.accounts.CachingAccountStore;

/**
 * The tools of an account or of an agent token: one per action the account's scopes allow (and
 * the token allows), described for a model: what it does and what it costs.
 */
public final class AgentTools {
    /** Enough for any one end user; a token over more accounts than this sees the first ones. */
    static final int MAX_ACCOUNTS = 100;

    private final ManageAccountsUseCase accounts;
    private final CachingAccountStore cached;
    private final ConnectorRegistry connectors;

    @Inject
    public AgentTools(ManageAccountsUseCase accounts, CachingAccountStore cached, ConnectorRegistry connectors) {
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.cached = requireNonNull(cached, "cached is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
    }

    /** The tools of one account, names unprefixed (the project API key's view). */
    public List<AgentTool> forAccount(String projectId, String accountId) {
        LinkedAccount account = accounts.get(projectId, accountId);
        return tools(account, Optional.empty(), action -> true, false);
    }

    /**
     * The tool of this name on the account, also when the account's scopes do not allow it (not
     * listed, but a call answers why: missing scope).
     */
    public Optional<AgentTool> findForAccount(String projectId, String accountId, String name) {
        return tools(accounts.get(projectId, accountId), Optional.empty(), action -> true, true).stream()
                .filter(tool -> tool.name().equals(name)).findFirst();
    }

    /** The tools of a token: its account, or every account of its origin owner (names prefixed with a handle). */
    public List<AgentTool> forToken(AgentToken token) {
        return forToken(token, false);
    }

    private List<AgentTool> forToken(AgentToken token, boolean unscoped) {
        List<AgentTool> tools = new ArrayList<>();
        if (token.accountId().isPresent()) {
            try {
                tools.addAll(tools(accounts.get(token.projectId(), token.accountId().get()), Optional.empty(),
                        token::allows, unscoped));
            } catch (org.connectorhub.core.domain.AccountNotFoundException deleted) {
                // the account was deleted: the token has no tools left
            }
            return tools;
        }
        Page<LinkedAccount> page = accounts.list(new AccountQuery(token.projectId(), token.originOwnerId(),
                Optional.empty(), Optional.empty(), MAX_ACCOUNTS, Optional.empty()));
        for (LinkedAccount account : page.items()) {
            tools.addAll(tools(account, Optional.of(handle(account.id())), token::allows, unscoped));
        }
        return tools;
    }

    /** The tool of this name among the token's, if any; also one its account's scopes do not allow (see above). */
    public Optional<AgentTool> find(AgentToken token, String name) {
        if (token.accountId().isPresent()) {
            // the call path: the short-lived cached row the action service reads too, and only this action
            if (!token.allows(name)) {
                return Optional.empty();
            }
            return cached.find(token.projectId(), token.accountId().get())
                    .flatMap(account -> tools(account, Optional.empty(), name::equals, true).stream().findFirst());
        }
        return forToken(token, true).stream().filter(tool -> tool.name().equals(name)).findFirst();
    }

    /** A short, stable handle of an account: six characters of its id. */
    static String handle(String accountId) {
        String id = accountId.substring(accountId.indexOf('_') + 1).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
        return id.substring(0, Math.min(6, id.length()));
    }

    private List<AgentTool> tools(LinkedAccount account, Optional<String> handle,
            java.util.function.Predicate<String> allowed, boolean unscoped) {
        Optional<Connector> connector = connectors.find(account.provider());
        if (connector.isEmpty()) {
            return List.of();
        }
        String provider = connector.get().descriptor().displayName();
        String on = account.label().map(label -> " Account: " + label + " (" + provider + ", " + account.id() + ").")
                .orElse(" Account: " + provider + ", " + account.id() + ".");
        List<AgentTool> tools = new ArrayList<>();
        for (ConnectorAction action : connector.get().actions()) {
            ActionDescriptor descriptor = action.descriptor();
            // a tool the account's scopes do not allow would only ever fail: not listed
            if ((!unscoped && !account.scopes().contains(descriptor.scope())) || !allowed.test(descriptor.name())) {
                continue;
            }
            String name = handle.map(h -> h + "__" + descriptor.name()).orElse(descriptor.name());
            tools.add(new AgentTool(name, title(descriptor.name()),
                    descriptor.description() + " " + cost(descriptor, provider) + (handle.isPresent() ? on : ""),
                    schema(descriptor), account.id(), account.provider(), descriptor));
        }
        return tools;
    }

    static String title(String name) {
        String words = name.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** What calling it costs, in words a model weighs: real emails, deletions, or nothing. */
    static String cost(ActionDescriptor descriptor, String provider) {
        if (descriptor.sends()) {
            return "Sends real email to real people through " + provider + "; it cannot be recalled. Counts against "
                    + "this agent's sending limits. Use it only when the user asked for this message to go out.";
        }
        if (descriptor.readOnly()) {
            return "Read-only: changes nothing; safe to call to look things up.";
        }
        if (descriptor.destructive()) {
            return "Deletes data at " + provider + "; it cannot be undone. Confirm with the user first.";
        }
        return "Changes data at " + provider + ".";
    }

    /** The action's schema without the dialect line; writes take an optional idempotency key. */
    static Map<String, Object> schema(ActionDescriptor descriptor) {
        Map<String, Object> schema = new LinkedHashMap<>(descriptor.inputSchema());
        schema.remove("$schema");
        schema.putIfAbsent("type", "object");
        if (!descriptor.readOnly()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = new LinkedHashMap<>(
                    (Map<String, Object>) schema.getOrDefault("properties", Map.of()));
            properties.put(AgentTool.IDEMPOTENCY_KEY, Map.of("type", "string", "minLength", 1, "maxLength", 255,
                    "description", "Optional. Repeat a call with the same key to get the first answer again instead "
                            + "of running it twice (use it when retrying)."));
            schema.put("properties", properties);
        }
        return schema;
    }
}
