package org.connectorhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    @Test
    void theListNamesEveryMigrationFileAndNothingElse() throws IOException, URISyntaxException {
        Path directory = Path.of(getClass().getClassLoader().getResource(Migrations.LOCATION).toURI());
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Migrations.FILES);
        }
    }

    @Test
    void resourcesAreFoundByPrefixAndSuffixAndReadFromTheClassPath() throws IOException {
        Migrations migrations = new Migrations();
        assertThat(migrations.getResources("V", new String[] {".sql"})).hasSameSizeAs(Migrations.FILES);
        assertThat(migrations.getResources("V2", new String[] {".sql"})).extracting(LoadableResource::getFilename)
                .containsExactlyInAnyOrder("V2__keysets.sql", "V20__webhooks.sql", "V21__account_health.sql");
        assertThat(migrations.getResources("beforeMigrate", new String[] {".sql"})).isEmpty();
        assertThat(migrations.getResources("V", new String[] {".java"})).isEmpty();
        assertThat(migrations.getResource("V3__missing.sql")).isNull();
        try (Reader reader = migrations.getResource("V1__projects_and_accounts.sql").read()) {
            char[] start = new char[4096];
            int read = reader.read(start);
            assertThat(new String(start, 0, read)).containsIgnoringCase("create table");
        }
    }
}
