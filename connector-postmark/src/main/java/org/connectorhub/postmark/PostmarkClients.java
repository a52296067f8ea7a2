package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.Logger;
import feign.Request;
import java.time.Duration;

/**
 * The connector's two Feign clients, one per Postmark API ({@link PostmarkServerApi},
 * {@link PostmarkAccountApi}), shared by every account: the token is an argument of each call,
 * which Feign expands into that request's token header, so nothing here is kept per token and
 * ten thousand accounts cost what one does. Both clients share one {@link PostmarkHttpTransport}
 * (one pool of {@code max_connections}). They are built on first use, so the constructor does no
 * work beyond reading the settings; {@link #close()} shuts the pool down, and a call after it
 * fails as "could not reach Postmark".
 */
final class PostmarkClients implements AutoCloseable {
    private final PostmarkSettings settings;
    private final ObjectMapper mapper = PostmarkJson.mapper();
    /** Null until the first call; then fixed for the life of the connector. */
    private volatile Apis apis;
    private boolean closed;

    /** What one connector builds once. */
    private record Apis(PostmarkHttpTransport http, PostmarkServerApi server, PostmarkAccountApi account) {
    }

    PostmarkClients(PostmarkSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    PostmarkSettings settings() {
        return settings;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** The server API; pass the Server API Token to each call. */
    PostmarkServerApi server() {
        return apis().server();
    }

    /** The account API; pass the Account API Token to each call. */
    PostmarkAccountApi account() {
        return apis().account();
    }

    PostmarkHttpTransport http() {
        return apis().http();
    }

    private Apis apis() {
        Apis built = apis;
        return built != null ? built : build();
    }

    private synchronized Apis build() {
        if (apis == null) {
            if (closed) {
                throw new IllegalStateException("The Postmark connector is closed.");
            }
            PostmarkHttpTransport http = new PostmarkHttpTransport(settings.maxConnections(), settings.connectTimeout(),
                    settings.readTimeout());
            PostmarkJsonCodec json = new PostmarkJsonCodec(mapper);
            apis = new Apis(http, client(PostmarkServerApi.class, http, json), client(PostmarkAccountApi.class, http, json));
        }
        return apis;
    }

    private <T> T client(Class<T> api, PostmarkHttpTransport http, PostmarkJsonCodec json) {
        return Feign.builder()
                .client(http)
                .encoder(json)
                .decoder(json)
                .errorDecoder(new PostmarkErrorDecoder(mapper))
                .retryer(new PostmarkRetryer(settings.maxAttempts(), settings.maxRetryWait()))
                .options(new SameOptions(settings.connectTimeout(), settings.readTimeout()))
                .logger(new PostmarkFeignLogger(api))
                // request line, status and time: no headers (the token), no bodies (GET /server holds tokens)
                .logLevel(Logger.Level.BASIC)
                .target(api, settings.baseUrl().toString());
    }

    /**
     * The same timeouts for every method and thread. Feign 13 looks per-method options up on every
     * call under a key built from the thread's name and id (a string concatenation and two map
     * lookups); we never set per-method options, so the answer is always this.
     */
    static final class SameOptions extends Request.Options {
        SameOptions(Duration connectTimeout, Duration readTimeout) {
            super(connectTimeout, readTimeout, false);
        }

        @Override
        public Request.Options getMethodOptions(String methodName) {
            return this;
        }

        @Override
        public void setMethodOptions(String methodName, Request.Options options) {
            throw new UnsupportedOperationException("Postmark calls use the same timeouts for every method");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        Apis built = apis;
        if (built != null) {
            built.http().close();
        }
    }
}
