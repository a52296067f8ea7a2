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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the Feign clients, one per token, and keeps the most recently used ones, keyed by a
 * SHA-256 of the token, so the cache never holds a token as a key. Every provider call of every
 * thread looks its client up here, so a hit takes no lock (a concurrent map and a use stamp); a
 * miss builds the client under that key's bin only, and evicting the least recently used entry
 * beyond {@code client_cache_size} is the only step under a shared lock. All clients share one
 * {@link PostmarkHttpTransport} (one pool of {@code max_connections}), created on first use: the
 * constructor does no I/O. {@link #close()} shuts the pool down.
 */
final class PostmarkClients implements AutoCloseable {
    private final PostmarkSettings settings;
    private static final MessageDigest SHA_256 = newSha256();
    private final ObjectMapper mapper = PostmarkJson.mapper();
    private final PostmarkJsonCodec json = new PostmarkJsonCodec(mapper);
    private final int maxClients;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final Object evictionLock = new Object();
    private PostmarkHttpTransport http;

    /** A client and when it was last used (nanoTime); the stamp is a plain volatile write on a hit. */
    private static final class Cached {
        final Object client;
        volatile long used = System.nanoTime();

        Cached(Object client) {
            this.client = client;
        }
    }

    PostmarkClients(PostmarkSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        this.maxClients = settings.clientCacheSize();
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
        Cached cached = cache.get(key);
        if (cached == null) {
            cached = cache.computeIfAbsent(key, absent -> new Cached(build(api, header, token)));
            if (cache.size() > maxClients) {
                evictLeastRecentlyUsed(key);
            }
        } else {
            cached.used = System.nanoTime();
        }
        return api.cast(cached.client);
    }

    // misses only: a scan of at most client_cache_size entries
    private void evictLeastRecentlyUsed(String keep) {
        synchronized (evictionLock) {
            while (cache.size() > maxClients) {
                String oldest = null;
                long oldestUse = 0;
                for (Map.Entry<String, Cached> entry : cache.entrySet()) {
                    // nanoTime stamps compare by difference (they may be negative)
                    if (!entry.getKey().equals(keep) && (oldest == null || entry.getValue().used - oldestUse < 0)) {
                        oldest = entry.getKey();
                        oldestUse = entry.getValue().used;
                    }
                }
                if (oldest == null) {
                    return;
                }
                cache.remove(oldest);
            }
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
        return cache.size();
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
