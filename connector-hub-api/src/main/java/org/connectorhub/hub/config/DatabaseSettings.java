package org.connectorhub.hub.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the hub's database is and how many connections it may hold. Only H2 (embedded) and
 * PostgreSQL are supported; one set of Flyway migrations serves both.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize) {
    public static final int DEFAULT_MAX_POOL_SIZE = 10;

    // H2 in PostgreSQL mode with lower-case identifiers and nulls sorting last, as PostgreSQL does.
    // WRITE_DELAY=0: a commit is written before it returns; H2's default (500 ms) loses answered
    // links when the process is killed (CrashSafetyTest).
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    public DatabaseSettings {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database URL must start with jdbc:h2: or jdbc:postgresql:");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
    }

    /** The embedded H2 file database {@code hub.mv.db} in {@code dataDir}. */
    public static DatabaseSettings embedded(Path dataDir) {
        requireNonNull(dataDir, "dataDir is null");
        Path file = dataDir.toAbsolutePath().normalize().resolve("hub");
        return new DatabaseSettings("jdbc:h2:file:" + file + H2_OPTIONS, "sa", "", DEFAULT_MAX_POOL_SIZE);
    }

    public static DatabaseSettings of(String jdbcUrl, String user, String password) {
        return new DatabaseSettings(jdbcUrl, user, password, DEFAULT_MAX_POOL_SIZE);
    }

    public DatabaseSettings withMaxPoolSize(int size) {
        return new DatabaseSettings(jdbcUrl, user, password, size);
    }

    /** "h2" or "postgresql". */
    public String vendor() {
        return jdbcUrl.startsWith("jdbc:h2:") ? "h2" : "postgresql";
    }

    /** The URL with any {@code password=} parameter masked, for logs. */
    public String redactedUrl() {
        return URL_PASSWORD.matcher(jdbcUrl).replaceAll("$1****");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + redactedUrl() + ", user=" + user + ", password=****, maxPoolSize="
                + maxPoolSize + "]";
    }
}
