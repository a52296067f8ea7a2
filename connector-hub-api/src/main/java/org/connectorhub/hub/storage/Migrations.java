package org.connectorhub.hub.storage;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The schema migrations, listed rather than found by scanning: Flyway's class-path scan walks every
 * entry of the hub's runnable jar (some 20,000) on each start-up, a tenth of a restart's time.
 * {@code MigrationsTest} keeps this list equal to the files in {@code db/migration}.
 */
final class Migrations implements ResourceProvider {
    static final String LOCATION = "db/migration";
    static final List<String> FILES = List.of(
            "V1__projects_and_accounts.sql",
            "V2__keysets.sql",
            "V10__connect_sessions_and_idempotency.sql",
            "V20__webhooks.sql",
            "V21__account_health.sql",
            "V30__activity_log.sql",
            "V31__audit_trail.sql",
            "V32__activity_log_status_index.sql",
            "V40__api_key_ids_and_last_use.sql",
            "V45__agent_tokens.sql",
            "V50__provider_events.sql",
            "V55__console_sign_in.sql",
            "V56__webhook_events_by_account.sql",
            "V60__activity_log_account_failures_index.sql");

    /** The versions Flyway records for {@link #FILES}: {@code V1_2__x.sql} is {@code 1.2}. */
    static Set<String> versions() {
        return FILES.stream()
                .map(file -> file.substring(1, file.indexOf("__")).replace('_', '.'))
                .collect(Collectors.toUnmodifiableSet());
    }

    private final ClassLoader loader = Migrations.class.getClassLoader();

    @Override
    public LoadableResource getResource(String name) {
        return FILES.contains(name) ? new Script(name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return FILES.stream()
                .filter(file -> file.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(file::endsWith))
                .<LoadableResource>map(Script::new)
                .toList();
    }

    private final class Script extends LoadableResource {
        private final String name;

        Script(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = loader.getResourceAsStream(getAbsolutePath());
            if (in == null) {
                throw new FlywayException("missing migration " + getAbsolutePath());
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
