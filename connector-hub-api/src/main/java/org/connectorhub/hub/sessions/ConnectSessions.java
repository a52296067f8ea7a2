package org.connectorhub.hub.sessions;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.UnknownProviderException;
import org.connectorhub.core.port.in.LinkAccountUseCase;
import org.connectorhub.core.port.in.LinkCommand;
import org.connectorhub.core.port.in.LinkResult;
import org.connectorhub.core.port.in.ManageAccountsUseCase;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.hub.crypto.ApiKeys;

/**
 * Connect sessions: created by a platform for one owner, opened by the end user's token, used up
 * by one successful link. Reading the session (to show the Hub page) works until it expires, also
 * after it was used; linking again answers {@code session_used}.
 */
public final class ConnectSessions {
    private final SessionStore store;
    private final ConnectorRegistry connectors;
    private final ManageAccountsUseCase accounts;
    private final LinkAccountUseCase linker;
    private final Clock clock;

    @Inject
    public ConnectSessions(SessionStore store, ConnectorRegistry connectors, ManageAccountsUseCase accounts,
            LinkAccountUseCase linker, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.linker = requireNonNull(linker, "linker is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @throws UnknownProviderException the provider is not installed
     * @throws AccountNotFoundException the account to re-link is not this owner's (or provider's)
     */
    public CreatedSession create(String projectId, NewSession request) {
        request.provider().ifPresent(provider -> connectors.find(provider)
                .orElseThrow(() -> new UnknownProviderException("No connector for provider '" + provider + "'.")));
        Optional<String> provider = request.provider();
        if (request.accountId().isPresent()) {
            LinkedAccount account = accounts.get(projectId, request.accountId().get());
            if (!account.originOwnerId().equals(request.originOwnerId())
                    || (provider.isPresent() && !provider.get().equals(account.provider()))) {
                throw new AccountNotFoundException("No account " + account.id() + " for this owner and provider.");
            }
            provider = Optional.of(account.provider());
        }
        Instant now = clock.instant();
        ConnectSession session = new ConnectSession(ApiKeys.newId("cs_"), projectId, request.originOwnerId(),
                request.originOwnerName(), request.originUsername(), provider, request.accountId(),
                request.metadata(), now, now.plus(request.expiresIn()), Optional.empty(), Optional.empty());
        String token = ApiKeys.newSessionToken();
        store.insert(session, ApiKeys.hash(token));
        return new CreatedSession(session, token);
    }

    /** The session the token opens, used or not; throws unless it exists and has not expired. */
    public ConnectSession open(String token) {
        ConnectSession session = store.findByTokenHash(ApiKeys.hash(requireNonNull(token, "token is null")))
                .orElseThrow(() -> new SessionException(SessionException.INVALID, "The connect session is not valid."));
        if (session.expiredAt(clock.instant())) {
            throw new SessionException(SessionException.EXPIRED, "The connect session has expired.");
        }
        return session;
    }

    /**
     * Links an account for the session's owner; the session is used up when it succeeds and stays
     * usable when the link fails (wrong token, provider down).
     */
    public LinkResult link(ConnectSession session, String provider, Credentials credentials, Optional<String> label) {
        if (session.used()) {
            throw new SessionException(SessionException.USED, "The connect session was already used.");
        }
        if (session.provider().isPresent() && !session.provider().get().equals(provider)) {
            throw InvalidInputException.onField("provider", "This session links only " + session.provider().get()
                    + " accounts.");
        }
        if (!store.claim(session.id(), clock.instant())) {
            throw new SessionException(SessionException.USED, "The connect session was already used.");
        }
        try {
            LinkResult result = linker.link(new LinkCommand(session.projectId(), provider, session.originOwnerId(),
                    session.originOwnerName(), session.originUsername(), label, session.metadata(), credentials,
                    session.accountId()));
            store.linked(session.id(), result.account().id());
            return result;
        } catch (RuntimeException e) {
            store.release(session.id());
            throw e;
        }
    }
}
