package org.connectorhub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.connectorhub.architecture.fixture.AdapterReachingIntoTheHub;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the composition root's class path where every module is
 * visible: adapters do not depend on each other or on the hub; the test kit never depends on the
 * hub or on a connector; the core depends on none of them. Maven's module graph is the first
 * guard; these rules catch what slips in through a transitive dependency.
 */
class ModuleDependencyRulesTest {
    private static final String CORE = "org.connectorhub.core..";
    private static final String POSTMARK = "org.connectorhub.postmark..";
    private static final String TESTKIT = "org.connectorhub.testkit..";
    private static final String HUB = "org.connectorhub.hub..";

    private static final JavaClasses PRODUCTION_CLASSES = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("org.connectorhub");

    static ArchRule mustNotDependOn(String module, String... forbidden) {
        return noClasses().that().resideInAPackage(module)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .as(module + " must not depend on " + String.join(", ", forbidden));
    }

    @Test
    void coreDependsOnNoAdapter() {
        mustNotDependOn(CORE, POSTMARK, TESTKIT, HUB).check(PRODUCTION_CLASSES);
    }

    @Test
    void postmarkAdapterDependsOnNeitherTheHubNorTheTestKit() {
        mustNotDependOn(POSTMARK, HUB, TESTKIT).check(PRODUCTION_CLASSES);
    }

    @Test
    void testKitNeverDependsOnTheHubOrAConnector() {
        mustNotDependOn(TESTKIT, HUB, POSTMARK).check(PRODUCTION_CLASSES);
    }

    @Test
    void hubNamesNoConnectorAndFindsThemAtRunTime() {
        // connector-postmark is a runtime dependency of the hub: ServiceLoader finds its factory
        mustNotDependOn(HUB, POSTMARK).check(PRODUCTION_CLASSES);
    }

    @Test
    void theRuleFailsOnAnAdapterThatReachesIntoTheHub() {
        JavaClasses violating = new ClassFileImporter().importClasses(AdapterReachingIntoTheHub.class);

        assertThatThrownBy(() -> mustNotDependOn("org.connectorhub.architecture.fixture..", HUB).check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.connectorhub.hub.HubMain");
    }
}
