package org.connectorhub.postmark;

import feign.slf4j.Slf4jLogger;
import java.util.Locale;

/**
 * Feign's SLF4J logger that never prints a token header, should someone raise the level to
 * HEADERS. The clients log at BASIC (request line, status, time): no headers, no bodies
 * ({@code GET /server} answers with the server's tokens).
 */
final class PostmarkFeignLogger extends Slf4jLogger {
    PostmarkFeignLogger(Class<?> api) {
        super(api);
    }

    @Override
    protected boolean shouldLogRequestHeader(String header) {
        return !header.toLowerCase(Locale.ROOT).contains("token");
    }

    @Override
    protected boolean shouldLogResponseHeader(String header) {
        return !header.toLowerCase(Locale.ROOT).contains("token");
    }
}
