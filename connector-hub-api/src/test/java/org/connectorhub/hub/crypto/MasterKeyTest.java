package org.connectorhub.hub.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
    private static final byte[] DATA = "keyset bytes".getBytes(UTF_8);
    private static final byte[] CONTEXT = "ad".getBytes(UTF_8);

    @TempDir
    Path dir;

    @Test
    void aMissingKeyFileIsCreatedOwnerOnlyWithItsParents() throws Exception {
        Path keyFile = dir.resolve("nested/data/master.key");

        MasterKey key = MasterKey.loadOrCreate(keyFile);

        assertThat(key.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        try (var files = Files.list(keyFile.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(keyFile);
        }
    }

    @Test
    void anExistingKeyFileIsReadNotReplaced() throws Exception {
        Path keyFile = dir.resolve("master.key");
        MasterKey created = MasterKey.loadOrCreate(keyFile);
        String content = Files.readString(keyFile);

        MasterKey loaded = MasterKey.loadOrCreate(keyFile);

        assertThat(loaded.created()).isFalse();
        assertThat(Files.readString(keyFile)).isEqualTo(content);
        assertThat(loaded.aead().decrypt(created.aead().encrypt(DATA, CONTEXT), CONTEXT)).isEqualTo(DATA);
    }

    @Test
    void hubsCreatingTheKeyFileAtOnceEndWithOneKey() throws Exception {
        Path keyFile = dir.resolve("master.key");
        int hubs = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(hubs);
        try {
            List<Future<MasterKey>> keys = new ArrayList<>();
            for (int i = 0; i < hubs; i++) {
                keys.add(pool.submit(() -> {
                    go.await();
                    return MasterKey.loadOrCreate(keyFile);
                }));
            }
            go.countDown();
            List<MasterKey> loaded = new ArrayList<>();
            for (Future<MasterKey> key : keys) {
                loaded.add(key.get(30, TimeUnit.SECONDS));
            }

            assertThat(loaded).filteredOn(MasterKey::created).hasSize(1);
            byte[] sealed = loaded.get(0).aead().encrypt(DATA, CONTEXT);
            for (MasterKey key : loaded) {
                assertThat(key.aead().decrypt(sealed, CONTEXT)).isEqualTo(DATA);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBase64KeyOf32BytesIsAccepted() throws Exception {
        String encoded = MasterKey.generateBase64();

        MasterKey key = MasterKey.fromBase64(encoded);

        assertThat(Base64.getDecoder().decode(encoded)).hasSize(32);
        assertThat(key.created()).isFalse();
        assertThat(MasterKey.fromBase64(encoded).aead().decrypt(key.aead().encrypt(DATA, CONTEXT), CONTEXT))
                .isEqualTo(DATA);
        assertThat(MasterKey.generateBase64()).isNotEqualTo(encoded);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedWithoutEchoingIt() {
        String tooShort = Base64.getEncoder().encodeToString("sixteen byte key".getBytes(UTF_8));

        assertThatThrownBy(() -> MasterKey.fromBase64(tooShort))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(tooShort)
                .hasMessageNotContaining("sixteen");
    }

    @Test
    void aKeyThatIsNotBase64IsRefusedWithoutEchoingIt() {
        String notBase64 = "not base64 at all: s3cr3t!";

        assertThatThrownBy(() -> MasterKey.fromBase64(notBase64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base64")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aBrokenKeyFileIsRefusedWithoutEchoingIt() throws Exception {
        Path keyFile = dir.resolve("master.key");
        Files.writeString(keyFile, "c2hvcnQ=\n");

        assertThatThrownBy(() -> MasterKey.loadOrCreate(keyFile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("c2hvcnQ");
    }

    @Test
    void toStringNeverShowsTheKey() throws Exception {
        String encoded = MasterKey.generateBase64();
        Path keyFile = dir.resolve("master.key");
        MasterKey fromFile = MasterKey.loadOrCreate(keyFile);

        assertThat(MasterKey.fromBase64(encoded).toString()).isEqualTo("MasterKey[****]").doesNotContain(encoded);
        assertThat(fromFile.toString()).doesNotContain(Files.readString(keyFile).strip());
    }
}
