package org.connectorhub.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.postmarkapp.postmark.client.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.service.CredentialsCodec;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorAction;
import org.connectorhub.hub.crypto.KeysetRepository;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.hub.crypto.TinkSecretCipher;
import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.storage.TestDatabases;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH microbenchmarks, in pairs named {@code <what>_baseline} and {@code <what>_ours}; run by
 * {@link JmhScenario}. The states do their I/O in {@code @Setup}, never in the measured methods.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Microbenchmarks {

    /** The credentials cipher: Tink's AEAD on its own vs our cipher (keyset from the database, key-version checks). */
    @State(Scope.Benchmark)
    public static class Crypto {
        static final byte[] ACCOUNT = "acc_0123456789abcdef".getBytes(UTF_8);
        Path dir;
        Database database;
        TinkSecretCipher cipher;
        Aead raw;
        byte[] plaintext;
        byte[] sealedByUs;
        byte[] sealedRaw;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            BenchPostmark.quietLogs();
            dir = Files.createTempDirectory("bench-crypto");
            database = TestDatabases.h2(dir);
            cipher = new TinkSecretCipher(new KeysetRepository(database.dataSource()), MasterKey.fromBase64(MasterKey.generateBase64()));
            cipher.start();
            AeadConfig.register();
            raw = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
            plaintext = CredentialsCodec.encode(Codec.CREDENTIALS);
            sealedByUs = cipher.seal(plaintext, ACCOUNT);
            sealedRaw = raw.encrypt(plaintext, ACCOUNT);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            database.close();
        }
    }

    /** Credentials to bytes and back: our length-prefixed codec vs Jackson over a map. */
    @State(Scope.Benchmark)
    public static class Codec {
        static final Credentials CREDENTIALS = Credentials.of("server_token", "7d2f3c9e-1b4a-4c8e-9f0d-2a6b8c1e5f37",
                "account_token", "0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
        static final Map<String, String> MAP = Map.of("server_token", "7d2f3c9e-1b4a-4c8e-9f0d-2a6b8c1e5f37",
                "account_token", "0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
        static final TypeReference<Map<String, String>> TYPE = new TypeReference<>() { };
        final ObjectMapper json = new ObjectMapper();
    }

    /** One send_email at concurrency 1: our adapter vs the official client, against one fake. */
    @State(Scope.Benchmark)
    public static class Send {
        FakePostmark fake;
        AutoCloseable janitor;
        Connector connector;
        ConnectorAction action;
        ActionRequest request;
        ApiClient official;

        @Setup(Level.Trial)
        public void setUp() {
            BenchPostmark.quietLogs();
            fake = FakePostmark.start();
            janitor = BenchPostmark.janitor(fake);
            FakePostmark.Server server = fake.addServer("Bench");
            connector = BenchPostmark.adapter(fake.baseUri());
            action = BenchPostmark.sendEmail(connector);
            request = BenchPostmark.sendRequest(server);
            official = BenchPostmark.official(fake, server.serverToken());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            connector.close();
            janitor.close();
            fake.close();
        }
    }

    @Benchmark
    public byte[] seal_baseline(Crypto crypto) throws Exception {
        return crypto.raw.encrypt(crypto.plaintext, Crypto.ACCOUNT);
    }

    @Benchmark
    public byte[] seal_ours(Crypto crypto) {
        return crypto.cipher.seal(crypto.plaintext, Crypto.ACCOUNT);
    }

    @Benchmark
    public byte[] open_baseline(Crypto crypto) throws Exception {
        return crypto.raw.decrypt(crypto.sealedRaw, Crypto.ACCOUNT);
    }

    @Benchmark
    public byte[] open_ours(Crypto crypto) {
        return crypto.cipher.open(crypto.sealedByUs, Crypto.ACCOUNT);
    }

    @Benchmark
    public Object codecRoundTrip_baseline(Codec codec) throws Exception {
        return codec.json.readValue(codec.json.writeValueAsBytes(Codec.MAP), Codec.TYPE);
    }

    @Benchmark
    public Object codecRoundTrip_ours(Codec codec) {
        return CredentialsCodec.decode(CredentialsCodec.encode(Codec.CREDENTIALS));
    }

    @Benchmark
    public Object sendEmail_baseline(Send send) throws Exception {
        return send.official.deliverMessage(BenchPostmark.message());
    }

    @Benchmark
    public Object sendEmail_ours(Send send) {
        return send.action.execute(send.request);
    }
}
