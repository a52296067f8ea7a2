package org.connectorhub.core.spi;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A proxied request's body: in memory (small, so it can be sent again when the provider asks for a
 * retry) or a stream read once as it is sent (large: never sent twice). The core decides which and
 * keeps both within the proxy's size limit.
 */
public final class ProxyBody {
    private static final ProxyBody EMPTY = new ProxyBody(new byte[0], null, OptionalLong.of(0));

    private final byte[] bytes;
    private final InputStream stream;
    private final OptionalLong length;
    private final AtomicBoolean opened = new AtomicBoolean();

    private ProxyBody(byte[] bytes, InputStream stream, OptionalLong length) {
        this.bytes = bytes;
        this.stream = stream;
        this.length = length;
    }

    public static ProxyBody empty() {
        return EMPTY;
    }

    public static ProxyBody of(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        return bytes.length == 0 ? EMPTY : new ProxyBody(bytes.clone(), null, OptionalLong.of(bytes.length));
    }

    /** A stream of the declared length when the caller said it ({@code Content-Length}). */
    public static ProxyBody streaming(InputStream stream, OptionalLong declaredLength) {
        return new ProxyBody(null, requireNonNull(stream, "stream is null"),
                requireNonNull(declaredLength, "declaredLength is null"));
    }

    public boolean isEmpty() {
        return stream == null && bytes.length == 0;
    }

    /** Whether {@link #open()} may be called more than once (the body is in memory). */
    public boolean repeatable() {
        return stream == null;
    }

    public OptionalLong length() {
        return length;
    }

    /** The body to send; a stream can be opened once only. */
    public InputStream open() {
        if (stream == null) {
            return new ByteArrayInputStream(bytes);
        }
        if (!opened.compareAndSet(false, true)) {
            throw new IllegalStateException("a streamed body can be sent once only");
        }
        return stream;
    }

    @Override
    public String toString() {
        return "ProxyBody{" + (stream == null ? bytes.length + " bytes in memory" : "streamed") + "}";
    }
}
