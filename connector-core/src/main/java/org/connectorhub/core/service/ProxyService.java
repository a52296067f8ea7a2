package org.connectorhub.core.service;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.CredentialField;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.InvalidProxyPathException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.MissingScopeException;
import org.connectorhub.core.domain.PayloadTooLargeException;
import org.connectorhub.core.domain.ProxyUnsupportedException;
import org.connectorhub.core.domain.UnknownProviderException;
import org.connectorhub.core.port.in.ProxyCommand;
import org.connectorhub.core.port.in.ProxyUseCase;
import org.connectorhub.core.port.out.AccountStore;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ProxyAuth;
import org.connectorhub.core.spi.ProxyBody;
import org.connectorhub.core.spi.ProxyHeaders;
import org.connectorhub.core.spi.ProxyPath;
import org.connectorhub.core.spi.ProxyRequest;
import org.connectorhub.core.spi.ProxyResponse;
import org.connectorhub.core.spi.ProxySupport;

/**
 * Passes calls through to a provider: the path, the account and its status, its scope and the request body's size
 * are checked before any provider call; one credential goes out; a rejected credential marks the
 * account invalid as an action does; the answer's body is cut off at the same size limit.
 */
public final class ProxyService implements ProxyUseCase {
    /** Request bodies up to this size are read into memory first, so a write may be sent again when the provider asks. */
    static final int IN_MEMORY_BODY = 256 * 1024;

    private final ConnectorRegistry connectors;
    private final AccountStore store;
    private final CredentialVault vault;
    private final AccountInvalidation invalidation;
    private final long maxBodyBytes;

    public ProxyService(ConnectorRegistry connectors, AccountStore store, SecretCipher cipher, Clock clock,
            long maxBodyBytes) {
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.store = requireNonNull(store, "store is null");
        this.vault = new CredentialVault(requireNonNull(cipher, "cipher is null"));
        this.invalidation = new AccountInvalidation(store, requireNonNull(clock, "clock is null"));
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public ProxyResponse proxy(ProxyCommand command) {
        String method = command.method();
        if (!ProxyRequest.METHODS.contains(method)) {
            throw new InvalidProxyPathException("Only " + String.join(", ", ProxyRequest.METHODS.stream().sorted().toList())
                    + " can be proxied.");
        }
        ProxyPath path = ProxyPath.parse(command.rawPath(), command.rawQuery().orElse(null));
        OptionalLong declared = command.body().length();
        if (declared.isPresent() && declared.getAsLong() > maxBodyBytes) {
            throw PayloadTooLargeException.request(maxBodyBytes);
        }
        LinkedAccount account = store.find(command.projectId(), command.accountId())
                .orElseThrow(() -> new AccountNotFoundException("No account " + command.accountId() + " in this project."));
        RunnableStatus.refuseUnlessRunnable(account);
        Connector connector = connectors.find(account.provider())
                .orElseThrow(() -> new UnknownProviderException("No connector for provider '" + account.provider() + "'."));
        ProxySupport support = connector.proxy().orElseThrow(() -> new ProxyUnsupportedException(
                connector.descriptor().displayName() + " accounts cannot be called through the proxy."));
        ProxyAuth auth = support.authenticate(method, path);
        if (!account.scopes().contains(auth.scope())) {
            throw missingScope(connector, auth, method, path);
        }
        Credentials credentials = vault.open(account);
        String credential = credentials.get(auth.credentialField())
                .orElseThrow(() -> missingScope(connector, auth, method, path));
        LimitedInputStream[] limited = new LimitedInputStream[1];
        ProxyBody body = prepare(method, command.body(), limited);
        ProxyResponse response;
        try {
            response = support.send(new ProxyRequest(method, path, command.headers(), auth, credential, account.mode(),
                    body));
        } catch (CredentialsRevokedException revoked) {
            invalidation.markInvalid(account, revoked);
            throw revoked;
        } catch (RuntimeException e) {
            if (limited[0] != null && limited[0].exceeded()) {
                throw PayloadTooLargeException.request(maxBodyBytes);
            }
            throw e;
        }
        if (limited[0] != null && limited[0].exceeded()) {
            response.close();
            throw PayloadTooLargeException.request(maxBodyBytes);
        }
        if (response.declaredLength().isPresent() && response.declaredLength().getAsLong() > maxBodyBytes) {
            response.close();
            throw PayloadTooLargeException.response(maxBodyBytes);
        }
        return new LimitedResponse(response, maxBodyBytes);
    }

    private static MissingScopeException missingScope(Connector connector, ProxyAuth auth, String method, ProxyPath path) {
        String base = method + " " + path.encodedPath() + " needs the '" + auth.scope() + "' scope, which this account "
                + "was not granted.";
        String label = connector.descriptor().credentialSchema().field(auth.credentialField())
                .map(CredentialField::label).orElse(auth.credentialField());
        return new MissingScopeException(auth.scope(), base + " Add the " + label + " to this account to grant it.");
    }

    /** Small bodies into memory (repeatable), large ones streamed; both stopped at the limit. */
    private ProxyBody prepare(String method, ProxyBody body, LimitedInputStream[] limited) {
        if (method.equals("GET") || method.equals("DELETE") || body.isEmpty()) {
            return ProxyBody.empty(); // not read, never sent
        }
        if (body.repeatable()) {
            return body;
        }
        LimitedInputStream in = new LimitedInputStream(body.open(), maxBodyBytes);
        limited[0] = in;
        byte[] head;
        try {
            head = in.readNBytes(IN_MEMORY_BODY + 1);
        } catch (IOException e) {
            if (in.exceeded()) {
                throw PayloadTooLargeException.request(maxBodyBytes);
            }
            throw new InvalidInputException("The request body could not be read to the end.", List.of());
        }
        if (head.length <= IN_MEMORY_BODY) {
            return ProxyBody.of(head);
        }
        return ProxyBody.streaming(new SequenceInputStream(new ByteArrayInputStream(head), in), body.length());
    }

    /** A stream that fails once more than {@code limit} bytes came through, and says so. */
    static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private final long limit;
        private long count;
        private volatile boolean exceeded;

        LimitedInputStream(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        boolean exceeded() {
            return exceeded;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws IOException {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new IOException("body over the limit of " + limit + " bytes");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The connector's answer with only the allowed headers, and a body cut off (with an error) past the limit. */
    static final class LimitedResponse implements ProxyResponse {
        private final ProxyResponse response;
        private final long limit;
        private final Map<String, List<String>> headers;

        LimitedResponse(ProxyResponse response, long limit) {
            this.response = response;
            this.limit = limit;
            this.headers = ProxyHeaders.response(response.headers());
        }

        @Override
        public int status() {
            return response.status();
        }

        @Override
        public Map<String, List<String>> headers() {
            return headers;
        }

        @Override
        public OptionalLong declaredLength() {
            return response.declaredLength();
        }

        @Override
        public void writeBody(OutputStream out) throws IOException {
            response.writeBody(new FilterOutputStream(out) {
                private long count;

                @Override
                public void write(int b) throws IOException {
                    check(1);
                    out.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    check(length);
                    out.write(bytes, offset, length);
                }

                private void check(int n) throws IOException {
                    count += n;
                    if (count > limit) {
                        throw new ResponseTooLargeException(limit);
                    }
                }
            });
        }

        @Override
        public void close() {
            response.close();
        }
    }

    /** The provider's answer grew past the limit while it was being passed on: the caller's connection is cut. */
    public static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(long limit) {
            super("the provider's answer is larger than " + limit + " bytes");
        }
    }
}
