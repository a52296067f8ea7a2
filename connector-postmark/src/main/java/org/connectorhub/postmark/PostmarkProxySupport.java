package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Request.HttpMethod;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.util.Timeout;
import org.connectorhub.core.domain.CredentialsRevokedException;
import org.connectorhub.core.domain.InvalidProxyPathException;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.spi.ProxyAuth;
import org.connectorhub.core.spi.ProxyBody;
import org.connectorhub.core.spi.ProxyHeaders;
import org.connectorhub.core.spi.ProxyPath;
import org.connectorhub.core.spi.ProxyRequest;
import org.connectorhub.core.spi.ProxyResponse;
import org.connectorhub.core.spi.ProxySupport;

/**
 * Any Postmark endpoint through the connector's own connection pool. The Server API Token goes out
 * by default, the Account API Token for the account-level resources of the fact sheet (servers,
 * sender signatures, domains, data removals, template push); resources match in any case, as
 * Postmark's paths do, so {@code /Servers} cannot slip the server token to an account endpoint.
 * Retries follow {@link PostmarkRetryer#mayRetry}: reads on any outage, writes only on 429/503 with
 * {@code Retry-After} and only when the body is in memory. JSON answers lose every
 * {@code ApiTokens} field (Postmark puts a server's tokens there in {@code /server} and
 * {@code /servers} answers), every {@code Password} value is replaced (a webhook's {@code HttpAuth},
 * the hub's receiver credentials) and every {@code ...Url} value loses its user info
 * ({@code InboundHookUrl} carries the receiver's credentials there): small answers are filtered before the status goes out, so a body we
 * cannot read is an outage; larger ones are filtered as they stream.
 */
final class PostmarkProxySupport implements ProxySupport {
    static final String SERVER_TOKEN_HEADER = "X-Postmark-Server-Token";
    static final String ACCOUNT_TOKEN_HEADER = "X-Postmark-Account-Token";
    /** First path segments (lower case) that take the Account API Token. */
    static final Set<String> ACCOUNT_RESOURCES = Set.of("servers", "senders", "domains", "data-removals");
    /** JSON fields (lower case) that hold tokens and never leave the proxy. */
    static final Set<String> TOKEN_FIELDS = Set.of("apitokens");
    /** What a webhook's {@code HttpAuth.Password} reads as through the proxy. */
    static final String REDACTED = "[redacted]";
    /** Answers up to this size are read and filtered whole before the status goes out. */
    static final int IN_MEMORY_ANSWER = 256 * 1024;
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private static final ProxyAuth SERVER = new ProxyAuth(PostmarkCredentialSchema.SERVER_TOKEN, SERVER_TOKEN_HEADER,
            PostmarkCredentialSchema.SCOPE_SERVER);
    private static final ProxyAuth ACCOUNT = new ProxyAuth(PostmarkCredentialSchema.ACCOUNT_TOKEN, ACCOUNT_TOKEN_HEADER,
            PostmarkCredentialSchema.SCOPE_ACCOUNT);

    private final PostmarkSettings settings;
    private final Supplier<CloseableHttpClient> http;
    private final ObjectMapper mapper;
    private final JsonFactory json;
    private final RequestConfig requestConfig;

    PostmarkProxySupport(PostmarkSettings settings, Supplier<CloseableHttpClient> http, ObjectMapper mapper) {
        this.settings = requireNonNull(settings, "settings is null");
        this.http = requireNonNull(http, "http is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.json = JsonFactory.builder()
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build()
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        Timeout connect = Timeout.of(settings.connectTimeout());
        @SuppressWarnings("deprecation") // per-request connect timeout: still honoured in 5.5, as the transport uses it
        RequestConfig config = RequestConfig.custom()
                .setConnectTimeout(connect)
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(Timeout.of(settings.readTimeout()))
                .setRedirectsEnabled(false)
                .build();
        this.requestConfig = config;
    }

    @Override
    public ProxyAuth authenticate(String method, ProxyPath path) {
        String resource = path.resource();
        boolean templatePush = resource.equals("templates") && path.segments().size() >= 2
                && path.segments().get(1).equalsIgnoreCase("push");
        return ACCOUNT_RESOURCES.contains(resource) || templatePush ? ACCOUNT : SERVER;
    }

    @Override
    public ProxyResponse send(ProxyRequest request) {
        URI target = target(request.path());
        boolean testServerToken = request.mode() == Mode.TEST
                && request.auth().credentialField().equals(PostmarkCredentialSchema.SERVER_TOKEN);
        // a test-mode account only ever reaches Postmark's test facility, whatever is stored
        String token = testServerToken ? PostmarkCredentialSchema.TEST_TOKEN : request.credential();
        ProxyBody body = request.body();
        boolean mayResend = body.repeatable();
        for (int attempt = 1; ; attempt++) {
            HttpUriRequestBase out = new HttpUriRequestBase(request.method(), target);
            out.setHeader("Accept", ProxyHeaders.first(request.headers(), "Accept").orElse("application/json"));
            if (!body.isEmpty()) {
                String type = ProxyHeaders.first(request.headers(), "Content-Type").orElse("application/json");
                out.setHeader("Content-Type", type);
                out.setEntity(new InputStreamEntity(body.open(), body.length().orElse(-1), null));
            } else if (!request.method().equals("GET") && !request.method().equals("DELETE")) {
                out.setHeader("Content-Type", ProxyHeaders.first(request.headers(), "Content-Type")
                        .orElse("application/json"));
                out.setEntity(new ByteArrayEntity(EMPTY, null));
            }
            out.setHeader(request.auth().header(), token);
            out.setConfig(requestConfig);
            ClassicHttpResponse answer;
            try {
                answer = http.get().executeOpen(null, out, null);
            } catch (IOException e) {
                // a write that timed out or lost its connection may have been taken: never sent again
                if (request.idempotentMethod() && attempt < settings.maxAttempts() && pause(backoff(attempt))) {
                    continue;
                }
                throw new ProviderUnavailableException(describeIo(e), Optional.empty());
            }
            int status = answer.getCode();
            if (status == 429 || status == 408 || status >= 500) {
                Optional<Duration> retryAfter = Optional.ofNullable(answer.getFirstHeader("Retry-After"))
                        .flatMap(h -> PostmarkErrorDecoder.parseRetryAfter(h.getValue()));
                discard(answer);
                boolean allowed = PostmarkRetryer.mayRetry(HttpMethod.valueOf(request.method()), status,
                        retryAfter.isPresent()) && (request.idempotentMethod() || mayResend);
                Duration wait = retryAfter.isPresent() ? retryAfter.get() : backoff(attempt);
                if (allowed && attempt < settings.maxAttempts() && wait.compareTo(settings.maxRetryWait()) <= 0
                        && pause(wait)) {
                    continue;
                }
                throw new ProviderUnavailableException(PostmarkRetryableException.describe(status), retryAfter);
            }
            if (status == 401) {
                return unauthorized(request, answer, testServerToken || request.mode() == Mode.TEST);
            }
            return answer(answer);
        }
    }

    private URI target(ProxyPath path) {
        URI base = settings.baseUrl();
        URI target;
        try {
            target = URI.create(base + path.pathAndQuery());
        } catch (IllegalArgumentException e) {
            throw new InvalidProxyPathException("The path does not make a valid URL at Postmark.");
        }
        // by construction already; checked again so that no path can ever reach another host
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        if (!base.getScheme().equals(target.getScheme()) || !base.getRawAuthority().equals(target.getRawAuthority())
                || target.getRawPath() == null || !target.getRawPath().startsWith(basePath + "/")) {
            throw new InvalidProxyPathException("The path would leave Postmark's API.");
        }
        return target;
    }

    private ProxyResponse unauthorized(ProxyRequest request, ClassicHttpResponse answer, boolean testMode) {
        byte[] body;
        try {
            body = read(answer.getEntity(), MAX_ERROR_BODY);
        } catch (IOException e) {
            body = EMPTY;
        } finally {
            discard(answer);
        }
        if (testMode) {
            // Postmark accepts the test token on the send endpoints only: its answer elsewhere is passed on as it is
            return ProxyResponse.of(answer.getCode(), headers(answer), body);
        }
        Optional<Integer> errorCode = postmarkErrorCode(body);
        if (errorCode.isEmpty()) {
            throw new ProviderUnavailableException("Something other than Postmark answered 401 (no Postmark error body).",
                    Optional.empty());
        }
        String label = request.auth().credentialField().equals(PostmarkCredentialSchema.ACCOUNT_TOKEN)
                ? PostmarkCredentialSchema.ACCOUNT_TOKEN_LABEL : PostmarkCredentialSchema.SERVER_TOKEN_LABEL;
        throw new CredentialsRevokedException("Postmark no longer accepts the " + label + " (error " + errorCode.get()
                + "); it was revoked or changed.");
    }

    private ProxyResponse answer(ClassicHttpResponse answer) {
        HttpEntity entity = answer.getEntity();
        Map<String, List<String>> headers = headers(answer);
        boolean isJson = entity != null && isJson(entity.getContentType());
        long length = entity == null ? 0 : entity.getContentLength();
        if (entity == null || (length >= 0 && length <= IN_MEMORY_ANSWER)) {
            try {
                byte[] raw = entity == null ? EMPTY : read(entity, IN_MEMORY_ANSWER);
                byte[] body = isJson && raw.length > 0 ? withoutTokens(raw) : raw;
                return ProxyResponse.of(answer.getCode(), headers, body);
            } catch (IOException e) {
                throw new ProviderUnavailableException(e instanceof com.fasterxml.jackson.core.JsonProcessingException
                        ? "Postmark answered with a body we cannot read." : describeIo(e), Optional.empty());
            } finally {
                discard(answer);
            }
        }
        return new Streamed(answer, headers, isJson, length);
    }

    private byte[] withoutTokens(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        copyWithoutTokens(new ByteArrayInputStream(raw), out);
        return out.toByteArray();
    }

    /** Copies JSON event by event, skipping every token field and its value wherever it is nested. */
    void copyWithoutTokens(InputStream in, OutputStream out) throws IOException {
        try (JsonParser parser = json.createParser(in); JsonGenerator generator = json.createGenerator(out)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && TOKEN_FIELDS.contains(parser.currentName().toLowerCase(Locale.ROOT))) {
                    parser.nextToken();
                    parser.skipChildren();
                    continue;
                }
                if (token == JsonToken.VALUE_STRING && parser.currentName() != null) {
                    String name = parser.currentName().toLowerCase(Locale.ROOT);
                    if (name.equals("password")) {
                        // a webhook's HttpAuth password: the hub's own receiver credentials
                        generator.writeString(parser.getText().isEmpty() ? "" : REDACTED);
                        continue;
                    }
                    if (name.endsWith("url")) {
                        // hook URLs carry credentials as user info (InboundHookUrl has no other place)
                        generator.writeString(withoutUserInfo(parser.getText()));
                        continue;
                    }
                }
                generator.copyCurrentEventExact(parser);
            }
        }
    }

    /** {@code https://user:pass@host/path} without {@code user:pass@}; anything else unchanged. */
    static String withoutUserInfo(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int start = scheme + 3;
        int end = url.length();
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int at = url.lastIndexOf('@', end - 1);
        return at < start ? url : url.substring(0, start) + url.substring(at + 1);
    }

    /** A larger answer, filtered as it streams; the connection goes back to the pool once it is read to the end. */
    private final class Streamed implements ProxyResponse {
        private final ClassicHttpResponse answer;
        private final Map<String, List<String>> headers;
        private final boolean isJson;
        private final long length;

        Streamed(ClassicHttpResponse answer, Map<String, List<String>> headers, boolean isJson, long length) {
            this.answer = answer;
            this.headers = headers;
            this.isJson = isJson;
            this.length = length;
        }

        @Override
        public int status() {
            return answer.getCode();
        }

        @Override
        public Map<String, List<String>> headers() {
            return headers;
        }

        @Override
        public OptionalLong declaredLength() {
            return length >= 0 ? OptionalLong.of(length) : OptionalLong.empty();
        }

        @Override
        public void writeBody(OutputStream out) throws IOException {
            try (InputStream in = answer.getEntity().getContent()) {
                if (isJson) {
                    copyWithoutTokens(in, out);
                } else {
                    in.transferTo(out);
                }
            }
        }

        @Override
        public void close() {
            discard(answer);
        }
    }

    private Optional<Integer> postmarkErrorCode(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.path("ErrorCode").isIntegralNumber() && node.path("ErrorCode").canConvertToInt()) {
                return Optional.of(node.path("ErrorCode").intValue());
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Postmark's error body
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse answer) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : answer.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>(1)).add(header.getValue());
        }
        return headers;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            String mime = ContentType.parse(contentType).getMimeType().toLowerCase(Locale.ROOT);
            return mime.equals("application/json") || mime.endsWith("+json");
        } catch (RuntimeException unparseable) {
            return false;
        }
    }

    private static byte[] read(HttpEntity entity, int max) throws IOException {
        if (entity == null) {
            return EMPTY;
        }
        try (InputStream in = entity.getContent()) {
            return in == null ? EMPTY : in.readNBytes(max);
        }
    }

    private static void discard(ClassicHttpResponse answer) {
        try {
            answer.close();
        } catch (IOException ignored) {
            // the connection is dropped instead of reused
        }
    }

    private Duration backoff(int attempt) {
        long base = PostmarkRetryer.BASE_BACKOFF.toMillis() << Math.min(Math.max(attempt - 1, 0), 10);
        long jitter = ThreadLocalRandom.current().nextLong(base / 4 + 1);
        return Duration.ofMillis(Math.min(base + jitter, settings.maxRetryWait().toMillis()));
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describeIo(IOException e) {
        if (e instanceof ConnectionRequestTimeoutException) {
            return "No connection to Postmark came free in time (all max_connections are busy).";
        }
        if (e instanceof InterruptedIOException) {
            return "Postmark did not answer in time.";
        }
        return "Could not reach Postmark (the connection failed or was dropped).";
    }

    @Override
    public String toString() {
        return "PostmarkProxySupport{" + settings.baseUrl() + "}";
    }
}
