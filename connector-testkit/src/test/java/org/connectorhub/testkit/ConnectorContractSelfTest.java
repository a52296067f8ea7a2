package org.connectorhub.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.spi.ConnectorFactory;
import org.connectorhub.testkit.example.calendly.CalendlyConnectorFactory;
import org.connectorhub.testkit.example.calendly.CalendlyConnectorContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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
    /** For connectors that leak while verifying: every check's logs are searched, so this one calls nothing. */
    private static final String DESCRIPTOR_CHECK = "credentialFieldKeysAreUnique";

    @Test
    void aTokenInAnOutcomeFailsTheToStringAndVerificationSecretChecks() {
        assertFailsOnly(TokenInOutcome.class, "nothingPrintsACredentialValue", "verificationLogsAndFailuresCarryNoSecret");
    }

    @Test
    void aTokenInTheLogsFailsTheVerificationSecretCheck() {
        assertFailsOnlyBeside(DESCRIPTOR_CHECK, TokenInLogs.class, "verificationLogsAndFailuresCarryNoSecret",
                UNRELATED_CHECK);
    }

    @Test
    void aTokenLoggedThroughJavaUtilLoggingFailsTheVerificationSecretCheck() {
        assertFailsOnlyBeside(DESCRIPTOR_CHECK, TokenInJulLogs.class, "verificationLogsAndFailuresCarryNoSecret");
    }

    @Test
    void aTokenLoggedThroughSystemLoggerFailsTheVerificationSecretCheck() {
        assertFailsOnlyBeside(DESCRIPTOR_CHECK, TokenInSystemLogger.class, "verificationLogsAndFailuresCarryNoSecret");
    }

    @Test
    void aTokenPrintedToStdoutFailsTheVerificationSecretCheck() {
        assertFailsOnlyBeside(DESCRIPTOR_CHECK, TokenOnStdout.class, "verificationLogsAndFailuresCarryNoSecret");
    }

    /** Only the timeout path logs: the per-fault search and the timeout check's own log search catch it. */
    @Test
    void headersLoggedOnlyOnATimeoutFailTheTimeoutAndVerificationSecretChecks() {
        assertFailsOnly(HeadersLoggedOnTimeout.class, "verificationLogsAndFailuresCarryNoSecret", "timeoutIsUnavailable");
    }

    @Test
    void aWriteSentAgainAfterADroppedConnectionFailsTheDroppedConnectionWriteCheck() {
        assertFailsOnlyBeside("writesAreSentOnceOnAServerErrorWithoutRetryAfter", WritesTwiceOnDroppedConnection.class,
                "writesAreSentOnceWhenTheConnectionDrops");
    }

    @Test
    void aWriteSentAgainAfterABareServerErrorFailsTheServerErrorWriteCheck() {
        assertFailsOnlyBeside("writesAreSentOnceWhenTheConnectionDrops", WritesTwiceOnBareServerError.class,
                "writesAreSentOnceOnAServerErrorWithoutRetryAfter");
    }

    /** Without the time limits this would hang the build; with them, the check fails naming the call. */
    @Test
    void aVerificationRetriedForeverFailsTheTimeoutCheckOnTheTimeLimitNamingTheCall() {
        Events events = run(RetriesTimedOutVerificationForever.class, List.of("timeoutIsUnavailable", UNRELATED_CHECK));
        events.assertThatEvents().haveExactly(1, event(test("method:timeoutIsUnavailable()"),
                finishedWithFailure(message(m -> m.contains("verifier().verify(validCredentials()) under a read timeout")
                        && m.contains("did not return within")))));
        events.assertStatistics(stats -> stats.started(2).failed(1));
    }

    @Test
    void aReadRetriedBeyondMaxAttemptsFailsTheReadRetryCheck() {
        Events events = run(RetriesReadsBeyondMaxAttempts.class, List.of("readsAreRetriedWithinMaxAttempts", UNRELATED_CHECK));
        events.assertThatEvents().haveExactly(1, event(test("method:readsAreRetriedWithinMaxAttempts()"),
                finishedWithFailure(message(m -> m.contains("action 'list_event_types' sent GET /event_types")
                        && m.contains("retries stay within max_attempts")))));
        events.assertStatistics(stats -> stats.started(2).failed(1));
    }

    /** Its name and label give nothing away, but the fake saw its value in the Authorization header. */
    @Test
    void aTokenFieldNamedPatNotSecretFailsTheEvidenceCheckButNotTheNameCheck() {
        assertFailsOnly(PatNotSecret.class, "credentialsSentToTheProviderAreSecret");
        Events events = run(PatNotSecret.class, List.of("fieldsThatLookSecretAreSecret"));
        events.assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    /**
     * Input is checked against the schema once, in the core's action service: an action that
     * checks the type but not the pattern still has the pattern enforced before any call.
     */
    @Test
    void anActionCheckingTypeButNotPatternHasThePatternEnforcedByTheCore() {
        List<String> checks = List.of("inputsBreakingTheirSchemaAreRefusedBeforeAnyProviderCall",
                "malformedInputIsRefusedBeforeAnyProviderCall", UNRELATED_CHECK);
        Events events = run(ChecksTypeButNotPattern.class, checks);
        events.assertStatistics(stats -> stats.started(checks.size()).succeeded(checks.size()).failed(0));
    }

    /**
     * Two factories claiming {@code calendly} on the class path: Calendly's contract says which
     * two clash, and an unrelated connector's contract still passes.
     */
    @Test
    void aSecondFactoryWithTheSameKeyFailsOnlyThatKeysContractNamingBoth(@TempDir Path extra) throws IOException {
        Path services = extra.resolve("META-INF/services/" + ConnectorFactory.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, ClashingFactories.SecondCalendly.class.getName() + "\n"
                + ClashingFactories.CalendlyTwin.class.getName() + "\n");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {extra.toUri().toURL()}, getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Events unrelated = run(Twin.class, List.of("factoryIsFoundThroughServiceLoader"));
            unrelated.assertStatistics(stats -> stats.started(1).succeeded(1));
            Events clashing = run(Honest.class, List.of("factoryIsFoundThroughServiceLoader"));
            clashing.assertThatEvents().haveExactly(1, event(test("method:factoryIsFoundThroughServiceLoader()"),
                    finishedWithFailure(message(m -> m.contains(CalendlyConnectorFactory.class.getName())
                            && m.contains(ClashingFactories.SecondCalendly.class.getName())))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        // without the extra file, the example is found alone again
        run(Honest.class, List.of("factoryIsFoundThroughServiceLoader"))
                .assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void aTokenInAnExceptionMessageFailsTheActionSecretCheck() {
        assertFailsOnly(TokenInExceptionMessage.class, "actionLogsOutputsAndFailuresCarryNoSecret");
    }

    @Test
    void aTokenInAQueryParameterFailsTheHeadersOnlyCheck() {
        // the JDK's HTTP client logs the URL at DEBUG, so every check that verifies leaks it into the logs too
        assertFailsOnlyBeside(DESCRIPTOR_CHECK, TokenInQuery.class, "credentialsTravelOnlyInHeaders", UNRELATED_CHECK);
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

    /** An action that checks nothing itself relies on the core's schema check, which runs before any call. */
    @Test
    void anActionThatLeavesItsInputToTheCoreStillRefusesBadInputBeforeAnyCall() {
        List<String> checks = List.of("emptyInputIsRefusedBeforeAnyProviderCall",
                "malformedInputIsRefusedBeforeAnyProviderCall", UNRELATED_CHECK);
        Events events = run(CallsProviderBeforeCheckingInput.class, checks);
        events.assertStatistics(stats -> stats.started(checks.size()).succeeded(checks.size()).failed(0));
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
        // the slow outage checks (read timeouts) run in the example's own contract test
        List<String> checks = List.of("nothingPrintsACredentialValue", "serverErrorIsUnavailable",
                "fieldsThatLookSecretAreSecret", "credentialsSentToTheProviderAreSecret",
                "scopesReferencedByFieldsAndActionsExist", "emptyInputIsRefusedBeforeAnyProviderCall",
                "malformedInputIsRefusedBeforeAnyProviderCall", "inputsBreakingTheirSchemaAreRefusedBeforeAnyProviderCall",
                "credentialsTravelOnlyInHeaders", "writesAreSentOnceWhenTheConnectionDrops",
                "writesAreSentOnceOnAServerErrorWithoutRetryAfter", "writesAreSentOnceWhenTheReadTimesOut",
                "writesToldToComeBackAreRetriedWithinMaxAttempts",
                "factoryIsFoundThroughServiceLoader", UNRELATED_CHECK);
        Events events = run(Honest.class, checks);
        events.assertStatistics(stats -> stats.started(checks.size()).succeeded(checks.size()).failed(0));
    }

    /** Runs the expected failures and the unrelated check; exactly the expected ones fail. */
    private static void assertFailsOnly(Class<? extends CalendlyConnectorContractTest> contract, String... failing) {
        assertFailsOnlyBeside(UNRELATED_CHECK, contract, failing);
    }

    private static void assertFailsOnlyBeside(String unrelated, Class<? extends CalendlyConnectorContractTest> contract,
            String... failing) {
        List<String> methods = new ArrayList<>(List.of(failing));
        methods.add(unrelated);
        Events events = run(contract, methods);
        for (String method : failing) {
            events.assertThatEvents().as("%s of %s", method, contract.getSimpleName())
                    .haveExactly(1, event(test("method:" + method + "()"), finishedWithFailure()));
        }
        events.assertThatEvents().as("%s of %s", unrelated, contract.getSimpleName())
                .haveExactly(1, event(test("method:" + unrelated + "()"), finishedSuccessfully()));
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

    @ExtendWith(SelfTestOnly.class)
    static class TokenInJulLogs extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.tokenInJulLogs();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class TokenInSystemLogger extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.tokenInSystemLogger();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class TokenOnStdout extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.tokenOnStdout();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class HeadersLoggedOnTimeout extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.headersLoggedOnTimeout();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class WritesTwiceOnDroppedConnection extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.writesTwiceOnDroppedConnection();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class WritesTwiceOnBareServerError extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.writesTwiceOnBareServerError();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class RetriesTimedOutVerificationForever extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.retriesTimedOutVerificationForever();
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class RetriesReadsBeyondMaxAttempts extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.retriesReadsBeyondMaxAttempts();
        }
    }

    /** The same fake and token, under the key {@code pat}. */
    @ExtendWith(SelfTestOnly.class)
    static class PatNotSecret extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.tokenFieldNamedPatNotSecret();
        }

        @Override
        protected Credentials validCredentials() {
            return asPat(super.validCredentials());
        }

        @Override
        protected InvalidCredentials invalidCredentials() {
            return new InvalidCredentials(asPat(super.invalidCredentials().credentials()), BrokenConnectors.PAT);
        }

        private static Credentials asPat(Credentials credentials) {
            return Credentials.of(BrokenConnectors.PAT, credentials.get(credentials.fieldKeys().iterator().next()).orElseThrow());
        }
    }

    @ExtendWith(SelfTestOnly.class)
    static class ChecksTypeButNotPattern extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return BrokenConnectors.checksTypeButNotPattern();
        }
    }

    /** An unrelated connector (Calendly under its own key) for the discovery clash. */
    @ExtendWith(SelfTestOnly.class)
    static class Twin extends CalendlyConnectorContractTest {
        @Override
        protected ConnectorFactory factory() {
            return new ClashingFactories.CalendlyTwin();
        }
    }
}
