package org.connectorhub.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.domain.ProxyUnsupportedException;
import org.connectorhub.core.domain.ScopeDescriptor;
import org.connectorhub.core.domain.UnknownActionException;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.connectorhub.core.domain.VerificationOutcome;
import org.connectorhub.core.port.in.ProxyCommand;
import org.connectorhub.core.port.in.RunActionCommand;
import org.connectorhub.core.port.out.ActionObserver;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.service.ActionService;
import org.connectorhub.core.service.CredentialsCodec;
import org.connectorhub.core.service.ProxyService;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.core.spi.ConnectorConfig;
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
 * <p>Every call into the connector runs under {@link #CALL_LIMIT}, derived from those settings;
 * a call that does not return in time fails its check with a message naming the call, instead of
 * hanging the build. During every check, logback, {@code java.util.logging},
 * {@code System.Logger} and {@code System.out}/{@code System.err} are captured and searched for
 * the credentials' values afterwards.
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
    /** Slack for a busy machine on top of what the settings allow a call. */
    public static final Duration CALL_MARGIN = Duration.ofSeconds(3);
    /**
     * How long one call into the connector may take: every attempt connecting and reading up to
     * its timeout, waiting up to {@link #MAX_RETRY_WAIT} between attempts, plus {@link #CALL_MARGIN}.
     */
    public static final Duration CALL_LIMIT = CONNECT_TIMEOUT.plus(READ_TIMEOUT).multipliedBy(MAX_ATTEMPTS)
            .plus(MAX_RETRY_WAIT.multipliedBy(MAX_ATTEMPTS - 1L)).plus(CALL_MARGIN);

    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(10);
    private static final int WARM_UP_VERIFICATIONS = 5;
    private static final Pattern SECRET_LOOKING = Pattern.compile("token|key|password|passwd|secret");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
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
    private Credentials valid;
    private InvalidCredentials invalid;
    private ExecutorService calls;
    private LogCapture checkLogs;
    private String injected = "no fault";
    /** Inputs built from schemas, by action: they hold no provider state, so one each is enough. */
    private final Map<String, Optional<Map<String, Object>>> guessedInputs = new java.util.concurrent.ConcurrentHashMap<>();

    // ---------------------------------------------------------------- what the author supplies

    /** The connector's entry point, the one listed in {@code META-INF/services}. */
    protected abstract ConnectorFactory factory();

    /** Starts the fake of the provider (once per class); keep a reference to mint credentials. */
    protected abstract FakeProviderServer startFakeProvider();

    /**
     * Credentials the fake accepts; include every optional field so all scopes are granted.
     * Called once, after {@link #startFakeProvider()}; every check uses the same values.
     */
    protected abstract Credentials validCredentials();

    /**
     * Credentials that pass the schema's checks but that the fake refuses, and the field it refuses.
     * Called once, like {@link #validCredentials()}.
     */
    protected abstract InvalidCredentials invalidCredentials();

    /**
     * A valid input per action name. Called again for every batch of action runs (once per fault,
     * many times per check), so it must create fresh provider state each time (a new event to cancel, a new
     * webhook to delete). The input checks break a sample one limit at a time, and the write and
     * retry checks run it under faults; every write whose schema alone does not yield an input the
     * connector accepts needs one. The sample must run against the healthy fake.
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
        calls = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "connector-contract-call");
            thread.setDaemon(true); // a call that never returns must not keep the JVM alive
            return thread;
        });
        provider = requireNonNull(startFakeProvider(), "startFakeProvider() returned null");
        valid = requireNonNull(validCredentials(), "validCredentials() returned null");
        invalid = requireNonNull(invalidCredentials(), "invalidCredentials() returned null");
        Map<String, String> properties = new LinkedHashMap<>(extraConfig());
        properties.put(ConnectorConfig.BASE_URL, providerBaseUri(provider).toString());
        properties.put(ConnectorConfig.CONNECT_TIMEOUT_MS, Long.toString(CONNECT_TIMEOUT.toMillis()));
        properties.put(ConnectorConfig.READ_TIMEOUT_MS, Long.toString(READ_TIMEOUT.toMillis()));
        properties.put(ConnectorConfig.MAX_ATTEMPTS, Integer.toString(MAX_ATTEMPTS));
        properties.put(ConnectorConfig.MAX_RETRY_WAIT_MS, Long.toString(MAX_RETRY_WAIT.toMillis()));
        config = new ConnectorConfig(properties);
        connector = requireNonNull(within("factory().create(config)", () -> factory().create(config)),
                "factory().create(config) returned null");
        store = new InMemoryAccountStore();
        cipher = new InsecureTestCipher();
        actionService = new ActionService(ConnectorRegistry.of(Map.of(connector.descriptor().provider(), connector)),
                store, cipher, JsonSchemas.inputValidator(), ActionObserver.NONE, Clock.systemUTC());
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
                if (within("warm-up verify(validCredentials())", () -> connector.verifier().verify(valid))
                        instanceof Verified verified) {
                    verifiedAccount = verified.account();
                }
            } catch (RuntimeException | AssertionError e) {
                break; // the checks themselves will say what is wrong
            }
        }
        provider.clearRequests();
    }

    @AfterAll
    final void stopContract() {
        try {
            if (connector != null) {
                within("connector.close()", () -> {
                    connector.close();
                    return null;
                });
            }
        } finally {
            try {
                if (provider != null) {
                    stopFakeProvider(provider);
                }
            } finally {
                if (calls != null) {
                    calls.shutdownNow();
                }
            }
        }
    }

    @BeforeEach
    final void resetProvider() {
        provider.faults().clear();
        provider.clearRequests();
        injected = "no fault";
        checkLogs = LogCapture.everywhere();
    }

    /** Whatever the check did, nothing it made the connector log or print may carry a credential. */
    @AfterEach
    final void searchTheCheckLogsForSecrets() {
        provider.faults().clear();
        String text;
        try {
            text = checkLogs.text();
        } finally {
            checkLogs.close();
        }
        assertThatText(text).as("logs (logback, java.util.logging, System.Logger) and System.out/err during this check")
                .containsNoSecretOf(valid, invalid.credentials());
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
        VerificationOutcome outcome = verify(valid);
        ConnectorAssertions.assertThat(outcome).isVerified();
        Verified verified = (Verified) outcome;
        assertThat(verified.scopes()).as("granted scopes").isNotEmpty().isSubsetOf(declaredScopes());
        assertThat(provider.requestCount()).as("verification asks the provider").isPositive();
    }

    @Test
    public final void invalidCredentialsAreRejectedOnTheirField() {
        assertThat(connector.descriptor().credentialSchema().validate(invalid.credentials()))
                .as("invalidCredentials() should pass the schema so that the provider is the one refusing")
                .isEmpty();
        ConnectorAssertions.assertThat(verify(invalid.credentials())).isRejectedOn(invalid.field());
    }

    @Test
    public final void serverErrorIsUnavailable() {
        inject("a 500", Fault.status(500));
        ConnectorAssertions.assertThat(verify(valid)).isUnavailable();
        assertVerificationRetriedWithinMaxAttempts();
    }

    @Test
    public final void serviceUnavailableIsUnavailable() {
        inject("a 503", Fault.status(503));
        ConnectorAssertions.assertThat(verify(valid)).isUnavailable();
        assertVerificationRetriedWithinMaxAttempts();
    }

    @Test
    public final void rateLimitIsUnavailable() {
        inject("a 429 without Retry-After", Fault.rateLimitedWithoutRetryAfter());
        ConnectorAssertions.assertThat(verify(valid)).isUnavailable();
        assertVerificationRetriedWithinMaxAttempts();
    }

    @Test
    public final void retryAfterBeyondTheWaitLimitIsReported() {
        inject("a 429 with Retry-After: 30", Fault.rateLimited(LONG_RETRY_AFTER));
        VerificationOutcome outcome = verify(valid);
        if (hasBehavior(REPORTS_RETRY_AFTER)) {
            ConnectorAssertions.assertThat(outcome).isUnavailable().withRetryAfter(LONG_RETRY_AFTER);
        } else {
            ConnectorAssertions.assertThat(outcome).isUnavailable();
        }
    }

    @Test
    public final void timeoutIsUnavailable() {
        inject("a read timeout (every answer slower than read_timeout_ms)", Fault.delay(SLOWER_THAN_READ_TIMEOUT));
        ConnectorAssertions.assertThat(verify(valid)).isUnavailable();
        assertVerificationRetriedWithinMaxAttempts();
    }

    @Test
    public final void droppedConnectionIsUnavailable() {
        inject("a dropped connection", Fault.dropConnection());
        ConnectorAssertions.assertThat(verify(valid)).isUnavailable();
        assertVerificationRetriedWithinMaxAttempts();
    }

    @Test
    public final void malformedBodyIsUnavailable() {
        inject("a malformed body", Fault.malformedBody());
        ConnectorAssertions.assertThat(verify(valid)).isUnavailable();
    }

    @Test
    public final void htmlPageInsteadOfJsonIsUnavailable() {
        inject("an HTML page with 200", Fault.htmlErrorPage(200));
        ConnectorAssertions.assertThat(verify(valid)).isUnavailable();
    }

    @Test
    public final void unexpectedJsonIsUnavailable() {
        inject("JSON of an unexpected shape", Fault.unexpectedBody(UNEXPECTED_JSON));
        ConnectorAssertions.assertThat(verify(valid)).isUnavailable();
    }

    @Test
    public final void transientFailureIsRetried() {
        inject("one 503, then health", Fault.status(503).times(1));
        VerificationOutcome outcome = verify(valid);
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
        Map<String, String> requiredOnly = new LinkedHashMap<>();
        valid.forEach((key, value) -> {
            if (connector.descriptor().credentialSchema().field(key).map(CredentialField::required).orElse(true)) {
                requiredOnly.put(key, value);
            }
        });
        VerificationOutcome withAll = verify(valid);
        VerificationOutcome withoutOptional = verify(Credentials.of(requiredOnly));
        ConnectorAssertions.assertThat(withAll).isVerified();
        ConnectorAssertions.assertThat(withoutOptional).isVerified();
        for (CredentialField field : optionalScoped) {
            String scope = field.scope().orElseThrow();
            assertThat(valid.has(field.key())).as("validCredentials() should fill optional field %s", field.key()).isTrue();
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
        Credentials invalidValues = invalid.credentials();
        List<Object> printed = new ArrayList<>(List.of(valid, invalidValues, invalid, connector,
                connector.verifier(), connector.descriptor(), verify(valid), verify(invalidValues)));
        printed.add(new ActionRequest(valid, Mode.PRODUCTION, account(), Map.of(), Optional.empty()));
        printed.addAll(connector.actions());
        for (Object object : printed) {
            assertThatPrinted(object).as("toString() of %s", object.getClass().getName())
                    .containsNoSecretOf(valid, invalidValues);
        }
    }

    /** Valid and invalid credentials under every fault the kit has; logs are searched fault by fault. */
    @Test
    public final void verificationLogsAndFailuresCarryNoSecret() {
        Credentials invalidValues = invalid.credentials();
        for (Injected fault : everyFault()) {
            inject(fault);
            try (LogCapture logs = LogCapture.everywhere()) {
                List<Call> runs = new ArrayList<>();
                for (Credentials credentials : credentialsUnder(fault)) {
                    String which = credentials == valid ? "valid" : "invalid";
                    runs.add(new Call("verify(" + which + " credentials) under " + fault.name(),
                            () -> connector.verifier().verify(credentials)));
                }
                for (Attempt run : concurrently(runs)) {
                    assertThatPrinted(run.value()).as("outcome of %s", run.call()).containsNoSecretOf(valid, invalidValues);
                    if (run.failure() != null) {
                        assertThatFailure(run.failure()).as("failure of %s", run.call())
                                .containsNoSecretOf(valid, invalidValues);
                    }
                }
                assertThatText(logs.text()).as("logs and console output of verification under %s", fault.name())
                        .containsNoSecretOf(valid, invalidValues);
            }
        }
    }

    /** Every action, with valid and invalid credentials, under every fault the kit has. */
    @Test
    public final void actionLogsOutputsAndFailuresCarryNoSecret() {
        Credentials invalidValues = invalid.credentials();
        for (Injected fault : everyFault()) {
            provider.faults().clear(); // a sample may set up provider state over HTTP
            Map<String, Map<String, Object>> samples = sampleInputs();
            List<Call> runs = new ArrayList<>();
            for (ConnectorAction action : connector.actions()) {
                for (Credentials credentials : credentialsUnder(fault)) {
                    String which = credentials == valid ? "valid" : "invalid";
                    ActionRequest request = new ActionRequest(credentials, Mode.PRODUCTION, account(),
                            runnableInput(action, samples), Optional.empty());
                    runs.add(new Call("action '" + action.descriptor().name() + "' with " + which
                            + " credentials under " + fault.name(), () -> action.execute(request)));
                }
            }
            inject(fault); // after the inputs
            try (LogCapture logs = LogCapture.everywhere()) {
                for (Attempt run : concurrently(runs)) {
                    assertThatPrinted(run.value()).as("output of %s", run.call()).containsNoSecretOf(valid, invalidValues);
                    if (run.failure() != null) {
                        assertThatFailure(run.failure()).as("failure of %s", run.call())
                                .containsNoSecretOf(valid, invalidValues);
                    }
                }
                assertThatText(logs.text()).as("logs and console output of actions under %s", fault.name())
                        .containsNoSecretOf(valid, invalidValues);
            }
        }
    }

    @Test
    public final void credentialsTravelOnlyInHeaders() {
        List<RecordedRequest> requests = everyCallOnce();
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

    /**
     * Secrecy by evidence, not by name: a field whose value the connector sends to the provider
     * (in a header, a query parameter, the password of basic auth, or the body) is a credential
     * and must be {@code secret}, whatever it is called. The user name of basic auth counts only
     * when the password is empty (a key sent as the user name), and paths are left out: they
     * carry identifiers.
     */
    @Test
    public final void credentialsSentToTheProviderAreSecret() {
        List<RecordedRequest> requests = everyCallOnce();
        for (CredentialField field : fields()) {
            Optional<String> value = valid.get(field.key());
            if (value.isEmpty() || value.get().length() < Secrets.MIN_SECRET_LENGTH || field.secret()) {
                continue;
            }
            Optional<String> where = whereSent(value.get(), requests);
            assertThat(where)
                    .as("credential field '%s' (labelled \"%s\") is not secret, yet its value is sent to the provider "
                            + "(%s); a value the provider authenticates with is a secret whatever its name: mark the "
                            + "field secret", field.key(), field.label(), where.orElse(""))
                    .isEmpty();
        }
    }

    // ---------------------------------------------------------------- writes and retries

    @Test
    public final void writesAreSentOnceWhenTheConnectionDrops() {
        assertWritesSentOnce(new Injected("a dropped connection", Fault.dropConnection()));
    }

    @Test
    public final void writesAreSentOnceWhenTheReadTimesOut() {
        assertWritesSentOnce(new Injected("a read timeout", Fault.delay(SLOWER_THAN_READ_TIMEOUT)));
    }

    @Test
    public final void writesAreSentOnceOnAServerErrorWithoutRetryAfter() {
        assertWritesSentOnce(new Injected("a 500 without Retry-After", Fault.status(500)));
    }

    /** When the provider says when to come back, a write may be retried, but only within max_attempts. */
    @Test
    public final void writesToldToComeBackAreRetriedWithinMaxAttempts() {
        for (Injected fault : List.of(new Injected("a 429 with Retry-After: 0", Fault.rateLimited(Duration.ZERO)),
                new Injected("a 503 with Retry-After: 0", Fault.unavailable(Duration.ZERO)))) {
            assertRetriesWithin(writes(), fault, MAX_ATTEMPTS);
        }
    }

    /**
     * Idempotent actions may retry an outage, but never beyond max_attempts (verification is
     * counted in its own outage checks).
     */
    @Test
    public final void readsAreRetriedWithinMaxAttempts() {
        List<ConnectorAction> reads = connector.actions().stream().filter(a -> a.descriptor().idempotent()).toList();
        for (Injected fault : List.of(new Injected("a 500", Fault.status(500)), new Injected("a 503", Fault.status(503)),
                new Injected("a 429 without Retry-After", Fault.rateLimitedWithoutRetryAfter()),
                new Injected("a 429 with Retry-After: 0", Fault.rateLimited(Duration.ZERO)),
                new Injected("an HTML error page (502)", Fault.htmlErrorPage(502)),
                new Injected("a dropped connection", Fault.dropConnection()),
                new Injected("a read timeout", Fault.delay(SLOWER_THAN_READ_TIMEOUT)))) {
            assertRetriesWithin(reads, fault, MAX_ATTEMPTS);
        }
    }

    // ---------------------------------------------------------------- actions

    @Test
    public final void actionsMatchTheDeclaration() {
        List<String> names = connector.actions().stream().map(a -> a.descriptor().name()).toList();
        if (!hasBehavior(SUPPORTS_ACTIONS)) {
            assertThat(names).as("actions, while SUPPORTS_ACTIONS is not claimed").isEmpty();
            LinkedAccount account = storeAccount(declaredScopes());
            assertThatThrownBy(() -> within("actionService.run(any_action)",
                    () -> actionService.run(command(account, "any_action", Map.of()))))
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
        Map<String, Map<String, Object>> samples = sampleInputs();
        for (ConnectorAction action : connector.actions()) {
            for (Map.Entry<String, Object> property : typedProperties(action).entrySet()) {
                Map<String, Object> input = new LinkedHashMap<>(validInputFor(action, samples).orElseGet(Map::of));
                input.put(property.getKey(), property.getValue());
                assertRefusedBeforeAnyCall(action, input,
                        "a value of the wrong type for '" + property.getKey() + "'");
            }
        }
    }

    /**
     * For each action, inputs built from its own schema that break one declared limit each
     * (pattern, lengths, bounds, enum, unknown properties, nested required, item counts) are
     * refused with {@link InvalidInputException} before any provider call. The inputs go through
     * the core's {@code ActionService} with the hub's draft 2020-12 validator, the one place input
     * is checked against the schema: a connector whose schema says less than it needs fails here.
     */
    @Test
    public final void inputsBreakingTheirSchemaAreRefusedBeforeAnyProviderCall() {
        Map<String, Map<String, Object>> samples = sampleInputs();
        for (ConnectorAction action : connector.actions()) {
            Map<String, Object> schema = action.descriptor().inputSchema();
            Map<String, Object> base = validInputFor(action, samples).orElseThrow(() -> new AssertionError("cannot build an input of '"
                    + action.descriptor().name() + "' that its schema accepts; give one in sampleInputs()"));
            for (SchemaLimits.Case broken : SchemaLimits.breaking(schema, base)) {
                if (JsonSchemas.violations(schema, broken.input()).isEmpty()) {
                    continue; // the guess does not break the schema after all; not the connector's fault
                }
                assertRefusedBeforeAnyCall(action, broken.input(), broken.what());
            }
        }
    }

    @Test
    public final void actionWithoutItsScopeIsRefusedBeforeAnyProviderCall() {
        Map<String, Map<String, Object>> samples = sampleInputs();
        for (ConnectorAction action : connector.actions()) {
            String scope = action.descriptor().scope();
            Set<String> granted = new HashSet<>(declaredScopes());
            granted.remove(scope);
            LinkedAccount account = storeAccount(granted);
            Map<String, Object> input = samples.getOrDefault(action.descriptor().name(), Map.of());
            provider.clearRequests();
            assertThatThrownBy(() -> within("actionService.run(" + action.descriptor().name() + ") without its scope",
                    () -> actionService.run(command(account, action.descriptor().name(), input))))
                    .as("running %s without scope %s", action.descriptor().name(), scope)
                    .isInstanceOfSatisfying(MissingScopeException.class, e -> assertThat(e.scope()).isEqualTo(scope));
            assertThat(provider.requestCount())
                    .as("requests to the provider for %s without its scope", action.descriptor().name()).isZero();
        }
    }

    @Test
    public final void actionsRunWhenEveryDeclaredScopeIsGranted() {
        LinkedAccount account = storeAccount(declaredScopes());
        Map<String, Map<String, Object>> samples = sampleInputs();
        for (ConnectorAction action : connector.actions()) {
            Map<String, Object> input = samples.getOrDefault(action.descriptor().name(), Map.of());
            Throwable failure = attempt(new Call("actionService.run(" + action.descriptor().name() + ")",
                    () -> actionService.run(command(account, action.descriptor().name(), input)))).failure();
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
            ActionRequest request = new ActionRequest(valid, Mode.PRODUCTION, account(),
                    sample.getValue(), Optional.empty());
            Object output = within("action '" + sample.getKey() + "' with its sample input", () -> action.execute(request));
            assertThat(output).as("output of %s", sample.getKey()).isNotNull();
        }
    }

    // ---------------------------------------------------------------- discovery

    /**
     * The factory is listed in {@code META-INF/services} and no other factory on the class path
     * claims its provider key. Factories of other keys do not matter here: a clash between two
     * other connectors fails their contracts, not this one. Reads the thread's context class
     * loader, as the hub's discovery does.
     */
    @Test
    public final void factoryIsFoundThroughServiceLoader() {
        String key = factory().provider();
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(getClass().getClassLoader());
        List<String> claiming = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (ServiceLoader.Provider<ConnectorFactory> entry : serviceEntries(loader, unreadable)) {
            try {
                ConnectorFactory found = entry.get();
                if (key.equals(found.provider())) {
                    claiming.add(found.getClass().getName());
                }
            } catch (ServiceConfigurationError | RuntimeException e) {
                unreadable.add(entry.type().getName() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        assertThat(claiming).as("factories in META-INF/services/%s claiming provider '%s'%s",
                        ConnectorFactory.class.getName(), key,
                        unreadable.isEmpty() ? "" : " (entries that could not be loaded: " + unreadable + ")")
                .contains(factory().getClass().getName());
        assertThat(claiming).as("factories claiming provider '%s': the hub refuses to start with two connectors of one "
                + "key; remove one of these from the class path or give it its own key: %s", key, claiming)
                .hasSize(1);
    }

    private static List<ServiceLoader.Provider<ConnectorFactory>> serviceEntries(ClassLoader loader, List<String> unreadable) {
        List<ServiceLoader.Provider<ConnectorFactory>> entries = new ArrayList<>();
        var iterator = ServiceLoader.load(ConnectorFactory.class, loader).stream().iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    return entries;
                }
                entries.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                unreadable.add(String.valueOf(e.getMessage())); // a broken entry of some other connector
            }
        }
    }

    @Test
    public final void guiceModuleBindsTheConnectorUnderItsProviderKey() {
        Optional<Module> module = guiceModule(config);
        if (!hasBehavior(PROVIDES_GUICE_MODULE)) {
            assertThat(module).as("a Guice module, while PROVIDES_GUICE_MODULE is not claimed").isEmpty();
            return;
        }
        assertThat(module).as("guiceModule(config) (PROVIDES_GUICE_MODULE)").isPresent();
        Injector injector = within("Guice.createInjector(guiceModule(config))",
                () -> Guice.createInjector(module.orElseThrow()));
        Map<String, Connector> bound = injector.getInstance(Key.get(new TypeLiteral<Map<String, Connector>>() { }));
        String key = factory().provider();
        assertThat(bound).as("MapBinder<String, Connector>").containsKey(key);
        Connector fromGuice = bound.get(key);
        try {
            assertThat(fromGuice.descriptor().provider()).isEqualTo(key);
        } finally {
            within("close() of the connector from Guice", () -> {
                fromGuice.close();
                return null;
            });
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

    @Test
    public final void providerEventsAreOfferedAsClaimedAndReadWithoutACall() {
        provider.clearRequests();
        if (!hasBehavior(ConnectorBehavior.SUPPORTS_PROVIDER_EVENTS)) {
            assertThat(connector.providerEvents()).as("providerEvents() of a connector that does not claim "
                    + "SUPPORTS_PROVIDER_EVENTS").isEmpty();
            return;
        }
        org.connectorhub.core.spi.ProviderEvents events = connector.providerEvents().orElseThrow();
        assertThat(events.triggers()).as("triggers()").isNotEmpty()
                .allSatisfy(trigger -> assertThat(trigger).matches("[a-z][a-z0-9_]*"));
        for (String garbage : List.of("{", "[1,2]", "\"text\"", "")) {
            assertThatThrownBy(() -> events.read(garbage.getBytes(java.nio.charset.StandardCharsets.UTF_8), false))
                    .as("read(%s)", garbage).isInstanceOf(InvalidInputException.class);
        }
        org.connectorhub.core.spi.ProviderEvent unknown = events.read(
                "{\"SomethingNoProviderSends\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
        assertThat(unknown.type()).as("type of an unknown payload").isNotBlank();
        assertThat(provider.requestCount()).as("requests to the provider while reading events").isZero();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Verifies through the connector, within {@link #CALL_LIMIT}; a thrown exception fails the
     * check, since outcomes are values.
     */
    protected final VerificationOutcome verify(Credentials credentials) {
        String which = credentials == valid ? "validCredentials()" : credentials == invalid.credentials()
                ? "invalidCredentials()" : "credentials";
        VerificationOutcome outcome = within("verifier().verify(" + which + ") under " + injected,
                () -> connector.verifier().verify(credentials));
        assertThat(outcome).as("verification outcome").isNotNull();
        return outcome;
    }

    /**
     * Runs one call into the connector on another thread and waits at most {@link #CALL_LIMIT}.
     * A call that does not return fails the check with its name (and is interrupted); its
     * exception, if any, is rethrown as it is.
     */
    protected final <T> T within(String call, Callable<T> body) {
        @SuppressWarnings("unchecked")
        T value = (T) waitFor(List.of(new Call(call, body::call))).get(0).valueOrThrow();
        return value;
    }

    /** One call into the connector, named for failure messages. */
    private record Call(String name, Callable<Object> body) {
    }

    /** How a call ended: a value or a failure. */
    private record Attempt(String call, Object value, Throwable failure) {
        Object valueOrThrow() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(call + " threw " + failure.getClass().getName(), failure);
            }
            return value;
        }
    }

    /** A call that did not return within {@link #CALL_LIMIT}; never caught as a connector failure. */
    private static final class CallDidNotReturn extends AssertionError {
        CallDidNotReturn(String message) {
            super(message);
        }
    }

    private Attempt attempt(Call call) {
        return waitFor(List.of(call)).get(0);
    }

    /** The calls at once (each within {@link #CALL_LIMIT} of its start): outage checks stay fast. */
    private List<Attempt> concurrently(List<Call> runs) {
        return waitFor(runs);
    }

    private List<Attempt> waitFor(List<Call> runs) {
        List<Future<Object>> futures = new ArrayList<>();
        long deadline = System.nanoTime() + CALL_LIMIT.toNanos();
        for (Call run : runs) {
            futures.add(calls.submit(run.body()));
        }
        List<Attempt> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < runs.size(); i++) {
                Call run = runs.get(i);
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    attempts.add(new Attempt(run.name(), futures.get(i).get(left, TimeUnit.NANOSECONDS), null));
                } catch (ExecutionException e) {
                    attempts.add(new Attempt(run.name(), null, e.getCause()));
                } catch (TimeoutException e) {
                    throw new CallDidNotReturn(run.name() + " did not return within " + CALL_LIMIT.toMillis()
                            + " ms (max_attempts " + MAX_ATTEMPTS + " x (connect_timeout_ms " + CONNECT_TIMEOUT.toMillis()
                            + " + read_timeout_ms " + READ_TIMEOUT.toMillis() + ") + max_retry_wait_ms "
                            + MAX_RETRY_WAIT.toMillis() + " between attempts + " + CALL_MARGIN.toMillis()
                            + " ms margin): a timeout that is not set, or retries that ignore max_attempts?");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + run.name(), e);
                }
            }
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
        return attempts;
    }

    /** After a verification under the injected fault: no request went out more than max_attempts times. */
    private void assertVerificationRetriedWithinMaxAttempts() {
        assertEachSentAtMost(countBy(provider.requests(), true), MAX_ATTEMPTS, "verification", new Injected(injected, null),
                "retries stay within max_attempts (" + MAX_ATTEMPTS + ")");
    }

    /** A fault by name, for the messages. */
    private record Injected(String name, Fault fault) {
    }

    private static final String UNEXPECTED_JSON = "{\"unexpected\":[1,2,3]}";

    /** No fault, then every fault the kit has, the slow one last. */
    private static List<Injected> everyFault() {
        return List.of(
                new Injected("no fault", null),
                new Injected("a 500", Fault.status(500)),
                new Injected("a 503 without Retry-After", Fault.status(503)),
                new Injected("a 503 with Retry-After: 30", Fault.unavailable(LONG_RETRY_AFTER)),
                new Injected("a 429 with Retry-After: 30", Fault.rateLimited(LONG_RETRY_AFTER)),
                new Injected("a 429 without Retry-After", Fault.rateLimitedWithoutRetryAfter()),
                new Injected("an HTML error page (502)", Fault.htmlErrorPage(502)),
                new Injected("an HTML page with 200", Fault.htmlErrorPage(200)),
                new Injected("a malformed body", Fault.malformedBody()),
                new Injected("JSON of an unexpected shape", Fault.unexpectedBody(UNEXPECTED_JSON)),
                new Injected("a dropped connection", Fault.dropConnection()),
                new Injected("a read timeout", Fault.delay(SLOWER_THAN_READ_TIMEOUT)));
    }

    private void inject(String name, Fault fault) {
        inject(new Injected(name, fault));
    }

    /** Replaces the fake's faults with this one (none for {@code null}) and forgets its requests. */
    private void inject(Injected fault) {
        provider.faults().clear();
        provider.clearRequests();
        Optional.ofNullable(fault.fault()).ifPresent(provider.faults()::add);
        injected = fault.name();
    }

    /** The actions that are not idempotent: a second send may do the thing twice. */
    private List<ConnectorAction> writes() {
        return connector.actions().stream().filter(a -> !a.descriptor().idempotent()).toList();
    }

    /**
     * Under the fault, every write is run once: it must fail as an outage (never a bad input or a
     * bad credential) and send each of its non-GET requests exactly once.
     */
    private void assertWritesSentOnce(Injected fault) {
        List<ConnectorAction> writes = writes();
        if (writes.isEmpty()) {
            return; // nothing the provider could do twice
        }
        String why = "a write the provider may already have received must not be sent again; retry a write only on "
                + "429/503 with Retry-After";
        List<Attempt> runs = runUnder(writes, fault);
        for (int i = 0; i < writes.size(); i++) {
            assertThat(runs.get(i).failure()).as("action '%s' under %s: an outage comes out as "
                    + "ProviderUnavailableException (never a bad input or a revoked credential)",
                    writes.get(i).descriptor().name(), fault.name())
                    .isInstanceOf(ProviderUnavailableException.class);
        }
        assertThat(provider.requestCount()).as("requests the writes %s sent under %s", names(writes), fault.name())
                .isPositive();
        Map<String, Integer> sent = countBy(provider.requests(), false);
        if (sent.values().stream().allMatch(n -> n <= 1)) {
            return;
        }
        if (writes.size() == 1) {
            assertEachSentAtMost(sent, 1, "write '" + writes.get(0).descriptor().name() + "'", fault, why);
        }
        // several writes ran at once and two may share a path: one by one, to name the culprit
        for (ConnectorAction write : writes) {
            runUnder(List.of(write), fault);
            assertEachSentAtMost(countBy(provider.requests(), false), 1, "write '" + write.descriptor().name() + "'",
                    fault, why);
        }
    }

    /** Under the fault, the calls send no request (method, path and query) more than {@code max} times. */
    private void assertRetriesWithin(List<ConnectorAction> actions, Injected fault, int max) {
        String why = "retries stay within max_attempts (" + MAX_ATTEMPTS + ")";
        List<Attempt> runs = runUnder(actions, fault, false);
        for (int i = 0; i < actions.size(); i++) {
            Throwable failure = runs.get(i).failure();
            if (failure instanceof InvalidInputException) {
                continue; // no input the connector accepts: the input checks say so
            }
            assertThat(failure).as("action '%s' under %s: an outage comes out as ProviderUnavailableException "
                    + "(never a bad input or a revoked credential)", actions.get(i).descriptor().name(), fault.name())
                    .isInstanceOf(ProviderUnavailableException.class);
        }
        Map<String, Integer> sent = countBy(provider.requests(), true);
        if (sent.values().stream().allMatch(n -> n <= max)) {
            return;
        }
        if (actions.size() == 1) {
            assertEachSentAtMost(sent, max, "action '" + actions.get(0).descriptor().name() + "'", fault, why);
        }
        // several calls ran at once and may share a request: one by one, to name the culprit
        for (ConnectorAction action : actions) {
            runUnder(List.of(action), fault, false);
            assertEachSentAtMost(countBy(provider.requests(), true), max, "action '" + action.descriptor().name() + "'",
                    fault, why);
        }
    }

    private List<Attempt> runUnder(List<ConnectorAction> actions, Injected fault) {
        return runUnder(actions, fault, false);
    }

    /**
     * Builds each action's input (a sample may set up provider state), injects the fault, then
     * runs the actions at once with valid credentials, and the verification last if asked.
     */
    private List<Attempt> runUnder(List<ConnectorAction> actions, Injected fault, boolean withVerification) {
        provider.faults().clear();
        Map<String, Map<String, Object>> samples = actions.isEmpty() ? Map.of() : sampleInputs();
        List<Call> runs = new ArrayList<>();
        for (ConnectorAction action : actions) {
            ActionRequest request = new ActionRequest(valid, Mode.PRODUCTION, account(), runnableInput(action, samples),
                    Optional.empty());
            runs.add(new Call("action '" + action.descriptor().name() + "' under " + fault.name(),
                    () -> action.execute(request)));
        }
        if (withVerification) {
            runs.add(new Call("verifier().verify(validCredentials()) under " + fault.name(),
                    () -> connector.verifier().verify(valid)));
        }
        inject(fault);
        List<Attempt> attempts = concurrently(runs);
        for (int i = 0; i < actions.size(); i++) {
            if (attempts.get(i).failure() instanceof InvalidInputException refused && !actions.get(i).descriptor().idempotent()) {
                throw new AssertionError("write '" + actions.get(i).descriptor().name() + "' refused its input ("
                        + refused.getMessage() + "), so the contract cannot check that it is never sent twice; give it a "
                        + "valid input in sampleInputs()");
            }
        }
        return attempts;
    }

    /** Invalid credentials only where the provider gets to answer them; under a fault they take the valid path. */
    private List<Credentials> credentialsUnder(Injected fault) {
        return fault.fault() == null ? List.of(valid, invalid.credentials()) : List.of(valid);
    }

    /** "METHOD path[?query]" → how many times the fake received it; only writes unless {@code all}. */
    private static Map<String, Integer> countBy(List<RecordedRequest> requests, boolean all) {
        Map<String, Integer> counts = new TreeMap<>();
        for (RecordedRequest request : requests) {
            if (!all && SAFE_METHODS.contains(request.method())) {
                continue;
            }
            String query = request.query().isEmpty() ? "" : "?" + request.query();
            counts.merge(request.method() + " " + request.path() + query, 1, Integer::sum);
        }
        return counts;
    }

    private static void assertEachSentAtMost(Map<String, Integer> sent, int max, String who, Injected fault, String why) {
        sent.forEach((request, times) -> assertThat(times)
                .as("%s sent %s %d times under %s: %s", who, request, times, fault.name(), why)
                .isLessThanOrEqualTo(max));
    }

    private static List<String> names(List<ConnectorAction> actions) {
        return actions.stream().map(a -> a.descriptor().name()).toList();
    }

    /** Verification with the valid credentials, then every action once with a runnable input; what the fake received. */
    private List<RecordedRequest> everyCallOnce() {
        runUnder(connector.actions(), new Injected("no fault", null), true);
        return provider.requests();
    }

    /** Where a request carried the value, if one did: a header, a query parameter, basic auth or the body. */
    private static Optional<String> whereSent(String value, List<RecordedRequest> requests) {
        for (RecordedRequest request : requests) {
            String at = request.method() + " " + request.path();
            for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
                for (String sent : header.getValue()) {
                    if (header.getKey().equalsIgnoreCase("Authorization") && sent.regionMatches(true, 0, "Basic ", 0, 6)) {
                        String decoded = decodeBasic(sent.substring(6).strip());
                        int colon = decoded.indexOf(':');
                        String user = colon < 0 ? decoded : decoded.substring(0, colon);
                        String password = colon < 0 ? "" : decoded.substring(colon + 1);
                        if (password.equals(value) || password.isEmpty() && user.equals(value)) {
                            return Optional.of("basic auth of " + at);
                        }
                    }
                    if (sent.contains(value)) {
                        return Optional.of("header " + header.getKey() + " of " + at);
                    }
                }
            }
            for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
                if (parameter.getValue().stream().anyMatch(v -> v.contains(value))) {
                    return Optional.of("query parameter " + parameter.getKey() + " of " + at);
                }
            }
            if (request.body().contains(value) || formDecoded(request.body()).contains(value)) {
                return Optional.of("body of " + at);
            }
        }
        return Optional.empty();
    }

    private static String decodeBasic(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String formDecoded(String body) {
        try {
            return URLDecoder.decode(body, UTF_8);
        } catch (IllegalArgumentException e) {
            return body;
        }
    }

    /** The sample input (from one call of sampleInputs() per batch), else an input built from the schema that it accepts. */
    private Optional<Map<String, Object>> validInputFor(ConnectorAction action, Map<String, Map<String, Object>> samples) {
        Map<String, Object> sample = samples.get(action.descriptor().name());
        return sample != null ? Optional.of(sample) : guessedInputs.computeIfAbsent(action.descriptor().name(),
                name -> SchemaLimits.validInput(action.descriptor().inputSchema()));
    }

    /** What the outage checks run an action with: a fresh sample, else a schema-valid guess, else nothing. */
    private Map<String, Object> runnableInput(ConnectorAction action, Map<String, Map<String, Object>> samples) {
        return validInputFor(action, samples).orElseGet(Map::of);
    }

    private List<CredentialField> fields() {
        return connector.descriptor().credentialSchema().fields();
    }

    private Set<String> declaredScopes() {
        Set<String> scopes = new HashSet<>();
        connector.descriptor().scopes().forEach(s -> scopes.add(s.key()));
        return scopes;
    }

    private void assertRefusedBeforeAnyCall(ConnectorAction action, Map<String, Object> input, String what) {
        LinkedAccount account = storeAccount(declaredScopes());
        provider.clearRequests();
        Attempt run = attempt(new Call("actionService.run(" + action.descriptor().name() + ") given " + what,
                () -> actionService.run(command(account, action.descriptor().name(), input))));
        assertThat(run.failure())
                .as("%s given %s: expected InvalidInputException before any provider call", action.descriptor().name(), what)
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
        Credentials credentials = valid;
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
