package org.connectorhub.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.connectorhub.testkit.ConnectorAssertions.assertThatFailure;
import static org.connectorhub.testkit.ConnectorAssertions.assertThatPrinted;
import static org.connectorhub.testkit.ConnectorAssertions.assertThatText;
import static org.connectorhub.testkit.ConnectorBehavior.HAS_OPTIONAL_SCOPES;
import static org.connectorhub.testkit.ConnectorBehavior.HAS_TEST_CREDENTIALS;
import static org.connectorhub.testkit.ConnectorBehavior.PROVIDES_GUICE_MODULE;
import static org.connectorhub.testkit.ConnectorBehavior.REPORTS_RETRY_AFTER;
import static org.connectorhub.testkit.ConnectorBehavior.RETRIES_TRANSIENT_FAILURES;
import static org.connectorhub.testkit.ConnectorBehavior.SENDS_CREDENTIALS_IN_HEADERS_ONLY;
import static org.connectorhub.testkit.ConnectorBehavior.SUPPORTS_ACTIONS;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.ConnectorDescriptor;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.InvalidProxyPathException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.MissingScopeException;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.ProxyUnsupportedException;
import org.connectorhub.core.domain.ScopeDescriptor;
import org.connectorhub.core.domain.UnknownActionException;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.port.in.ProxyCommand;
import org.connectorhub.core.port.in.RunActionCommand;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.service.ActionService;
import org.connectorhub.core.service.CredentialsCodec;
import org.connectorhub.core.service.ProxyService;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.core.spi.ConnectorDiscovery;
import org.connectorhub.core.spi.ConnectorFactory;
import org.connectorhub.core.spi.ProxyAuth;
import org.connectorhub.core.spi.ProxyBody;
import org.connectorhub.core.spi.ProxyPath;
import org.connectorhub.testkit.fake.FakeProviderServer;
import org.connectorhub.testkit.fake.Fault;
import org.connectorhub.testkit.fake.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every connector passes. Extend it in the connector's tests, supply the factory,
 * a fake of the provider, valid and invalid credentials, and declare behaviours with
 * {@link #hasBehavior(ConnectorBehavior)}; each check is its own test.
 *
 * <p>The connector is built once per class from {@link #factory()} with a config that points
 * at the fake and keeps timeouts short ({@link #READ_TIMEOUT}, {@link #MAX_ATTEMPTS},
 * {@link #MAX_RETRY_WAIT}). Faults and recorded requests are cleared before every test.
 *
 * <p>As in Trino's {@code BaseConnectorTest}, a behaviour the connector does not claim is not
 * skipped: the contract checks that it is absent or fails cleanly. The checks are final: a
 * connector changes what is checked only by the behaviours it claims, never by dropping a check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectorContract {
    public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    public static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    public static final int MAX_ATTEMPTS = 2;
    public static final Duration MAX_RETRY_WAIT = Duration.ofMillis(200);
    /** Longer than {@link #READ_TIMEOUT}, so every attempt times out. */
    public static final Duration SLOWER_THAN_READ_TIMEOUT = Duration.ofMillis(1_500);
    /** Longer than {@link #MAX_RETRY_WAIT}, so the connector gives up and reports it. */
    public static final Duration LONG_RETRY_AFTER = Duration.ofSeconds(30);

    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(10);
    private static final int WARM_UP_VERIFICATIONS = 5;
    private static final Pattern SECRET_LOOKING = Pattern.compile("token|key|password|passwd|secret");
    private static final String PROJECT = "contract-project";
    private static final ProviderAccount PLACEHOLDER_ACCOUNT = new ProviderAccount("contract-account", "Contract account");

    private final AtomicInteger accountIds = new AtomicInteger();
    private FakeProviderServer provider;
    private ConnectorConfig config;
    private Connector connector;
    private InMemoryAccountStore store;
    private InsecureTestCipher cipher;
    private ActionService actionService;
    private ProviderAccount verifiedAccount;

    // ---------------------------------------------------------------- what the author supplies

    /** The connector's entry point, the one listed in {@code META-INF/services}. */
    protected abstract ConnectorFactory factory();

    /** Starts the fake of the provider (once per class); keep a reference to mint credentials. */
    protected abstract FakeProviderServer startFakeProvider();

    /** Credentials the fake accepts; include every optional field so all scopes are granted. */
    protected abstract Credentials validCredentials();

    /** Credentials that pass the schema's checks but that the fake refuses, and the field it refuses. */
    protected abstract InvalidCredentials invalidCredentials();

    /**
     * A valid input per action name, for actions that need one. With a sample the malformed-input
     * check spoils one property at a time, which is stricter; the sample must run against the fake.
     */
    protected Map<String, Map<String, Object>> sampleInputs() {
        return Map.of();
    }

    /** The connector's Guice module, built with this config; needed when {@link ConnectorBehavior#PROVIDES_GUICE_MODULE}. */
    protected Optional<Module> guiceModule(ConnectorConfig config) {
        return Optional.empty();
    }

    /** What the connector claims; see {@link ConnectorBehavior} for the defaults. */
    protected boolean hasBehavior(ConnectorBehavior behavior) {
        return behavior.byDefault();
    }

    /** Settings beyond the contract's own (base URL, timeouts, attempts), which always win. */
    protected Map<String, String> extraConfig() {
        return Map.of();
    }

    /** Where the connector should send its calls; the fake's base URI unless the API lives under a path. */
    protected URI providerBaseUri(FakeProviderServer server) {
        return server.baseUri();
    }

    /** Stops the fake after the last test; override when the fake wraps the server. */
    protected void stopFakeProvider(FakeProviderServer server) {
        server.close();
    }

    // ---------------------------------------------------------------- what the author may use

    protected final Connector connector() {
        return requireNonNull(connector, "the contract has not started yet");
    }

    protected final FakeProviderServer provider() {
        return requireNonNull(provider, "the contract has not started yet");
    }

    protected final ConnectorConfig config() {
        return requireNonNull(config, "the contract has not started yet");
    }

    // ---------------------------------------------------------------- lifecycle

    @BeforeAll
    final void startContract() {
        provider = requireNonNull(startFakeProvider(), "startFakeProvider() returned null");
        Map<String, String> properties = new LinkedHashMap<>(extraConfig());
        properties.put(ConnectorConfig.BASE_URL, providerBaseUri(provider).toString());
        properties.put(ConnectorConfig.CONNECT_TIMEOUT_MS, Long.toString(CONNECT_TIMEOUT.toMillis()));
        properties.put(ConnectorConfig.READ_TIMEOUT_MS, Long.toString(READ_TIMEOUT.toMillis()));
        properties.put(ConnectorConfig.MAX_ATTEMPTS, Integer.toString(MAX_ATTEMPTS));
        properties.put(ConnectorConfig.MAX_RETRY_WAIT_MS, Long.toString(MAX_RETRY_WAIT.toMillis()));
        config = new ConnectorConfig(properties);
        connector = requireNonNull(factory().create(config), "factory().create(config) returned null");
        store = new InMemoryAccountStore();
        cipher = new InsecureTestCipher();
        actionService = new ActionService(ConnectorRegistry.of(Map.of(connector.descriptor().provider(), connector)),
                store, cipher, Clock.systemUTC());
        warmUp();
    }

    /**
     * Verifies the valid credentials before the checks until they pass (a few tries), which also
     * learns the provider account that actions run for. In a cold JVM on a busy machine the first
     * exchanges (class loading on both ends) can outlast the short read timeout; without this the
     * first checks would report an outage that is only the JVM starting.
     */
    private void warmUp() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            // The fake first, with a patient client: its cold start is not the connector's fault.
            http.send(HttpRequest.newBuilder(provider.baseUri().resolve("/")).timeout(WARM_UP_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the checks themselves will say what is wrong
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int attempt = 0; attempt < WARM_UP_VERIFICATIONS && verifiedAccount == null; attempt++) {
            try {
                if (connector.verifier().verify(validCredentials()) instanceof Verified verified) {
                    verifiedAccount = verified.account();
                }
            } catch (RuntimeException e) {
                break; // the checks themselves will say what is wrong
            }
        }
        provider.clearRequests();
    }

    @AfterAll
    final void stopContract() {
        try {
            if (connector != null) {
                connector.close();
            }
        } finally {
            if (provider != null) {
                stopFakeProvider(provider);
            }
        }
    }

    @BeforeEach
    final void resetProvider() {
        provider.faults().clear();
        provider.clearRequests();
    }

    @AfterEach
    final void clearFaults() {
        provider.faults().clear();
    }

    // ---------------------------------------------------------------- descriptor

    @Test
    public final void descriptorNamesTheFactoryProvider() {
        assertThat(connector.descriptor().provider())
                .as("the descriptor's provider key is the factory's")
                .isEqualTo(factory().provider());
        assertThat(connector.descriptor().displayName()).as("display name").isNotBlank();
    }

    @Test
    public final void credentialFieldKeysAreUnique() {
        List<String> keys = fields().stream().map(CredentialField::key).toList();
        assertThat(keys).as("credential field keys").isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    public final void credentialFieldsHaveLabelDescriptionAndHelp() {
        for (CredentialField field : fields()) {
            assertThat(field.label()).as("label of %s", field.key()).isNotBlank();
            assertThat(field.description()).as("description of %s", field.key()).isNotBlank();
            assertThat(field.help()).as("help of %s (where to find the value)", field.key()).isNotBlank();
        }
    }

    @Test
    public final void fieldsThatLookSecretAreSecret() {
        for (CredentialField field : fields()) {
            if (SECRET_LOOKING.matcher(field.key().toLowerCase(Locale.ROOT)).find()
                    || SECRET_LOOKING.matcher(field.label().toLowerCase(Locale.ROOT)).find()) {
                assertThat(field.secret())
                        .as("field '%s' (%s) looks like a secret, so it must be marked secret", field.key(), field.label())
                        .isTrue();
            }
        }
    }

    @Test
    public final void credentialJsonSchemaIsValidDraft202012() {
        Map<String, Object> schema = connector.descriptor().credentialSchema().toJsonSchema();
        assertThat(JsonSchemas.metaSchemaViolations(schema))
                .as("the credential schema as JSON Schema 2020-12: %s", JsonSchemas.toJson(schema))
                .isEmpty();
        assertThat(JsonSchemas.toJson(schema).path("properties").size())
                .as("one property per credential field").isEqualTo(fields().size());
    }

    @Test
    public final void scopesReferencedByFieldsAndActionsExist() {
        List<String> declared = connector.descriptor().scopes().stream().map(ScopeDescriptor::key).toList();
        assertThat(declared).as("declared scopes").isNotEmpty().doesNotHaveDuplicates();
        for (CredentialField field : fields()) {
            field.scope().ifPresent(scope -> assertThat(declared)
                    .as("field '%s' unlocks scope '%s', which the descriptor must declare", field.key(), scope)
                    .contains(scope));
        }
        for (ConnectorAction action : connector.actions()) {
            assertThat(declared)
                    .as("action '%s' needs scope '%s', which the descriptor must declare (else no account can run it)",
                            action.descriptor().name(), action.descriptor().scope())
                    .contains(action.descriptor().scope());
        }
    }

    // ---------------------------------------------------------------- verification

    @Test
    public final void validCredentialsAreVerified() {
        VerificationOutcome outcome = verify(validCredentials());
        ConnectorAssertions.assertThat(outcome).isVerified();
        Verified verified = (Verified) outcome;
        assertThat(verified.scopes()).as("granted scopes").isNotEmpty().isSubsetOf(declaredScopes());
        assertThat(provider.requestCount()).as("verification asks the provider").isPositive();
    }

    @Test
    public final void invalidCredentialsAreRejectedOnTheirField() {
        InvalidCredentials invalid = invalidCredentials();
        assertThat(connector.descriptor().credentialSchema().validate(invalid.credentials()))
                .as("invalidCredentials() should pass the schema so that the provider is the one refusing")
                .isEmpty();
        ConnectorAssertions.assertThat(verify(invalid.credentials())).isRejectedOn(invalid.field());
    }

    @Test
    public final void serverErrorIsUnavailable() {
        provider.faults().add(Fault.status(500));
        ConnectorAssertions.assertThat(verify(validCredentials())).isUnavailable();
    }

    @Test
    public final void serviceUnavailableIsUnavailable() {
        provider.faults().add(Fault.status(503));
        ConnectorAssertions.assertThat(verify(validCredentials())).isUnavailable();
    }

    @Test
    public final void rateLimitIsUnavailable() {
        provider.faults().add(Fault.rateLimitedWithoutRetryAfter());
        ConnectorAssertions.assertThat(verify(validCredentials())).isUnavailable();
    }

    @Test
    public final void retryAfterBeyondTheWaitLimitIsReported() {
        provider.faults().add(Fault.rateLimited(LONG_RETRY_AFTER));
        VerificationOutcome outcome = verify(validCredentials());
        if (hasBehavior(REPORTS_RETRY_AFTER)) {
            ConnectorAssertions.assertThat(outcome).isUnavailable().withRetryAfter(LONG_RETRY_AFTER);
        } else {
            ConnectorAssertions.assertThat(outcome).isUnavailable();
        }
    }

    @Test
    public final void timeoutIsUnavailable() {
        provider.faults().add(Fault.delay(SLOWER_THAN_READ_TIMEOUT));
        ConnectorAssertions.assertThat(verify(validCredentials())).isUnavailable();
    }

    @Test
    public final void droppedConnectionIsUnavailable() {
        provider.faults().add(Fault.dropConnection());
        ConnectorAssertions.assertThat(verify(validCredentials())).isUnavailable();
    }

    @Test
    public final void malformedBodyIsUnavailable() {
        provider.faults().add(Fault.malformedBody());
        ConnectorAssertions.assertThat(verify(validCredentials())).isUnavailable();
    }

    @Test
    public final void htmlPageInsteadOfJsonIsUnavailable() {
        provider.faults().add(Fault.htmlErrorPage(200));
        ConnectorAssertions.assertThat(verify(validCredentials())).isUnavailable();
    }

    @Test
    public final void unexpectedJsonIsUnavailable() {
        provider.faults().add(Fault.unexpectedBody("{\"unexpected\":[1,2,3]}"));
        ConnectorAssertions.assertThat(verify(validCredentials())).isUnavailable();
    }

    @Test
    public final void transientFailureIsRetried() {
        provider.faults().add(Fault.status(503).times(1));
        VerificationOutcome outcome = verify(validCredentials());
        if (hasBehavior(RETRIES_TRANSIENT_FAILURES)) {
            ConnectorAssertions.assertThat(outcome).isVerified();
        } else {
            ConnectorAssertions.assertThat(outcome).isUnavailable();
        }
    }

    @Test
    public final void optionalFieldsUnlockTheirScopes() {
        List<CredentialField> optionalScoped = fields().stream()
                .filter(f -> !f.required() && f.scope().isPresent()).toList();
        if (!hasBehavior(HAS_OPTIONAL_SCOPES)) {
            assertThat(optionalScoped)
                    .as("optional fields that unlock a scope, while HAS_OPTIONAL_SCOPES is not claimed").isEmpty();
            return;
        }
        assertThat(optionalScoped).as("optional fields that unlock a scope (HAS_OPTIONAL_SCOPES)").isNotEmpty();
        Credentials all = validCredentials();
        Map<String, String> requiredOnly = new LinkedHashMap<>();
        all.forEach((key, value) -> {
            if (connector.descriptor().credentialSchema().field(key).map(CredentialField::required).orElse(true)) {
                requiredOnly.put(key, value);
            }
        });
        VerificationOutcome withAll = verify(all);
        VerificationOutcome withoutOptional = verify(Credentials.of(requiredOnly));
        ConnectorAssertions.assertThat(withAll).isVerified();
        ConnectorAssertions.assertThat(withoutOptional).isVerified();
        for (CredentialField field : optionalScoped) {
            String scope = field.scope().orElseThrow();
            assertThat(all.has(field.key())).as("validCredentials() should fill optional field %s", field.key()).isTrue();
            assertThat(((Verified) withAll).scopes()).as("scopes with %s", field.key()).contains(scope);
            assertThat(((Verified) withoutOptional).scopes()).as("scopes without %s", field.key()).doesNotContain(scope);
        }
    }

    @Test
    public final void testCredentialsVerifyInTestMode() {
        Map<String, String> testCredentials = connector.descriptor().testCredentials();
        if (!hasBehavior(HAS_TEST_CREDENTIALS)) {
            assertThat(testCredentials).as("test credentials, while HAS_TEST_CREDENTIALS is not claimed").isEmpty();
            return;
        }
        assertThat(testCredentials).as("test credentials (HAS_TEST_CREDENTIALS)").isNotEmpty();
        ConnectorAssertions.assertThat(verify(Credentials.of(testCredentials))).isVerified().inMode(Mode.TEST);
    }

    // ---------------------------------------------------------------- secrets

    @Test
    public final void nothingPrintsACredentialValue() {
        Credentials valid = validCredentials();
        Credentials invalid = invalidCredentials().credentials();
        List<Object> printed = new ArrayList<>(List.of(valid, invalid, invalidCredentials(), connector,
                connector.verifier(), connector.descriptor(), verify(valid), verify(invalid)));
        printed.add(new ActionRequest(valid, Mode.PRODUCTION, account(), Map.of(), Optional.empty()));
        printed.addAll(connector.actions());
        for (Object object : printed) {
            assertThatPrinted(object).as("toString() of %s", object.getClass().getName())
                    .containsNoSecretOf(valid, invalid);
        }
    }

    @Test
    public final void verificationLogsAndFailuresCarryNoSecret() {
        Credentials valid = validCredentials();
        Credentials invalid = invalidCredentials().credentials();
        List<Supplier<Fault>> faults = List.of(() -> null, () -> Fault.status(500), () -> Fault.malformedBody(),
                () -> Fault.rateLimited(LONG_RETRY_AFTER), () -> Fault.dropConnection());
        try (LogCapture logs = LogCapture.start()) {
            for (Supplier<Fault> fault : faults) {
                provider.faults().clear();
                Optional.ofNullable(fault.get()).ifPresent(provider.faults()::add);
                for (Credentials credentials : List.of(valid, invalid)) {
                    VerificationOutcome[] outcome = new VerificationOutcome[1];
                    Throwable failure = catchThrowable(() -> outcome[0] = connector.verifier().verify(credentials));
                    assertThatPrinted(outcome[0]).as("verification outcome").containsNoSecretOf(valid, invalid);
                    if (failure != null) {
                        assertThatFailure(failure).as("verification failure").containsNoSecretOf(valid, invalid);
                    }
                }
            }
            assertThatText(logs.text()).as("logs of verification").containsNoSecretOf(valid, invalid);
        }
    }

    @Test
    public final void actionLogsOutputsAndFailuresCarryNoSecret() {
        Credentials valid = validCredentials();
        Credentials invalid = invalidCredentials().credentials();
        try (LogCapture logs = LogCapture.start()) {
            for (ConnectorAction action : connector.actions()) {
                for (Fault fault : new Fault[] {null, Fault.status(500)}) {
                    provider.faults().clear();
                    Optional.ofNullable(fault).ifPresent(provider.faults()::add);
                    for (Credentials credentials : List.of(valid, invalid)) {
                        ActionRequest request = new ActionRequest(credentials, Mode.PRODUCTION, account(),
                                sampleInput(action), Optional.empty());
                        Object[] output = new Object[1];
                        Throwable failure = catchThrowable(() -> output[0] = action.execute(request));
                        String what = "action " + action.descriptor().name() + (fault == null ? "" : " under a fault");
                        assertThatPrinted(output[0]).as("output of %s", what).containsNoSecretOf(valid, invalid);
                        if (failure != null) {
                            assertThatFailure(failure).as("failure of %s", what).containsNoSecretOf(valid, invalid);
                        }
                    }
                }
            }
            assertThatText(logs.text()).as("logs of actions").containsNoSecretOf(valid, invalid);
        }
    }

    @Test
    public final void credentialsTravelOnlyInHeaders() {
        Credentials valid = validCredentials();
        connector.verifier().verify(valid);
        for (ConnectorAction action : connector.actions()) {
            catchThrowable(() -> action.execute(
                    new ActionRequest(valid, Mode.PRODUCTION, account(), sampleInput(action), Optional.empty())));
        }
        List<RecordedRequest> requests = provider.requests();
        assertThat(requests).as("requests the provider received").isNotEmpty();
        String outsideHeaders = requests.stream()
                .map(r -> r.method() + " " + r.path() + " " + r.query() + " " + r.body())
                .collect(Collectors.joining("\n"));
        if (hasBehavior(SENDS_CREDENTIALS_IN_HEADERS_ONLY)) {
            assertThatText(outsideHeaders).as("paths, queries and bodies sent to the provider")
                    .containsNoSecretOf(valid);
        } else {
            assertThat(Secrets.leakedField(outsideHeaders, valid))
                    .as("a credential outside the headers, while SENDS_CREDENTIALS_IN_HEADERS_ONLY is not claimed")
                    .isPresent();
        }
    }

    // ---------------------------------------------------------------- actions

    @Test
    public final void actionsMatchTheDeclaration() {
        List<String> names = connector.actions().stream().map(a -> a.descriptor().name()).toList();
        if (!hasBehavior(SUPPORTS_ACTIONS)) {
            assertThat(names).as("actions, while SUPPORTS_ACTIONS is not claimed").isEmpty();
            LinkedAccount account = storeAccount(declaredScopes());
            assertThatThrownBy(() -> actionService.run(command(account, "any_action", Map.of())))
                    .as("running an action of a connector without actions")
                    .isInstanceOf(UnknownActionException.class);
            assertThat(provider.requestCount()).as("requests to the provider").isZero();
            return;
        }
        assertThat(names).as("actions (SUPPORTS_ACTIONS)").isNotEmpty().doesNotHaveDuplicates();
        for (String name : names) {
            assertThat(connector.action(name)).as("action(%s)", name).isPresent();
        }
        assertThat(sampleInputs().keySet()).as("sample inputs name existing actions").isSubsetOf(names);
    }

    @Test
    public final void actionsDeclareAScopeAndAValidInputSchema() {
        for (ConnectorAction action : connector.actions()) {
            ActionDescriptor descriptor = action.descriptor();
            assertThat(descriptor.scope()).as("scope of %s", descriptor.name()).isNotBlank();
            assertThat(descriptor.description()).as("description of %s", descriptor.name()).isNotBlank();
            assertThat(JsonSchemas.metaSchemaViolations(descriptor.inputSchema()))
                    .as("input schema of %s as JSON Schema 2020-12: %s", descriptor.name(),
                            JsonSchemas.toJson(descriptor.inputSchema()))
                    .isEmpty();
            assertThat(descriptor.inputSchema().get("type")).as("input schema type of %s", descriptor.name())
                    .isEqualTo("object");
        }
    }

    @Test
    public final void emptyInputIsRefusedBeforeAnyProviderCall() {
        for (ConnectorAction action : connector.actions()) {
            if (requiredProperties(action).isEmpty()) {
                continue; // nothing is missing from an empty input
            }
            assertRefusedBeforeAnyCall(action, Map.of(), "an empty input");
        }
    }

    @Test
    public final void malformedInputIsRefusedBeforeAnyProviderCall() {
        for (ConnectorAction action : connector.actions()) {
            for (Map.Entry<String, Object> property : typedProperties(action).entrySet()) {
                Map<String, Object> input = new LinkedHashMap<>(sampleInput(action));
                input.put(property.getKey(), property.getValue());
                assertRefusedBeforeAnyCall(action, input,
                        "a value of the wrong type for '" + property.getKey() + "'");
            }
        }
    }

    @Test
    public final void actionWithoutItsScopeIsRefusedBeforeAnyProviderCall() {
        for (ConnectorAction action : connector.actions()) {
            String scope = action.descriptor().scope();
            Set<String> granted = new HashSet<>(declaredScopes());
            granted.remove(scope);
            LinkedAccount account = storeAccount(granted);
            provider.clearRequests();
            assertThatThrownBy(() -> actionService.run(command(account, action.descriptor().name(), sampleInput(action))))
                    .as("running %s without scope %s", action.descriptor().name(), scope)
                    .isInstanceOfSatisfying(MissingScopeException.class, e -> assertThat(e.scope()).isEqualTo(scope));
            assertThat(provider.requestCount())
                    .as("requests to the provider for %s without its scope", action.descriptor().name()).isZero();
        }
    }

    @Test
    public final void actionsRunWhenEveryDeclaredScopeIsGranted() {
        LinkedAccount account = storeAccount(declaredScopes());
        for (ConnectorAction action : connector.actions()) {
            Throwable failure = catchThrowable(
                    () -> actionService.run(command(account, action.descriptor().name(), sampleInput(action))));
            if (failure instanceof MissingScopeException missing) {
                throw new AssertionError(action.descriptor().name() + " was refused for missing scope '" + missing.scope()
                        + "' although the account holds every declared scope " + declaredScopes()
                        + "; an action's scope must be one the descriptor declares", missing);
            }
        }
    }

    @Test
    public final void sampleInputsMatchTheirSchemasAndRun() {
        for (Map.Entry<String, Map<String, Object>> sample : sampleInputs().entrySet()) {
            ConnectorAction action = connector.action(sample.getKey()).orElseThrow(
                    () -> new AssertionError("sample input for unknown action " + sample.getKey()));
            assertThat(JsonSchemas.violations(action.descriptor().inputSchema(), sample.getValue()))
                    .as("the sample input of %s against its own input schema", sample.getKey()).isEmpty();
            ActionRequest request = new ActionRequest(validCredentials(), Mode.PRODUCTION, account(),
                    sample.getValue(), Optional.empty());
            Object output = action.execute(request);
            assertThat(output).as("output of %s", sample.getKey()).isNotNull();
        }
    }

    // ---------------------------------------------------------------- discovery

    @Test
    public final void factoryIsFoundThroughServiceLoader() {
        Map<String, ConnectorFactory> found = ConnectorDiscovery.factories(getClass().getClassLoader());
        assertThat(found).as("factories in META-INF/services/%s", ConnectorFactory.class.getName())
                .containsKey(factory().provider());
        assertThat(found.get(factory().provider())).as("the factory found for '%s'", factory().provider())
                .isExactlyInstanceOf(factory().getClass());
    }

    @Test
    public final void guiceModuleBindsTheConnectorUnderItsProviderKey() {
        Optional<Module> module = guiceModule(config);
        if (!hasBehavior(PROVIDES_GUICE_MODULE)) {
            assertThat(module).as("a Guice module, while PROVIDES_GUICE_MODULE is not claimed").isEmpty();
            return;
        }
        assertThat(module).as("guiceModule(config) (PROVIDES_GUICE_MODULE)").isPresent();
        Injector injector = Guice.createInjector(module.orElseThrow());
        Map<String, Connector> bound = injector.getInstance(Key.get(new TypeLiteral<Map<String, Connector>>() { }));
        String key = factory().provider();
        assertThat(bound).as("MapBinder<String, Connector>").containsKey(key);
        Connector fromGuice = bound.get(key);
        try {
            assertThat(fromGuice.descriptor().provider()).isEqualTo(key);
        } finally {
            fromGuice.close();
        }
    }

    @Test
    public final void theProxyIsOfferedAsClaimedAndRefusesBadPathsFirst() {
        ProxyService proxies = new ProxyService(ConnectorRegistry.of(Map.of(connector.descriptor().provider(), connector)),
                store, cipher, Clock.systemUTC(), 1024 * 1024);
        LinkedAccount account = storeAccount(declaredScopes());
        provider.clearRequests();
        Function<String, ProxyCommand> get = path -> new ProxyCommand(account.projectId(), account.id(), "GET", path,
                Optional.empty(), Map.of(), ProxyBody.empty());
        if (!hasBehavior(ConnectorBehavior.SUPPORTS_PROXY)) {
            assertThat(connector.proxy()).as("proxy() of a connector that does not claim SUPPORTS_PROXY").isEmpty();
            assertThatThrownBy(() -> proxies.proxy(get.apply("anything")))
                    .isInstanceOf(ProxyUnsupportedException.class);
        } else {
            assertThat(connector.proxy()).as("proxy() of a connector that claims SUPPORTS_PROXY").isPresent();
            ProxyAuth auth = connector.proxy().orElseThrow().authenticate("GET", ProxyPath.parse("anything", null));
            assertThat(declaredScopes()).as("scope a proxied call needs").contains(auth.scope());
            assertThat(fields()).extracting(CredentialField::key).as("field a proxied call sends")
                    .contains(auth.credentialField());
            assertThatThrownBy(() -> proxies.proxy(get.apply("a/%2e%2e/b")))
                    .isInstanceOf(InvalidProxyPathException.class);
        }
        assertThat(provider.requestCount()).as("requests to the provider").isZero();
    }

    // ---------------------------------------------------------------- helpers

    /** Verifies through the connector; a thrown exception fails the check, since outcomes are values. */
    protected final VerificationOutcome verify(Credentials credentials) {
        VerificationOutcome outcome = connector.verifier().verify(credentials);
        assertThat(outcome).as("verification outcome").isNotNull();
        return outcome;
    }

    private List<CredentialField> fields() {
        return connector.descriptor().credentialSchema().fields();
    }

    private Set<String> declaredScopes() {
        Set<String> scopes = new HashSet<>();
        connector.descriptor().scopes().forEach(s -> scopes.add(s.key()));
        return scopes;
    }

    private Map<String, Object> sampleInput(ConnectorAction action) {
        return sampleInputs().getOrDefault(action.descriptor().name(), Map.of());
    }

    private void assertRefusedBeforeAnyCall(ConnectorAction action, Map<String, Object> input, String what) {
        provider.clearRequests();
        ActionRequest request = new ActionRequest(validCredentials(), Mode.PRODUCTION, account(), input, Optional.empty());
        assertThatThrownBy(() -> action.execute(request))
                .as("%s given %s", action.descriptor().name(), what)
                .isInstanceOf(InvalidInputException.class);
        assertThat(provider.requestCount())
                .as("requests to the provider after %s was given %s", action.descriptor().name(), what).isZero();
    }

    @SuppressWarnings("unchecked")
    private static List<String> requiredProperties(ConnectorAction action) {
        Object required = action.descriptor().inputSchema().get("required");
        return required instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** Property name → a value of the wrong type, for each top-level property that declares a type. */
    private static Map<String, Object> typedProperties(ConnectorAction action) {
        Map<String, Object> wrong = new LinkedHashMap<>();
        if (action.descriptor().inputSchema().get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, schema) -> {
                if (schema instanceof Map<?, ?> property) {
                    wrongValueFor(property.get("type")).ifPresent(value -> wrong.put(String.valueOf(name), value));
                }
            });
        }
        return wrong;
    }

    private static Optional<Object> wrongValueFor(Object type) {
        if (type instanceof List<?> types) {
            // A union: one value that fits none of its members.
            if (!types.contains("object")) {
                return Optional.of(Map.of("unexpected", List.of()));
            }
            if (!types.contains("array")) {
                return Optional.of(List.of(Map.of()));
            }
            return Optional.empty();
        }
        if (!(type instanceof String name)) {
            return Optional.empty();
        }
        return switch (name) {
            case "string" -> Optional.of(12_345);
            case "integer", "number" -> Optional.of("not a number");
            case "boolean" -> Optional.of("not a boolean");
            case "array" -> Optional.of("not an array");
            case "object" -> Optional.of("not an object");
            default -> Optional.empty();
        };
    }

    /** The provider account of the valid credentials (from the warm-up), or a placeholder. */
    private ProviderAccount account() {
        return verifiedAccount != null ? verifiedAccount : PLACEHOLDER_ACCOUNT;
    }

    private LinkedAccount storeAccount(Set<String> scopes) {
        String id = "contract-" + accountIds.incrementAndGet();
        Instant now = Instant.now();
        Credentials credentials = validCredentials();
        ProviderAccount providerAccount = account();
        LinkedAccount account = LinkedAccount.builder()
                .id(id)
                .projectId(PROJECT)
                .provider(connector.descriptor().provider())
                .originOwnerId("owner-" + id)
                .status(AccountStatus.ACTIVE)
                .mode(Mode.PRODUCTION)
                .scopes(scopes)
                .providerAccount(providerAccount)
                .credentialFields(credentials.fieldKeys())
                .sealedCredentials(cipher.seal(CredentialsCodec.encode(credentials), id.getBytes(UTF_8)))
                .createdAt(now)
                .updatedAt(now)
                .build();
        return store.insert(account);
    }

    private static RunActionCommand command(LinkedAccount account, String action, Map<String, Object> input) {
        return new RunActionCommand(account.projectId(), account.id(), action, input, Optional.empty());
    }
}
