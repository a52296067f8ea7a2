package org.connectorhub.core.spi;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The provider's answer to a proxied call: status and headers at once, the body written on demand
 * (streamed, with the connector's token fields already removed). Close it to release the connection.
 */
public interface ProxyResponse extends AutoCloseable {
    int status();

    Map<String, List<String>> headers();

    /** The body's length as the provider declared it, when it did; checked against the limit before anything is sent on. */
    OptionalLong declaredLength();

    /** Copies the body to {@code out}; called at most once. */
    void writeBody(OutputStream out) throws IOException;

    @Override
    void close();

    /** An answer already in memory (a short error body). */
    static ProxyResponse of(int status, Map<String, List<String>> headers, byte[] body) {
        requireNonNull(headers, "headers is null");
        byte[] copy = requireNonNull(body, "body is null").clone();
        Map<String, List<String>> headerCopy = Map.copyOf(headers);
        return new ProxyResponse() {
            @Override
            public int status() {
                return status;
            }

            @Override
            public Map<String, List<String>> headers() {
                return headerCopy;
            }

            @Override
            public OptionalLong declaredLength() {
                return OptionalLong.of(copy.length);
            }

            @Override
            public void writeBody(OutputStream out) throws IOException {
                out.write(copy);
            }

            @Override
            public void close() {
            }
        };
    }
}
