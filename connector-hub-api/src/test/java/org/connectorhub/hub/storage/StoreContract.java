package org.connectorhub.hub.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The one base of the store contracts: a contract states what a store must do, and each database
 * runs it through a one-line subclass annotated {@link OnDatabase}. The migrated database is
 * opened once per class and closed (its H2 directory deleted) after the class.
 */
@ExtendWith(StoreContract.DatabasePerClass.class)
public abstract class StoreContract {
    private Database database;

    /** The migrated database under test, shared by the tests of a class. */
    protected final Database database() {
        return requireNonNull(database, "no database: annotate the contract's subclass with @OnDatabase");
    }

    static final class DatabasePerClass implements BeforeAllCallback, TestInstancePostProcessor {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DatabasePerClass.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            opened(context);
        }

        @Override
        public void postProcessTestInstance(Object instance, ExtensionContext context) {
            ((StoreContract) instance).database = opened(context).database;
        }

        private static Opened opened(ExtensionContext context) {
            Class<?> type = context.getRequiredTestClass();
            OnDatabase.Vendor vendor = AnnotationSupport.findAnnotation(type, OnDatabase.class)
                    .orElseThrow(() -> new IllegalStateException(type.getSimpleName() + " says no @OnDatabase")).value();
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(type, t -> Opened.open(vendor), Opened.class);
        }
    }

    /** Closed by JUnit when the class's store goes away. */
    private record Opened(Database database, Path directory) implements ExtensionContext.Store.CloseableResource {
        static Opened open(OnDatabase.Vendor vendor) {
            if (vendor == OnDatabase.Vendor.POSTGRESQL) {
                return new Opened(TestDatabases.postgres(), null);
            }
            try {
                Path directory = Files.createTempDirectory("store-contract-h2");
                return new Opened(TestDatabases.h2(directory), directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            database.close();
            if (directory != null) {
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }
}
