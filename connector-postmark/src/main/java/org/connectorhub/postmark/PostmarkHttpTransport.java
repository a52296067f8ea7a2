package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Feign's transport on Apache HttpClient 5 classic: each call writes and reads on the caller's
 * own thread (the JDK client hands every exchange to a selector thread and a worker pool and
 * back). One pool of at most {@code max_connections} HTTP/1.1 connections for all tokens;
 * connect and response timeouts come from Feign's {@link Request.Options} on every call; a
 * caller waits for a free connection at most the connect timeout. No redirects, no automatic
 * retries ({@link PostmarkRetryer} decides those), no cookies, no compression. Bodies are read
 * whole into a {@code byte[]} (Postmark answers with small JSON) and the connection goes back to
 * the pool before Feign decodes. Apache's timeouts ({@code SocketTimeoutException},
 * {@code ConnectTimeoutException}, {@code ConnectionRequestTimeoutException}) are
 * {@link InterruptedIOException}s, which {@link PostmarkCall} reports as "did not answer in time".
 */
final class PostmarkHttpTransport implements Client, AutoCloseable {
    /**
     * Set by Apache from the entity or the connection; a copy from Feign would clash. Compared
     * ignoring case without lower-casing each name (a string per header per call).
     */
    private static final Set<String> SKIPPED_HEADERS = skipped("content-length", "host", "transfer-encoding",
            "connection");
    /**
     * Postmark speaks JSON only. Fixed headers are set here rather than as Feign header templates,
     * which Feign copies, expands and parses again on every call (measured: about 6 KB and a few
     * microseconds per call for the two: 34 KB allocated per send_email before, 28 KB after).
     */
    private static final Header ACCEPT_JSON = new BasicHeader(HttpHeaders.ACCEPT, "application/json");
    private static final Header CONTENT_TYPE_JSON = new BasicHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    private static final byte[] EMPTY = new byte[0];

    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient http;
    /** The request config for the last Options seen: Feign passes the same instance on every call. */
    private volatile TimeoutsFor lastTimeouts;

    private record TimeoutsFor(Request.Options options, RequestConfig config) {
    }

    /** Builds the pool and the client; no I/O: connections open on first use. */
    PostmarkHttpTransport(int maxConnections, Duration connectTimeout, Duration readTimeout) {
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(QuietConnection.FACTORY)
                // the JVM's default trust store and TLS settings, as the JDK client used them
                .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        // a connection idle this long is checked before reuse: Postmark may have closed it
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        // reconnect now and then, so a change of Postmark's addresses is picked up
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableConnectionState()
                .build();
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        HttpUriRequestBase out = new HttpUriRequestBase(request.httpMethod().name(), URI.create(request.url()));
        out.addHeader(ACCEPT_JSON);
        for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
            if (SKIPPED_HEADERS.contains(header.getKey())) {
                continue;
            }
            for (String value : header.getValue()) {
                out.addHeader(header.getKey(), value);
            }
        }
        byte[] body = request.body();
        if (body == null && request.httpMethod().isWithBody()) {
            body = EMPTY; // a PUT without a body still says Content-Length: 0, as the JDK client did
        }
        if (body != null) {
            // the content type goes in the header, not the entity: Apache would add a charset to it
            out.addHeader(CONTENT_TYPE_JSON);
            out.setEntity(new ByteArrayEntity(body, null));
        }
        out.setConfig(requestConfig(options));
        // the handler reads the whole answer; Apache then releases the connection to the pool
        return http.execute(out, answer -> toFeign(request, answer));
    }

    private static Set<String> skipped(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }

    @SuppressWarnings("deprecation") // a per-request connect timeout is still honoured in 5.5, and Feign asks for one
    private RequestConfig requestConfig(Request.Options options) {
        TimeoutsFor last = lastTimeouts;
        if (last != null && last.options() == options) {
            return last.config();
        }
        Timeout connect = Timeout.ofMilliseconds(options.connectTimeoutMillis());
        RequestConfig config = RequestConfig.custom()
                .setConnectTimeout(connect)
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(Timeout.ofMilliseconds(options.readTimeoutMillis()))
                .setRedirectsEnabled(false)
                .build();
        lastTimeouts = new TimeoutsFor(options, config);
        return config;
    }

    /**
     * A successful answer reaches Feign without its headers: only the JSON decoder reads it, and
     * Feign copies every header into a case-insensitive map of lists on each call. Any other
     * answer keeps them all ({@link PostmarkErrorDecoder} reads {@code Retry-After}).
     */
    private static Response toFeign(Request request, ClassicHttpResponse answer) throws IOException {
        HttpEntity entity = answer.getEntity();
        byte[] body = entity == null ? EMPTY : readAll(entity);
        int status = answer.getCode();
        Map<String, Collection<String>> headers = Map.of();
        if (status < 200 || status >= 300) {
            Header[] received = answer.getHeaders();
            headers = new HashMap<>(received.length * 2);
            for (Header header : received) {
                headers.computeIfAbsent(header.getName(), name -> new ArrayList<>(1)).add(header.getValue());
            }
        }
        return Response.builder()
                .status(status)
                .reason(answer.getReasonPhrase())
                .headers(headers)
                .body(body)
                .request(request)
                .protocolVersion(Request.ProtocolVersion.HTTP_1_1)
                .build();
    }

    /**
     * The whole body, in one array of its declared length when it has one (Postmark's answers are
     * small): no 4 KB scratch buffer and second copy per call as with {@code EntityUtils.toByteArray}.
     * Apache reads to the end after the handler returns, and then reuses the connection.
     */
    private static byte[] readAll(HttpEntity entity) throws IOException {
        long length = entity.getContentLength();
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return EMPTY;
            }
            return length >= 0 && length <= Integer.MAX_VALUE - 8 ? in.readNBytes((int) length) : in.readAllBytes();
        }
    }

    /** The pooled client itself, for the proxy's streamed calls (same pool, same quiet connections). */
    CloseableHttpClient httpClient() {
        return http;
    }

    /** Connections leased, idle and the cap, for tests. */
    PoolStats poolStats() {
        return pool.getTotalStats();
    }

    boolean isClosed() {
        return pool.isClosed();
    }

    /** Closes the pool and its connections; a call still in flight fails as "could not reach Postmark". */
    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
        pool.close(CloseMode.GRACEFUL);
    }

    /**
     * Apache's own connection logs every request header, the token header included, at DEBUG
     * ({@code org.apache.hc.client5.http.headers}) and the raw bytes at DEBUG
     * ({@code org.apache.hc.client5.http.wire}). This one does what it does without the logging,
     * so no logging configuration of the host can print a token.
     */
    static final class QuietConnection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection {
        static final HttpConnectionFactory<ManagedHttpClientConnection> FACTORY = socket -> {
            QuietConnection connection = new QuietConnection();
            if (socket != null) {
                connection.bind(socket);
            }
            return connection;
        };

        private final AtomicBoolean closed = new AtomicBoolean();
        /** The socket timeout set when bound, restored when the pool hands the connection out again. */
        private volatile Timeout socketTimeout = Timeout.DISABLED;

        QuietConnection() {
            super(Http1Config.DEFAULT);
        }

        @Override
        protected void bind(SocketHolder holder) throws IOException {
            if (closed.get()) {
                holder.getSocket().close();
                throw new InterruptedIOException("Connection already shut down");
            }
            super.bind(holder);
            socketTimeout = Timeout.ofMilliseconds(holder.getSocket().getSoTimeout());
        }

        @Override
        public Socket getSocket() {
            SocketHolder holder = getSocketHolder();
            return holder == null ? null : holder.getSocket();
        }

        @Override
        public void passivate() {
            super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
        }

        @Override
        public void activate() {
            super.setSocketTimeout(socketTimeout);
        }

        @Override
        public void close() throws IOException {
            if (closed.compareAndSet(false, true)) {
                super.close();
            }
        }

        @Override
        public void close(CloseMode mode) {
            if (closed.compareAndSet(false, true)) {
                super.close(mode);
            }
        }
    }
}
