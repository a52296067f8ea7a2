package org.connectorhub.hub.storage;

import org.connectorhub.hub.config.DatabaseSettings;

import org.connectorhub.hub.projects.JdbcProjectStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDatabaseIsAnH2FileInTheDataDirectory() {
        try (Database database = TestDatabases.h2(dataDir)) {
            assertThat(database.vendor()).isEqualTo("h2");
            assertThat(database.ping(Duration.ofSeconds(2))).isTrue();
        }

        assertThat(dataDir.resolve("hub.mv.db")).exists();
    }

    @Test
    void migratingAgainIsANoOpAndDataSurvivesAReopen() {
        String id;
        try (Database database = TestDatabases.h2(dataDir)) {
            id = new JdbcProjectStore(database.dataSource()).create("Acme", "hash-1").id();
        }

        try (Database reopened = TestDatabases.h2(dataDir)) {
            reopened.migrate();
            assertThat(new JdbcProjectStore(reopened.dataSource()).findByApiKeyHash("hash-1"))
                    .hasValueSatisfying(project -> assertThat(project.id()).isEqualTo(id));
        }
    }

    @Test
    void aClosedDatabaseDoesNotAnswerAPing() {
        Database database = TestDatabases.h2(dataDir);
        database.close();

        assertThat(database.ping(Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void aPostgresDatabaseMigratesWithTheSameScripts() {
        DatabaseSettings settings = TestDatabases.newPostgresDatabase();
        try (Database database = Database.open(settings)) {
            database.migrate();
            database.migrate();

            assertThat(database.vendor()).isEqualTo("postgresql");
            assertThat(database.ping(Duration.ofSeconds(2))).isTrue();
            assertThat(new JdbcProjectStore(database.dataSource()).list()).isEmpty();
        }
    }

    @Test
    void postgresCredentialsMayComeInTheUrl() {
        DatabaseSettings given = TestDatabases.newPostgresDatabase();
        DatabaseSettings inUrl = DatabaseSettings.of(
                given.jdbcUrl() + "?user=" + given.user() + "&password=" + given.password(), "", "");

        try (Database database = Database.open(inUrl)) {
            database.migrate();
            assertThat(database.ping(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void anUnreachablePostgresFailsToOpenWithoutPrintingThePassword() {
        DatabaseSettings settings = DatabaseSettings.of(
                "jdbc:postgresql://127.0.0.1:1/hub?connectTimeout=1", "hub", "pg-secret-password");

        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("pg-secret-password");
    }

    @Test
    void settingsNeverPrintThePassword() {
        DatabaseSettings settings = DatabaseSettings.of(
                "jdbc:postgresql://db.internal:5432/hub?user=hub&password=url-secret&ssl=true", "hub", "field-secret");

        assertThat(settings.toString())
                .doesNotContain("url-secret")
                .doesNotContain("field-secret")
                .contains("db.internal:5432")
                .contains("password=****");
        assertThat(settings.vendor()).isEqualTo("postgresql");
    }

    @Test
    void embeddedSettingsUseAnAbsolutePathAndPostgresMode() {
        DatabaseSettings settings = DatabaseSettings.embedded(Path.of("relative-dir"));

        assertThat(settings.jdbcUrl())
                .startsWith("jdbc:h2:file:" + Path.of("relative-dir").toAbsolutePath().normalize())
                .contains("MODE=PostgreSQL");
        assertThat(settings.vendor()).isEqualTo("h2");
        assertThat(Files.exists(Path.of("relative-dir"))).isFalse();
    }

    @Test
    void otherDatabasesAreRefused() {
        assertThatThrownBy(() -> DatabaseSettings.of("jdbc:mysql://localhost/hub", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql:");
    }
}
