package org.connectorhub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.sql.DriverManager;
import org.connectorhub.architecture.fixture.ModuleThatReadsAFile;
import org.connectorhub.hub.crypto.MasterKey;
import org.connectorhub.hub.crypto.TinkSecretCipher;
import org.connectorhub.hub.storage.Database;
import org.junit.jupiter.api.Test;

/**
 * Guice modules only bind: no files, sockets, JDBC or environment lookups inside them, wherever in
 * the hub a module lives (each capability keeps its module in its own package).
 */
class GuiceModulesRuleTest {
    private static final JavaClasses GUICE = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/")) // any build directory
            .importPackages("org.connectorhub.hub");

    static ArchRule modulesDoNoIo() {
        return noClasses().that().areAssignableTo(AbstractModule.class)
                .should().dependOnClassesThat().belongToAnyOf(Files.class, FileInputStream.class, FileOutputStream.class,
                        Socket.class, URL.class, HttpClient.class, DriverManager.class, Database.class, MasterKey.class,
                        TinkSecretCipher.class)
                .because("modules only bind; I/O happens in Lifecycle.start()");
    }

    static ArchRule modulesReadNoEnvironment() {
        return noClasses().that().areAssignableTo(AbstractModule.class)
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class);
    }

    @Test
    void modulesOnlyBind() {
        modulesDoNoIo().check(GUICE);
    }

    @Test
    void modulesReadNoEnvironmentVariables() {
        modulesReadNoEnvironment().check(GUICE);
    }

    @Test
    void theRulesFailOnAModuleThatReadsAFile() {
        JavaClasses violating = new ClassFileImporter().importClasses(ModuleThatReadsAFile.class);

        assertThatThrownBy(() -> modulesDoNoIo().check(violating))
                .isInstanceOf(AssertionError.class).hasMessageContaining("java.nio.file.Files");
        assertThatThrownBy(() -> modulesReadNoEnvironment().check(violating))
                .isInstanceOf(AssertionError.class).hasMessageContaining("getenv");
    }
}
