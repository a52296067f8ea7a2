package org.connectorhub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import javax.sql.DataSource;
import org.connectorhub.architecture.fixture.JdbcStoreReachingForJavalin;
import org.connectorhub.architecture.fixture.SqlRunningRoutes;
import org.connectorhub.architecture.fixture.slices.alpha.Alpha;
import org.connectorhub.architecture.fixture.slices.beta.Beta;
import org.connectorhub.architecture.fixture.slices.http.Plumbing;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.storage.Jdbc;
import org.junit.jupiter.api.Test;

/**
 * The hub's capability slices keep their shape: the inbound side (routes, commands) reaches the
 * database only through a store port, JDBC adapters know nothing of HTTP, capability packages do
 * not form cycles, and the shared plumbing ({@code http}, {@code storage}, {@code config},
 * {@code lifecycle}, {@code cli}) depends on no capability. Each rule is also run against a fixture
 * that breaks it, so none of them can pass by matching nothing.
 */
class HubSliceRulesTest {
    private static final String HUB = "org.connectorhub.hub";
    private static final String[] PLUMBING = {"http", "storage", "config", "lifecycle", "cli"};
    private static final String[] CAPABILITIES = {"accounts", "projects", "sessions", "idempotency", "webhooks",
            "health", "crypto", "page", "operability", "proxy"};

    private static final JavaClasses HUB_CLASSES = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/")) // any build directory
            .importPackages(HUB);

    /** {@code *Routes}, {@code *Command(s)} (nested subcommands included) and route contributors. */
    static ArchRule inboundNeverTouchesJdbc() {
        return noClasses().that().haveNameMatching(".*(Routes|Command|Commands)(\\$.*)?")
                .or().implement(RouteContributor.class)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .orShould().dependOnClassesThat().belongToAnyOf(Jdbc.class, DataSource.class)
                .as("routes and commands never touch JDBC or a DataSource (they call a store port)");
    }

    static ArchRule storesNeverTouchJavalin() {
        return noClasses().that().haveSimpleNameStartingWith("Jdbc")
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .as("JDBC stores never depend on Javalin");
    }

    static ArchRule slicesFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .as("the packages under " + root + " are free of cycles");
    }

    static ArchRule plumbingDependsOnNoCapability(String root, String[] plumbing, String[] capabilities) {
        String[] from = new String[plumbing.length];
        for (int i = 0; i < plumbing.length; i++) {
            from[i] = root + "." + plumbing[i] + "..";
        }
        String[] to = new String[capabilities.length];
        for (int i = 0; i < capabilities.length; i++) {
            to[i] = root + "." + capabilities[i] + "..";
        }
        return noClasses().that().resideInAnyPackage(from)
                .should().dependOnClassesThat().resideInAnyPackage(to)
                .as("shared plumbing under " + root + " depends on no capability slice");
    }

    @Test
    void routesAndCommandsNeverTouchJdbc() {
        inboundNeverTouchesJdbc().check(HUB_CLASSES);
    }

    @Test
    void jdbcStoresNeverTouchJavalin() {
        storesNeverTouchJavalin().check(HUB_CLASSES);
    }

    @Test
    void capabilitySlicesAreFreeOfCycles() {
        slicesFreeOfCycles(HUB).check(HUB_CLASSES);
    }

    @Test
    void sharedPlumbingDependsOnNoCapability() {
        plumbingDependsOnNoCapability(HUB, PLUMBING, CAPABILITIES).check(HUB_CLASSES);
    }

    @Test
    void theJdbcRuleFailsOnRoutesThatRunSql() {
        JavaClasses violating = new ClassFileImporter().importClasses(SqlRunningRoutes.class);

        assertThatThrownBy(() -> inboundNeverTouchesJdbc().check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SqlRunningRoutes")
                .hasMessageContaining("javax.sql.DataSource");
    }

    @Test
    void theJavalinRuleFailsOnAStoreThatReadsTheRequest() {
        JavaClasses violating = new ClassFileImporter().importClasses(JdbcStoreReachingForJavalin.class);

        assertThatThrownBy(() -> storesNeverTouchJavalin().check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("JdbcStoreReachingForJavalin")
                .hasMessageContaining("io.javalin.http.Context");
    }

    @Test
    void theCycleRuleFailsOnTwoSlicesThatUseEachOther() {
        JavaClasses violating = new ClassFileImporter().importClasses(Alpha.class, Beta.class);

        assertThatThrownBy(() -> slicesFreeOfCycles("org.connectorhub.architecture.fixture.slices").check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    @Test
    void thePlumbingRuleFailsOnPlumbingThatReachesIntoACapability() {
        JavaClasses violating = new ClassFileImporter().importClasses(Plumbing.class, Alpha.class);

        assertThatThrownBy(() -> plumbingDependsOnNoCapability("org.connectorhub.architecture.fixture.slices",
                new String[] {"http"}, new String[] {"alpha"}).check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Plumbing")
                .hasMessageContaining("Alpha");
    }
}
