package org.connectorhub.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.InvalidProxyPathException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.MissingScopeException;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.PayloadTooLargeException;
import org.connectorhub.core.domain.ProviderAccount;
import org.connectorhub.core.domain.ProxyUnsupportedException;
import org.connectorhub.core.domain.VerificationOutcome.Verified;
import org.connectorhub.core.port.in.LinkCommand;
import org.connectorhub.core.port.in.ProxyCommand;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.VerificationObserver;
import org.connectorhub.core.spi.ProxyAuth;
import org.connectorhub.core.spi.ProxyBody;
import org.connectorhub.core.spi.ProxyPath;
import org.connectorhub.core.spi.ProxyRequest;
import org.connectorhub.core.spi.ProxyResponse;
import org.connectorhub.core.spi.ProxySupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxyServiceTest {
    private static final String PROJECT = "prj_1";
    private static final long LIMIT = 1000;

    private final ScriptedConnector connector = new ScriptedConnector();
    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final Scripted support = new Scripted();
    private ProxyService proxy;
    private LinkedAccount account;

    /** Admin paths take the admin key; everything else the API key. Answers what the test scripted. */
    static final class Scripted implements ProxySupport {
        final List<ProxyRequest> sent = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();
        Function<ProxyRequest, ProxyResponse> answer = request -> ProxyResponse.of(200,
                Map.of("Content-Type", List.of("application/json"), "Set-Cookie", List.of("x=1")), "{}".getBytes());

        @Override
        public ProxyAuth authenticate(String method, ProxyPath path) {
            return path.resource().equals("admin") ? new ProxyAuth("admin_key", "X-Admin", "admin")
                    : new ProxyAuth("api_key", "X-Key", "read");
        }

        @Override
        public ProxyResponse send(ProxyRequest request) {
            sent.add(request);
            try (InputStream in = request.body().open()) {
                bodies.add(in.readAllBytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return answer.apply(request);
        }
    }

    @BeforeEach
    void setUp() {
        ConnectorRegistry registry = ConnectorRegistry.of(Map.of(ScriptedConnector.PROVIDER, connector));
        AccountService accounts = new AccountService(registry, store, new XorTestCipher(), Clock.systemUTC(),
                VerificationObserver.NONE);
        proxy = new ProxyService(registry, store, new XorTestCipher(), Clock.systemUTC(), LIMIT);
        connector.next = new Verified(Set.of("read"), new ProviderAccount("42", "S"), Mode.PRODUCTION, List.of());
        connector.proxy = support;
        account = accounts.link(LinkCommand.of(PROJECT, ScriptedConnector.PROVIDER, "owner",
                Credentials.of("api_key", "secretkey123"))).account();
    }

    private ProxyResponse call(String method, String path, ProxyBody body) {
        return proxy.proxy(new ProxyCommand(PROJECT, account.id(), method, path, Optional.empty(),
                Map.of("Authorization", List.of("Bearer hub-key"), "Accept", List.of("application/json")), body));
    }

    @Test
    void sendsTheOneCredentialTheConnectorAskedForAndOnlyAllowedHeaders() {
        try (ProxyResponse response = call("GET", "things", ProxyBody.empty())) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).containsOnlyKeys("Content-Type");
        }
        ProxyRequest sent = support.sent.get(0);
        assertThat(sent.credential()).isEqualTo("secretkey123");
        assertThat(sent.auth().header()).isEqualTo("X-Key");
        assertThat(sent.headers()).containsOnlyKeys("Accept");
        assertThat(sent.toString()).doesNotContain("secretkey123");
    }

    @Test
    void aConnectorWithoutAPassthroughSaysSo() {
        connector.proxy = null;

        assertThatThrownBy(() -> call("GET", "things", ProxyBody.empty()))
                .isInstanceOfSatisfying(ProxyUnsupportedException.class,
                        e -> assertThat(e.code()).isEqualTo("proxy_unsupported"));
    }

    @Test
    void aMissingScopeIsRefusedBeforeAnyCallAndNamesTheFieldToAdd() {
        assertThatThrownBy(() -> call("GET", "admin/users", ProxyBody.empty()))
                .isInstanceOfSatisfying(MissingScopeException.class, e -> {
                    assertThat(e.scope()).isEqualTo("admin");
                    assertThat(e.getMessage()).contains("Admin Key");
                });
        assertThat(support.sent).isEmpty();
    }

    @Test
    void aBadPathIsRefusedBeforeTheAccountIsEvenRead() {
        assertThatThrownBy(() -> proxy.proxy(new ProxyCommand(PROJECT, "acc_missing", "GET", "a/../b", Optional.empty(),
                Map.of(), ProxyBody.empty()))).isInstanceOf(InvalidProxyPathException.class);
        assertThatThrownBy(() -> call("OPTIONS", "things", ProxyBody.empty())).isInstanceOf(InvalidProxyPathException.class);
        assertThat(support.sent).isEmpty();
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeAnyCall() {
        ProxyBody body = ProxyBody.streaming(new ByteArrayInputStream(new byte[10]), OptionalLong.of(LIMIT + 1));

        assertThatThrownBy(() -> call("POST", "things", body)).isInstanceOfSatisfying(PayloadTooLargeException.class,
                e -> assertThat(e.code()).isEqualTo("payload_too_large"));
        assertThat(support.sent).isEmpty();
    }

    @Test
    void anUndeclaredBodyOverTheLimitIsRefusedBeforeAnyCall() {
        ProxyBody body = ProxyBody.streaming(new ByteArrayInputStream(new byte[(int) LIMIT + 1]), OptionalLong.empty());

        assertThatThrownBy(() -> call("POST", "things", body)).isInstanceOf(PayloadTooLargeException.class);
        assertThat(support.sent).isEmpty();
    }

    @Test
    void aSmallStreamedBodyIsSentFromMemorySoItCanBeSentAgain() {
        ProxyBody body = ProxyBody.streaming(new ByteArrayInputStream("{\"a\":1}".getBytes()), OptionalLong.empty());

        call("POST", "things", body).close();

        assertThat(support.sent.get(0).body().repeatable()).isTrue();
        assertThat(new String(support.bodies.get(0))).isEqualTo("{\"a\":1}");
    }

    @Test
    void aReadNeverCarriesABody() {
        call("GET", "things", ProxyBody.of("ignored".getBytes())).close();

        assertThat(support.sent.get(0).body().isEmpty()).isTrue();
    }

    @Test
    void aRejectedCredentialMarksTheAccountInvalid() {
        support.answer = request -> {
            throw new CredentialsRevokedException("Acme rejected the API Key.");
        };

        assertThatThrownBy(() -> call("GET", "things", ProxyBody.empty())).isInstanceOf(CredentialsRevokedException.class);
        assertThat(store.find(PROJECT, account.id()).orElseThrow().status()).isEqualTo(AccountStatus.INVALID);
    }

    @Test
    void anAnswerDeclaredOverTheLimitIsClosedAndRefused() {
        AtomicBoolean closed = new AtomicBoolean();
        support.answer = request -> streaming(OptionalLong.of(LIMIT + 1), new byte[(int) LIMIT + 1], closed);

        assertThatThrownBy(() -> call("GET", "things", ProxyBody.empty()))
                .isInstanceOfSatisfying(PayloadTooLargeException.class,
                        e -> assertThat(e.code()).isEqualTo("provider_response_too_large"));
        assertThat(closed).isTrue();
    }

    @Test
    void anUndeclaredAnswerIsCutOffAtTheLimit() {
        support.answer = request -> streaming(OptionalLong.empty(), new byte[(int) LIMIT * 3], new AtomicBoolean());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (ProxyResponse response = call("GET", "things", ProxyBody.empty())) {
            assertThatThrownBy(() -> response.writeBody(out)).isInstanceOf(ProxyService.ResponseTooLargeException.class);
        }
        assertThat(out.size()).isLessThanOrEqualTo((int) LIMIT);
    }

    private static ProxyResponse streaming(OptionalLong declared, byte[] body, AtomicBoolean closed) {
        return new ProxyResponse() {
            @Override
            public int status() {
                return 200;
            }

            @Override
            public Map<String, List<String>> headers() {
                return Map.of();
            }

            @Override
            public OptionalLong declaredLength() {
                return declared;
            }

            @Override
            public void writeBody(OutputStream out) throws IOException {
                for (int i = 0; i < body.length; i += 100) {
                    out.write(body, i, Math.min(100, body.length - i));
                }
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
    }
}
