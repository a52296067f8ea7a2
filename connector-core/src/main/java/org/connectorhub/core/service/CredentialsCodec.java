package org.connectorhub.core.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.connectorhub.core.domain.Credentials;

/** Turns credentials into bytes to seal and back; a versioned, length-prefixed format. */
public final class CredentialsCodec {
    private static final int FORMAT = 1;

    private CredentialsCodec() {
    }

    public static byte[] encode(Credentials credentials) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(credentials.fieldKeys().size());
            IOException[] failure = new IOException[1];
            credentials.forEach((key, value) -> {
                try {
                    out.writeUTF(key);
                    out.writeUTF(value);
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode credentials", e);
        }
        return bytes.toByteArray();
    }

    public static Credentials decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown credentials format " + format);
            }
            int count = in.readInt();
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                values.put(in.readUTF(), in.readUTF());
            }
            return Credentials.of(values);
        } catch (IOException e) {
            throw new IllegalStateException("sealed credentials are corrupt", e);
        }
    }
}
