package org.connectorhub.hub.cli;

import org.connectorhub.hub.storage.Database;
import org.connectorhub.hub.config.DatabaseSettings;
import org.connectorhub.hub.storage.StoreCopier;
import org.connectorhub.hub.storage.StoreException;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code store migrate --from SOURCE --to TARGET}: copies projects, API key hashes, the encrypted
 * keyset and the sealed accounts from one database to another (typically the embedded H2 store to
 * PostgreSQL) without decrypting anything. Exit 0 done, 1 failed, 2 usage.
 */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Manage the hub's database.")
public final class StoreCommand extends CommandGroup {

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Copy projects, API keys (hashed), the keyset and sealed accounts to another database, "
                    + "without decrypting them. Rows already in the target are left alone, so it can run again.",
                    "Stop the hubs on the source first. Hubs on the target need the source's master key."})
    public static final class Migrate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "JDBC_URL|DATA_DIR",
                description = "Source: a JDBC URL (jdbc:h2:... or jdbc:postgresql:...) or the data directory of an embedded hub.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "JDBC_URL|DATA_DIR",
                description = "Target: a JDBC URL or a data directory; its schema is created or updated first.")
        String to;

        @Option(names = "--from-user", description = "Source database user (default: from the URL; sa for H2).")
        String fromUser;

        @Option(names = "--from-password", arity = "0..1", interactive = true,
                description = "Source database password; prompted for when given without a value.")
        String fromPassword;

        @Option(names = "--to-user", description = "Target database user (default: from the URL; sa for H2).")
        String toUser;

        @Option(names = "--to-password", arity = "0..1", interactive = true,
                description = "Target database password; prompted for when given without a value.")
        String toPassword;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            DatabaseSettings source;
            DatabaseSettings target;
            try {
                source = settings(from, fromUser, fromPassword, true);
                target = settings(to, toUser, toPassword, false);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return ExitCodes.USAGE;
            }
            if (source.jdbcUrl().replace(";IFEXISTS=TRUE", "").equals(target.jdbcUrl())) {
                err.println("--from and --to name the same database");
                return ExitCodes.USAGE;
            }
            try (Database sourceDb = open("source", source); Database targetDb = open("target", target)) {
                if (!StoreCopier.isHubDatabase(sourceDb)) {
                    err.println("the source " + source.redactedUrl() + " holds no hub data (no projects table)");
                    return ExitCodes.FAILED;
                }
                // both on this version's schema: the source as its hub would on start, the target from scratch
                sourceDb.migrate();
                targetDb.migrate();
                StoreCopier.Report report = new StoreCopier(sourceDb.dataSource(), targetDb.dataSource()).copy();
                out.println("migrated " + source.redactedUrl() + " -> " + target.redactedUrl());
                out.print(report);
                out.println("Start the hubs on the target with the source's master key "
                        + "(HUB_MASTER_KEY, or the master.key file of the source's data directory).");
                out.flush();
                return ExitCodes.OK;
            } catch (StoreException | IllegalStateException e) {
                // our own messages (connection, migration, keyset conflict); URLs in them are redacted
                err.println("migration failed: " + e.getMessage() + rootCause(e));
                return ExitCodes.FAILED;
            }
        }

        // the driver's own words (not found, authentication failed) help the operator; they carry no password
        private static String rootCause(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root == e || root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
            return message.isBlank() ? "" : " (" + message.strip() + ")";
        }

        private static Database open(String role, DatabaseSettings settings) {
            try {
                return Database.open(settings.withMaxPoolSize(3));
            } catch (StoreException e) {
                throw new StoreException("cannot open the " + role + " database " + settings.redactedUrl(), e);
            }
        }

        /**
         * A JDBC URL, or a data directory standing for its embedded H2 file. H2 URLs get the hub's H2
         * options (lower-case names, PostgreSQL mode) when they lack them; a source H2 file must exist.
         */
        static DatabaseSettings settings(String location, String user, String password, boolean source) {
            if (location == null || location.isBlank()) {
                throw new IllegalArgumentException("a database URL or data directory is needed");
            }
            String url = location.strip();
            if (!url.startsWith("jdbc:")) {
                Path dataDir = Path.of(url);
                if (source && !Files.isRegularFile(dataDir.resolve("hub.mv.db"))) {
                    throw new IllegalArgumentException("no embedded hub database (hub.mv.db) in " + dataDir);
                }
                url = DatabaseSettings.embedded(dataDir).jdbcUrl();
            } else if (url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("DATABASE_TO_LOWER")) {
                url = url + h2Options();
            }
            if (source && url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("IFEXISTS")) {
                // a mistyped source path must fail, not create an empty database
                url = url + ";IFEXISTS=TRUE";
            }
            boolean h2 = url.startsWith("jdbc:h2:");
            // DatabaseSettings refuses anything but jdbc:h2: and jdbc:postgresql: (IllegalArgumentException)
            return DatabaseSettings.of(url, user != null ? user : h2 ? "sa" : "", password != null ? password : "");
        }

        private static String h2Options() {
            String embedded = DatabaseSettings.embedded(Path.of(".")).jdbcUrl();
            return embedded.substring(embedded.indexOf(';'));
        }
    }
}
