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
    void aStartSkipsFlywayOnlyWhenTheHistoryHoldsEveryMigrationAppliedSuccessfully() throws Exception {
        try (Database database = Database.open(DatabaseSettings.embedded(dataDir))) {
            assertThat(database.upToDate()).as("an empty database").isFalse();
            database.migrateIfBehind();
            assertThat(database.upToDate()).isTrue();
            assertThat(tableExists(database, "activity_log")).isTrue();

            // a failed migration in the history, or one not applied yet: Flyway runs (and repairs nothing silently)
            execute(database, "UPDATE flyway_schema_history SET success = FALSE WHERE version = '60'");
            assertThat(database.upToDate()).isFalse();
            execute(database, "UPDATE flyway_schema_history SET success = TRUE WHERE version = '60'");
            execute(database, "DELETE FROM flyway_schema_history WHERE version = '60'");
            execute(database, "DROP INDEX activity_log_account_failures_at");
            execute(database, "ALTER TABLE activity_log DROP COLUMN failed_account_id");
            execute(database, "CREATE INDEX activity_log_account_status_at ON activity_log "
                    + "(project_id, account_id, status, occurred_at DESC, id DESC)");
            assertThat(database.upToDate()).isFalse();
            database.migrateIfBehind();
            assertThat(database.upToDate()).isTrue();
            assertThat(columnExists(database, "activity_log", "failed_account_id")).isTrue();

            // one more than ours (a newer hub migrated this database): Flyway decides, as before
            execute(database, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, execution_time, success) VALUES (9999, '9999', 'future', 'SQL', "
                    + "'V9999__future.sql', 0, 'test', 0, TRUE)");
            assertThat(database.upToDate()).isFalse();
        }
    }

    @Test
    void migrationVersionsAreTheNumbersFlywayRecords() {
        assertThat(Migrations.versions()).hasSameSizeAs(Migrations.FILES).contains("1", "2", "10", "60")
                .allMatch(version -> version.matches("[0-9]+(\\.[0-9]+)*"));
    }

    private static void execute(Database database, String sql) throws java.sql.SQLException {
        try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean tableExists(Database database, String table) throws java.sql.SQLException {
        try (var connection = database.dataSource().getConnection();
                var rows = connection.getMetaData().getTables(null, null, table, null)) {
            return rows.next();
        }
    }

    private static boolean columnExists(Database database, String table, String column) throws java.sql.SQLException {
        try (var connection = database.dataSource().getConnection();
                var rows = connection.getMetaData().getColumns(null, null, table, column)) {
            return rows.next();
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
            assertThat(database.upToDate()).isFalse();
            database.migrate();
            database.migrate();
            assertThat(database.upToDate()).isTrue();

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
