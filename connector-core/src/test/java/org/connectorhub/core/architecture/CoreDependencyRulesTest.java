package org.connectorhub.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The core is the middle of the hexagon: it may depend on the JDK and Immutables only. */
class CoreDependencyRulesTest {
    static final ArchRule CORE_DEPENDS_ONLY_ON_JDK_AND_IMMUTABLES = classes()
            .that().resideInAPackage("org.connectorhub.core..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.connectorhub.core..", "org.immutables..")
            .as("connector-core depends only on java.., its own packages and Immutables annotations");

    static final ArchRule CORE_USES_NO_JDBC = noClasses()
            .that().resideInAPackage("org.connectorhub.core..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.net.http..")
            .as("connector-core does no JDBC and no HTTP: adapters do");

    static final ArchRule DOMAIN_DOES_NOT_SEE_SERVICES = noClasses()
            .that().resideInAPackage("org.connectorhub.core.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.connectorhub.core.service..",
                    "org.connectorhub.core.port..", "org.connectorhub.core.spi..")
            .as("the domain depends on nothing else of the core");

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("org.connectorhub.core");

    @Test
    void coreDependsOnlyOnTheJdkAndImmutables() {
        CORE_DEPENDS_ONLY_ON_JDK_AND_IMMUTABLES.check(CORE);
    }

    @Test
    void coreUsesNoJdbcOrHttp() {
        CORE_USES_NO_JDBC.check(CORE);
    }

    @Test
    void domainStandsAlone() {
        DOMAIN_DOES_NOT_SEE_SERVICES.check(CORE);
    }

    @Test
    void theRulesCatchAViolatingClass() {
        JavaClasses violating = new ClassFileImporter().importClasses(ViolatingCoreClass.class);

        assertThatThrownBy(() -> CORE_USES_NO_JDBC.check(violating)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.sql.Connection");
        assertThatThrownBy(() -> CORE_DEPENDS_ONLY_ON_JDK_AND_IMMUTABLES.check(
                new ClassFileImporter().importClasses(ViolatingCoreClass.class, CoreDependencyRulesTest.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("com.tngtech.archunit");
    }
}
