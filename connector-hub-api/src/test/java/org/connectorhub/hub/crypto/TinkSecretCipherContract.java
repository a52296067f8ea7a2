package org.connectorhub.hub.crypto;

import org.connectorhub.hub.storage.StoreContract;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.connectorhub.hub.storage.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link TinkSecretCipher} must do with its keyset in a database; run on H2 and PostgreSQL. */
abstract class TinkSecretCipherContract extends StoreContract {
    private static final byte[] SECRET = "server-token-3f9a1c".getBytes(UTF_8);
    private static final byte[] ACCOUNT = "acc_1".getBytes(UTF_8);

    private final MasterKey masterKey = MasterKey.fromBase64(MasterKey.generateBase64());
    private final MutableClock clock = new MutableClock();
    // every test gets its own keyset row, as if on a fresh database
    private String keysetName;

    @BeforeEach
    void newKeysetName() {
        keysetName = "test-" + UUID.randomUUID();
    }

    @Test
    void sealedSecretsOpenWithTheSameAssociatedData() {
        TinkSecretCipher cipher = started();

        byte[] sealed = cipher.seal(SECRET, ACCOUNT);

        assertThat(cipher.open(sealed, ACCOUNT)).isEqualTo(SECRET);
        assertThat(sealed[0]).as("Tink prefix").isEqualTo((byte) 0x01);
        assertThat(contains(sealed, SECRET)).isFalse();
        assertThat(cipher.seal(SECRET, ACCOUNT)).as("random nonce").isNotEqualTo(sealed);
    }

    @Test
    void aSecretDoesNotOpenForAnotherAccount() {
        TinkSecretCipher cipher = started();
        byte[] sealed = cipher.seal(SECRET, ACCOUNT);

        assertThatThrownBy(() -> cipher.open(sealed, "acc_2".getBytes(UTF_8)))
                .isInstanceOf(SecurityException.class)
                .hasMessageNotContaining("server-token")
                .hasMessageNotContaining("acc_");
    }

    @Test
    void anAlteredCiphertextDoesNotOpen() {
        TinkSecretCipher cipher = started();
        byte[] sealed = cipher.seal(SECRET, ACCOUNT);

        for (int index : new int[] {5, sealed.length / 2, sealed.length - 1}) {
            byte[] altered = sealed.clone();
            altered[index] ^= 0x01;
            assertThatThrownBy(() -> cipher.open(altered, ACCOUNT))
                    .isInstanceOf(SecurityException.class)
                    .hasMessageNotContaining("server-token");
        }
        assertThatThrownBy(() -> cipher.open(Arrays.copyOf(sealed, 4), ACCOUNT)).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> cipher.open(SECRET, ACCOUNT)).isInstanceOf(SecurityException.class);
    }

    @Test
    void aCiphertextOfAnUnknownKeyDoesNotOpen() {
        TinkSecretCipher cipher = started();
        byte[] foreign = cipher(newName()).sealStarted();

        assertThatThrownBy(() -> cipher.open(foreign, ACCOUNT))
                .isInstanceOf(SecurityException.class)
                .hasMessageContaining("key");
    }

    @Test
    void theConstructorDoesNoIoAndAnUnstartedCipherRefusesWork() {
        TinkSecretCipher cipher = new TinkSecretCipher(new KeysetRepository(database().dataSource(), keysetName), masterKey);

        assertThat(new KeysetRepository(database().dataSource(), keysetName).load()).isEmpty();
        assertThatThrownBy(() -> cipher.seal(SECRET, ACCOUNT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
    }

    @Test
    void theFirstStartCreatesKeyVersionOne() {
        TinkSecretCipher cipher = started();

        assertThat(cipher.primaryVersion()).isEqualTo(1);
        assertThat(cipher.versions()).containsExactly(new KeyVersion(1, true, clock.instant()));
        assertThat(cipher.keyVersionOf(cipher.seal(SECRET, ACCOUNT))).isEqualTo(1);
        assertThat(new KeysetRepository(database().dataSource(), keysetName).load()).hasValueSatisfying(stored -> {
            assertThat(stored.revision()).isEqualTo(1);
            assertThat(contains(stored.encryptedKeyset(), "type.googleapis.com".getBytes(UTF_8)))
                    .as("the keyset is stored encrypted").isFalse();
        });
    }

    @Test
    void aRestartedCipherOpensWhatItSealedBefore() {
        byte[] sealed = started().seal(SECRET, ACCOUNT);

        TinkSecretCipher restarted = started();

        assertThat(restarted.open(sealed, ACCOUNT)).isEqualTo(SECRET);
        assertThat(restarted.versions()).hasSize(1);
    }

    @Test
    void afterARotationNewSealsUseTheNewKeyAndOldOnesStillOpen() {
        TinkSecretCipher cipher = started();
        byte[] old = cipher.seal(SECRET, ACCOUNT);
        clock.advance(Duration.ofDays(1));

        int version = cipher.rotate();
        byte[] fresh = cipher.seal(SECRET, ACCOUNT);

        assertThat(version).isEqualTo(2);
        assertThat(cipher.primaryVersion()).isEqualTo(2);
        assertThat(cipher.keyVersionOf(old)).isEqualTo(1);
        assertThat(cipher.keyVersionOf(fresh)).isEqualTo(2);
        assertThat(cipher.isPrimary(old)).isFalse();
        assertThat(cipher.isPrimary(fresh)).isTrue();
        assertThat(cipher.open(old, ACCOUNT)).isEqualTo(SECRET);
        assertThat(cipher.open(fresh, ACCOUNT)).isEqualTo(SECRET);
        assertThat(cipher.versions()).extracting(KeyVersion::version, KeyVersion::primary)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, false), org.assertj.core.groups.Tuple.tuple(2, true));
        assertThat(cipher.versions().get(1).createdAt()).isEqualTo(clock.instant());
        assertThat(started().keyVersionOf(fresh)).as("after a restart").isEqualTo(2);
    }

    @Test
    void aSecondHubOpensWhatTheFirstSealedAfterRotating() {
        TinkSecretCipher first = started();
        TinkSecretCipher second = started();

        first.rotate();
        byte[] sealed = first.seal(SECRET, ACCOUNT);

        assertThat(second.open(sealed, ACCOUNT)).isEqualTo(SECRET);
        assertThat(second.keyVersionOf(sealed)).isEqualTo(2);
        assertThat(second.primaryVersion()).isEqualTo(2);
    }

    @Test
    void aSecondHubSealsWithTheNewKeyOnceItsRefreshIntervalPassed() {
        TinkSecretCipher first = started();
        TinkSecretCipher second = started();

        first.rotate();
        int beforeInterval = second.keyVersionOf(second.seal(SECRET, ACCOUNT));
        clock.advance(TinkSecretCipher.DEFAULT_REFRESH_INTERVAL.plusSeconds(1));
        int afterInterval = second.keyVersionOf(second.seal(SECRET, ACCOUNT));

        assertThat(beforeInterval).isEqualTo(1);
        assertThat(afterInterval).isEqualTo(2);
    }

    @Test
    void refreshPicksUpARotationAtOnce() {
        TinkSecretCipher first = started();
        TinkSecretCipher second = started();
        first.rotate();

        second.refresh();

        assertThat(second.keyVersionOf(second.seal(SECRET, ACCOUNT))).isEqualTo(2);
    }

    @Test
    void rotationsOnTwoHubsKeepEveryKey() {
        TinkSecretCipher first = started();
        TinkSecretCipher second = started();

        int one = first.rotate();
        // second still holds revision 1: its update conflicts, it reloads and builds on top
        int other = second.rotate();

        assertThat(one).isEqualTo(2);
        assertThat(other).isEqualTo(3);
        byte[] sealedBySecond = second.seal(SECRET, ACCOUNT);
        assertThat(first.open(sealedBySecond, ACCOUNT)).isEqualTo(SECRET);
        assertThat(started().versions()).extracting(KeyVersion::version).containsExactly(1, 2, 3);
    }

    @Test
    void concurrentRotationsLoseNoKey() throws Exception {
        List<TinkSecretCipher> hubs = List.of(started(), started(), started(), started());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(hubs.size());
        try {
            List<Future<Integer>> versions = new ArrayList<>();
            for (TinkSecretCipher hub : hubs) {
                versions.add(pool.submit(() -> {
                    go.await();
                    return hub.rotate();
                }));
            }
            go.countDown();
            List<Integer> rotated = new ArrayList<>();
            for (Future<Integer> version : versions) {
                rotated.add(version.get(30, TimeUnit.SECONDS));
            }

            assertThat(rotated).containsExactlyInAnyOrder(2, 3, 4, 5);
            assertThat(started().versions()).extracting(KeyVersion::version).containsExactly(1, 2, 3, 4, 5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hubsStartingTogetherOnAnEmptyDatabaseShareOneKeyset() throws Exception {
        int hubs = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(hubs);
        try {
            List<Future<TinkSecretCipher>> starts = new ArrayList<>();
            for (int i = 0; i < hubs; i++) {
                TinkSecretCipher cipher = cipher(keysetName).cipher;
                starts.add(pool.submit(() -> {
                    go.await();
                    cipher.start();
                    return cipher;
                }));
            }
            go.countDown();
            List<TinkSecretCipher> started = new ArrayList<>();
            for (Future<TinkSecretCipher> start : starts) {
                started.add(start.get(30, TimeUnit.SECONDS));
            }

            byte[] sealed = started.get(0).seal(SECRET, ACCOUNT);
            for (TinkSecretCipher cipher : started) {
                assertThat(cipher.open(sealed, ACCOUNT)).isEqualTo(SECRET);
                assertThat(cipher.versions()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWrongMasterKeyFailsClearlyAtStartAndChangesNothing() {
        byte[] sealed = started().seal(SECRET, ACCOUNT);
        String wrongKey = MasterKey.generateBase64();
        TinkSecretCipher wrong = new TinkSecretCipher(
                new KeysetRepository(database().dataSource(), keysetName), MasterKey.fromBase64(wrongKey), clock,
                TinkSecretCipher.DEFAULT_REFRESH_INTERVAL);

        assertThatThrownBy(wrong::start)
                .isInstanceOf(MasterKeyMismatchException.class)
                .hasMessageContaining("master key")
                .hasMessageNotContaining(wrongKey);
        assertThat(started().open(sealed, ACCOUNT)).isEqualTo(SECRET);
        assertThat(new KeysetRepository(database().dataSource(), keysetName).load().orElseThrow().revision())
                .isEqualTo(1);
    }

    @Test
    void anAlteredKeyLogIsRefusedAtStart() throws Exception {
        started();
        try (Connection connection = database().dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE keysets SET key_log = REPLACE(key_log, '1 ', '7 ') WHERE name = ?")) {
            statement.setString(1, keysetName);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }

        assertThatThrownBy(this::started).isInstanceOf(MasterKeyMismatchException.class);
    }

    private TinkSecretCipher started() {
        TinkSecretCipher cipher = cipher(keysetName).cipher;
        cipher.start();
        return cipher;
    }

    private Hub cipher(String name) {
        return new Hub(new TinkSecretCipher(new KeysetRepository(database().dataSource(), name), masterKey, clock,
                TinkSecretCipher.DEFAULT_REFRESH_INTERVAL));
    }

    private static String newName() {
        return "test-" + UUID.randomUUID();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        String text = new String(haystack, StandardCharsets.ISO_8859_1);
        return text.contains(new String(needle, StandardCharsets.ISO_8859_1));
    }

    private record Hub(TinkSecretCipher cipher) {
        byte[] sealStarted() {
            cipher.start();
            return cipher.seal(SECRET, ACCOUNT);
        }
    }
}
