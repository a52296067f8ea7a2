package org.connectorhub.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.ActionRun;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.MissingScopeException;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.UnknownActionException;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.connectorhub.core.port.in.LinkCommand;
import org.connectorhub.core.port.in.CheckedAction;
import org.connectorhub.core.port.in.RunActionCommand;
import org.connectorhub.core.domain.PolicyDeniedException;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.InputSchemaValidator;
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
    private final List<ActionRun> observed = new ArrayList<>();
    private final List<String> validated = new ArrayList<>();
    /** The schema check's answer: a fake of the port, as the hub's JSON Schema validator would give. */
    private List<FieldError> schemaErrors = List.of();
    private ActionService actions;
    private LinkedAccount account;

    @BeforeEach
    void setUp() {
        ConnectorRegistry registry = ConnectorRegistry.of(Map.of(ScriptedConnector.PROVIDER, connector));
        AccountService accounts = new AccountService(registry, store, cipher, Clock.systemUTC(), VerificationObserver.NONE);
        InputSchemaValidator validator = (provider, action, input) -> {
            validated.add(provider + "/" + action.name());
            return schemaErrors;
        };
        actions = new ActionService(registry, store, cipher, validator, observed::add, Clock.systemUTC());
        connector.next = new Verified(Set.of("read"), new ProviderAccount("42", "S"), Mode.PRODUCTION, List.of());
        account = accounts.link(LinkCommand.of(PROJECT, ScriptedConnector.PROVIDER, "owner",
                Credentials.of("api_key", "secretkey123"))).account();
    }

    private Object run(String action) {
        return actions.run(new RunActionCommand(PROJECT, account.id(), action, Map.of(), Optional.empty()));
    }

    @Test
    void checksTheInputOnceThenRunsAndReportsOk() {
        run("list_things");

        assertThat(validated).containsExactly(ScriptedConnector.PROVIDER + "/list_things");
        assertThat(observed).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("ok");
            assertThat(r.provider()).isEqualTo(ScriptedConnector.PROVIDER);
            assertThat(r.action()).isEqualTo("list_things");
            assertThat(r.accountId()).isEqualTo(account.id());
            assertThat(r.projectId()).isEqualTo(PROJECT);
        });
    }

    @Test
    void inputOffTheSchemaIsRefusedWithItsFieldErrorsBeforeTheCredentialsOpenOrTheProviderIsCalled() {
        schemaErrors = List.of(FieldError.of("to", "required", "$.to: is missing but it is required"),
                FieldError.of("track_opens", "type", "$.track_opens: string found, boolean expected"));
        int opened = cipher.opened();

        assertThatThrownBy(() -> run("list_things"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_input");
                    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("to", "track_opens");
                    assertThat(e.getMessage()).contains("list_things").contains("$.to: is missing");
                });
        assertThat(connector.actionCalls).hasValue(0);
        assertThat(cipher.opened()).isEqualTo(opened);
        assertThat(observed).extracting(ActionRun::outcome).containsExactly("invalid_input");
    }

    @Test
    void aMissingScopeIsRefusedBeforeTheInputIsChecked() {
        schemaErrors = List.of(FieldError.of("x", "type", "bad"));

        assertThatThrownBy(() -> run("delete_everything")).isInstanceOf(MissingScopeException.class);

        assertThat(validated).isEmpty();
        assertThat(observed).extracting(ActionRun::outcome).containsExactly("missing_scope");
    }

    @Test
    void aGateThatRefusesStopsTheCallAfterTheChecksAndBeforeTheCredentialsOpen() {
        int opened = cipher.opened();
        List<CheckedAction> seen = new ArrayList<>();

        assertThatThrownBy(() -> actions.run(new RunActionCommand(PROJECT, account.id(), "list_things", Map.of(),
                Optional.empty()), checked -> {
                    seen.add(checked);
                    throw new PolicyDeniedException("max_calls_per_hour", "no more calls");
                })).isInstanceOf(PolicyDeniedException.class);

        assertThat(seen).singleElement().satisfies(checked -> {
            assertThat(checked.accountId()).isEqualTo(account.id());
            assertThat(checked.provider()).isEqualTo(ScriptedConnector.PROVIDER);
            assertThat(checked.descriptor().name()).isEqualTo("list_things");
            assertThat(checked.messages()).isEmpty();
        });
        assertThat(validated).hasSize(1);
        assertThat(connector.actionCalls).hasValue(0);
        assertThat(cipher.opened()).isEqualTo(opened);
        assertThat(observed).extracting(ActionRun::outcome).containsExactly("policy_denied");
    }

    @Test
    void aCheckRunsEveryRuleButNeverTheAction() {
        int opened = cipher.opened();

        CheckedAction checked = actions.check(new RunActionCommand(PROJECT, account.id(), "list_things", Map.of(),
                Optional.empty()));

        assertThat(checked.descriptor().name()).isEqualTo("list_things");
        assertThat(validated).hasSize(1);
        assertThatThrownBy(() -> actions.check(new RunActionCommand(PROJECT, account.id(), "delete_everything",
                Map.of(), Optional.empty()))).isInstanceOf(MissingScopeException.class);
        assertThat(connector.actionCalls).hasValue(0);
        assertThat(cipher.opened()).isEqualTo(opened);
        assertThat(observed).isEmpty();
    }

    @Test
    void anUnknownAccountOrActionIsNotObserved() {
        assertThatThrownBy(() -> actions.run(new RunActionCommand(PROJECT, "acc_missing", "list_things", Map.of(),
                Optional.empty()))).isInstanceOf(AccountNotFoundException.class);
        assertThatThrownBy(() -> run("nope")).isInstanceOf(UnknownActionException.class);

        assertThat(validated).isEmpty();
        assertThat(observed).isEmpty();
    }

    @Test
    void aProviderFailureIsReportedWithItsCode() {
        connector.actionFailure = new ProviderUnavailableException("down", Optional.empty());
        assertThatThrownBy(() -> run("list_things")).isInstanceOf(ProviderUnavailableException.class);

        connector.actionFailure = new IllegalStateException("a bug");
        assertThatThrownBy(() -> run("list_things")).isInstanceOf(IllegalStateException.class);

        assertThat(observed).extracting(ActionRun::outcome).containsExactly("provider_unavailable", "internal_error");
    }

    @Test
    void anAccountOfAnotherProjectIsNotFound() {
        assertThatThrownBy(() -> actions.run(new RunActionCommand("prj_other", account.id(), "list_things", Map.of(),
                Optional.empty()))).isInstanceOf(AccountNotFoundException.class);
        assertThat(connector.actionCalls).hasValue(0);
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
