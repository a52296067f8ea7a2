package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.RequestInterceptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the Feign clients, one per token, and keeps the most recent ones: a small LRU keyed by
 * a SHA-256 of the token, so the cache never holds a token as a key. All clients share one
 * {@link PostmarkHttpTransport} (one pool of {@code max_connections}), created on first use: the
 * constructor does no I/O. {@link #close()} shuts the pool down.
 */
final class PostmarkClients implements AutoCloseable {
    private final PostmarkSettings settings;
    private static final MessageDigest SHA_256 = newSha256();
    private final ObjectMapper mapper = PostmarkJson.mapper();
    private final PostmarkJsonCodec json = new PostmarkJsonCodec(mapper);
    private final Map<String, Object> cache;
    private PostmarkHttpTransport http;

    PostmarkClients(PostmarkSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        int size = settings.clientCacheSize();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > size;
            }
        };
    }

    PostmarkSettings settings() {
        return settings;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    PostmarkServerApi server(String serverToken) {
        return client(PostmarkServerApi.class, PostmarkServerApi.TOKEN_HEADER, serverToken);
    }

    PostmarkAccountApi account(String accountToken) {
        return client(PostmarkAccountApi.class, PostmarkAccountApi.TOKEN_HEADER, accountToken);
    }

    private <T> T client(Class<T> api, String header, String token) {
        requireNonNull(token, "token is null");
        // hashed outside the lock: every call of every thread comes through here
        String key = api.getSimpleName() + ':' + sha256(token);
        synchronized (this) {
            Object client = cache.get(key);
            if (client == null) {
                client = build(api, header, token);
                cache.put(key, client);
            }
            return api.cast(client);
        }
    }

    private <T> T build(Class<T> api, String header, String token) {
        RequestInterceptor withToken = template -> template.header(header, token);
        return Feign.builder()
                .client(http())
                .encoder(json)
                .decoder(json)
                .errorDecoder(new PostmarkErrorDecoder(mapper))
                .retryer(new PostmarkRetryer(settings.maxAttempts(), settings.maxRetryWait()))
                .options(new Request.Options(settings.connectTimeout(), settings.readTimeout(), false))
                .requestInterceptor(withToken)
                .logger(new PostmarkFeignLogger(api))
                .logLevel(Logger.Level.BASIC)
                .target(api, settings.baseUrl().toString());
    }

    synchronized PostmarkHttpTransport http() {
        if (http == null) {
            http = new PostmarkHttpTransport(settings.maxConnections(), settings.connectTimeout(),
                    settings.readTimeout());
        }
        return http;
    }

    int cachedClients() {
        synchronized (this) {
            return cache.size();
        }
    }

    @Override
    public synchronized void close() {
        cache.clear();
        if (http != null) {
            http.close();
            http = null;
        }
    }

    private static String sha256(String token) {
        MessageDigest digest;
        try {
            // a clone skips the provider lookup of getInstance on every call
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException notCloneable) {
            digest = newSha256();
        }
        return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", impossible);
        }
    }
}
