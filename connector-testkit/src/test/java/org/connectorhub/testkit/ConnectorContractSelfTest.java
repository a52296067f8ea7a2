package org.connectorhub.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.util.ArrayList;
import java.util.List;
import org.connectorhub.core.spi.ConnectorFactory;
import org.connectorhub.testkit.example.calendly.CalendlyConnectorContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The contract fails a broken connector. Each nested contract runs the example Calendly
 * connector with one deliberate fault through the JUnit Platform's {@link EngineTestKit}; the
 * check that should catch the fault must fail, and a check unrelated to it must still pass, so
 * the failure is the contract's verdict and not a crash. The nested contracts run only there
 * ({@link SelfTestOnly}); surefire skips nested classes anyway.
 */
class ConnectorContractSelfTest {
    /** A check the faults below leave alone: the broken connector still verifies good credentials. */
    private static final String UNRELATED_CHECK = "validCredentialsAreVerified";

    @Test
    void aTokenInAnOutcomeFailsTheToStringAndVerificationSecretChecks() {
        assertFailsOnly(TokenInOutcome.class, "nothingPrintsACredentialValue", "verificationLogsAndFailuresCarryNoSecret");
    }

    @Test
    void aTokenInTheLogsFailsTheVerificationSecretCheck() {
        assertFailsOnly(TokenInLogs.class, "verificationLogsAndFailuresCarryNoSecret");
    }

    @Test
    void aTokenInAnExceptionMessageFailsTheActionSecretCheck() {
        assertFailsOnly(TokenInExceptionMessage.class, "actionLogsOutputsAndFailuresCarryNoSecret");
    }

    @Test
    void aTokenInAQueryParameterFailsTheHeadersOnlyCheck() {
        assertFailsOnly(TokenInQuery.class, "credentialsTravelOnlyInHeaders");
    }

    @Test
    void anOutageReportedAsARejectionFailsEveryOutageCheck() {
        assertFailsOnly(OutageAsRejection.class, "serverErrorIsUnavailable", "serviceUnavailableIsUnavailable",
                "rateLimitIsUnavailable", "retryAfterBeyondTheWaitLimitIsReported", "timeoutIsUnavailable",
                "droppedConnectionIsUnavailable", "malformedBodyIsUnavailable", "htmlPageInsteadOfJsonIsUnavailable",
                "unexpectedJsonIsUnavailable");
    }

    @Test
    void aTokenFieldNotMarkedSecretFailsTheDescriptorCheck() {
        assertFailsOnly(TokenFieldNotSecret.class, "fieldsThatLookSecretAreSecret");
    }

    @Test
    void anActionWhoseScopeIsNotDeclaredFailsTheScopeChecks() {
        assertFailsOnly(ActionScopeNotDeclared.class, "scopesReferencedByFieldsAndActionsExist",
                "actionsRunWhenEveryDeclaredScopeIsGranted");
    }

    @Test
    void anActionThatCallsTheProviderBeforeCheckingItsInputFailsTheInputChecks() {
        assertFailsOnly(CallsProviderBeforeCheckingInput.class, "emptyInputIsRefusedBeforeAnyProviderCall",
                "malformedInputIsRefusedBeforeAnyProviderCall");
    }

    @Test
    void aConnectorWithoutActionsThatClaimsThemFailsTheActionDeclarationCheck() {
        assertFailsOnly(NoActionsButClaimsThem.class, "actionsMatchTheDeclaration");
    }

    /** Flags are checked both ways: not claiming actions is fine when there are none, and running one is refused cleanly. */
    @Test
    void aConnectorWithoutActionsThatSaysSoPassesTheActionChecks() {
        Events events = run(NoActionsAndSaysSo.class, List.of("actionsMatchTheDeclaration",
                "actionWithoutItsScopeIsRefusedBeforeAnyProviderCall", UNRELATED_CHECK));
        events.assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
    }

    @Test
    void claimingBehaviourTheConnectorLacksFailsItsCheck() {
        assertFailsOnly(ClaimsWhatItLacks.class, "testCredentialsVerifyInTestMode", "optionalFieldsUnlockTheirScopes");
    }

    @Test
    void theWellBehavedExamplePassesTheSameChecks() {
        Events events = run(Honest.class, List.of("nothingPrintsACredentialValue", "verificationLogsAndFailuresCarryNoSecret",
                "actionLogsOutputsAndFailuresCarryNoSecret", "serverErrorIsUnavailable", "fieldsThatLookSecretAreSecret",
                "scopesReferencedByFieldsAndActionsExist", "emptyInputIsRefusedBeforeAnyProviderCall",
                "credentialsTravelOnlyInHeaders", UNRELATED_CHECK));
        events.assertStatistics(stats -> stats.started(9).succeeded(9).failed(0));
    }

    /** Runs the expected failures and the unrelated check; exactly the expected ones fail. */
    private static void assertFailsOnly(Class<? extends CalendlyConnectorContractTest> contract, String... failing) {
        List<String> methods = new ArrayList<>(List.of(failing));
        methods.add(UNRELATED_CHECK);
        Events events = run(contract, methods);
        for (String method : failing) {
            events.assertThatEvents().as("%s of %s", method, contract.getSimpleName())
                    .haveExactly(1, event(test("method:" + method + "()"), finishedWithFailure()));
        }
        events.assertThatEvents().as("%s of %s", UNRELATED_CHECK, contract.getSimpleName())
                .haveExactly(1, event(test("method:" + UNRELATED_CHECK + "()"), finishedSuccessfully()));
        events.assertStatistics(stats -> stats.started(methods.size()).failed(failing.length));
    }

    private static Events run(Class<?> contract, List<String> methods) {
        DiscoverySelector[] selectors = methods.stream()
                .map(method -> selectMethod(contract, method))
                .toArray(DiscoverySelector[]::new);
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(SelfTestOnly.KEY, "true")
                .selectors(selectors)
                .execute()
                .testEvents();
    }

    @ExtendWith(SelfTestOnly.class)
    static class NoActionsButClaimsThem extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.withoutActions();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class NoActionsAndSaysSo extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.withoutActions();
        }

        @Override
        protected boolean hasBehavior(ConnectorBehavior behavior) {
            return behavior != ConnectorBehavior.SUPPORTS_ACTIONS && super.hasBehavior(behavior);
        }
    }

    /** Calendly has neither public test credentials nor optional scopes. */
    @ExtendWith(SelfTestOnly.class)
    static class ClaimsWhatItLacks extends CalendlyConnectorContractTest {
        @Override
        protected boolean hasBehavior(ConnectorBehavior behavior) {
            return behavior == ConnectorBehavior.HAS_TEST_CREDENTIALS || behavior == ConnectorBehavior.HAS_OPTIONAL_SCOPES
                    || super.hasBehavior(behavior);
        }
    }

    /** The example as it is, through the same harness. */
    @ExtendWith(SelfTestOnly.class)
    static class Honest extends CalendlyConnectorContractTest {
    }

    @ExtendWith(SelfTestOnly.class)
    static class TokenInOutcome extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.tokenInOutcome();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class TokenInLogs extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.tokenInLogs();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class TokenInExceptionMessage extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.tokenInExceptionMessage();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class TokenInQuery extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.tokenInQuery();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class OutageAsRejection extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.outageAsRejection();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class TokenFieldNotSecret extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.tokenFieldNotSecret();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class ActionScopeNotDeclared extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.actionScopeNotDeclared();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class CallsProviderBeforeCheckingInput extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.callsProviderBeforeCheckingInput();
        }
    }
}
