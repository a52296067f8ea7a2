package org.connectorhub.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.MissingScopeException;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.UnknownActionException;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.connectorhub.core.port.in.LinkCommand;
import org.connectorhub.core.port.in.RunActionCommand;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.VerificationObserver;
import org.connectorhub.core.domain.AccountSuspendedException;
import org.connectorhub.core.domain.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActionServiceTest {
    private static final String PROJECT = "prj_1";

    private final ScriptedConnector connector = new ScriptedConnector();
    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final XorTestCipher cipher = new XorTestCipher();
    private ActionService actions;
    private LinkedAccount account;

    @BeforeEach
    void setUp() {
        ConnectorRegistry registry = ConnectorRegistry.of(Map.of(ScriptedConnector.PROVIDER, connector));
        AccountService accounts = new AccountService(registry, store, cipher, Clock.systemUTC(), VerificationObserver.NONE);
        actions = new ActionService(registry, store, cipher, Clock.systemUTC());
        connector.next = new Verified(Set.of("read"), new ProviderAccount("42", "S"), Mode.PRODUCTION, List.of());
        account = accounts.link(LinkCommand.of(PROJECT, ScriptedConnector.PROVIDER, "owner",
                Credentials.of("api_key", "secretkey123"))).account();
    }

    private Object run(String action) {
        return actions.run(new RunActionCommand(PROJECT, account.id(), action, Map.of(), Optional.empty()));
    }

    @Test
    void runsTheActionWithTheOpenedCredentials() {
        assertThat(run("list_things")).isEqualTo(Map.of("ran", "list_things"));
        assertThat(connector.actionCredentials).containsExactly(Credentials.of("api_key", "secretkey123"));
    }

    @Test
    void missingScopeIsRefusedBeforeAnyProviderCallAndNamesTheFieldToAdd() {
        assertThatThrownBy(() -> run("delete_everything"))
                .isInstanceOfSatisfying(MissingScopeException.class, e -> {
                    assertThat(e.scope()).isEqualTo("admin");
                    assertThat(e.getMessage()).contains("Admin Key");
                });
        assertThat(connector.actionCalls).hasValue(0);
    }

    @Test
    void aSuspendedAccountRunsNothingAndSaysWhy() {
        AccountService accounts = new AccountService(ConnectorRegistry.of(Map.of(ScriptedConnector.PROVIDER, connector)),
                store, cipher, Clock.systemUTC(), VerificationObserver.NONE);
        accounts.suspend(PROJECT, account.id(), new Caller(Caller.Kind.API_KEY, "key_1"), Optional.of("Spam"));

        assertThatThrownBy(() -> run("list_things")).isInstanceOfSatisfying(AccountSuspendedException.class, e -> {
            assertThat(e.code()).isEqualTo("account_suspended");
            assertThat(e.reason()).contains("Spam");
        });
        assertThat(connector.actionCalls).hasValue(0);
        assertThat(connector.actionCredentials).isEmpty();
    }

    @Test
    void unknownActionIsReported() {
        assertThatThrownBy(() -> run("nope")).isInstanceOf(UnknownActionException.class);
    }

    @Test
    void revokedCredentialsMarkTheAccountInvalid() {
        connector.actionFailure = new CredentialsRevokedException("Acme rejected the stored API Key.");

        assertThatThrownBy(() -> run("list_things")).isInstanceOf(CredentialsRevokedException.class);

        assertThat(store.find(PROJECT, account.id()).orElseThrow().status()).isEqualTo(AccountStatus.INVALID);
    }

    @Test
    void providerOutageDuringAnActionLeavesTheAccountActive() {
        connector.actionFailure = new ProviderUnavailableException("down", Optional.empty());

        assertThatThrownBy(() -> run("list_things")).isInstanceOf(ProviderUnavailableException.class);

        assertThat(store.find(PROJECT, account.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
    }
}
