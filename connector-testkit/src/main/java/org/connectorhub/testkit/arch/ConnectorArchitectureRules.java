package org.connectorhub.testkit.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static java.util.Objects.requireNonNull;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * Architecture rules for connector modules, to run with ArchUnit over the module's main classes:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "org.connectorhub.calendly", importOptions = ImportOption.DoNotIncludeTests.class)
 * class CalendlyArchitectureTest {
 *     @ArchTest
 *     static final ArchRule noHub = ConnectorArchitectureRules.NO_DEPENDENCY_ON_THE_HUB;
 *     @ArchTest
 *     static final ArchRule noMutableStatics = ConnectorArchitectureRules.NO_MUTABLE_STATIC_STATE;
 *     @ArchTest
 *     static final ArchRule onePackage = ConnectorArchitectureRules.adaptersKeepToTheirPackage("org.connectorhub.calendly");
 * }
 * }</pre>
 */
public final class ConnectorArchitectureRules {
    /** The composition root's packages; connectors plug into it, never the other way round. */
    public static final String HUB_PACKAGES = "org.connectorhub.hub..";
    /** The core's packages: domain, ports, SPI and services. */
    public static final String CORE_PACKAGE = "org.connectorhub.core";

    /** A connector knows the core's SPI, never the hub that hosts it. */
    public static final ArchRule NO_DEPENDENCY_ON_THE_HUB = noClasses()
            .should().dependOnClassesThat().resideInAPackage(HUB_PACKAGES)
            .as("connector classes should not depend on the hub (" + HUB_PACKAGES + ")")
            .because("connectors plug into the hub through the core's SPI; the hub is only the composition root");

    /**
     * No non-final static field: state shared across connector instances leaks between tenants
     * and tests. Constants ({@code static final}) are fine.
     */
    public static final ArchRule NO_MUTABLE_STATIC_STATE = fields()
            .that().areStatic()
            .should().beFinal()
            .as("static fields of connector classes should be final (no mutable static state)")
            .because("a connector instance serves many accounts; shared mutable state leaks between them")
            .allowEmptyShould(true);

    /** The core of {@link #CORE_PACKAGE}: only java (not JDBC), itself and Immutables. */
    public static final ArchRule CORE_DEPENDS_ONLY_ON_JAVA_AND_IMMUTABLES = coreDependsOnlyOnJavaAndImmutables(CORE_PACKAGE);

    private ConnectorArchitectureRules() {
    }

    /**
     * A core that needs nothing but the JDK and Immutables: no Feign, Guice, Jackson, Javalin,
     * no JDBC ({@code java.sql}, {@code javax.sql}); those belong to adapters.
     *
     * @param corePackage the core's root package, e.g. {@code org.connectorhub.core}
     */
    public static ArchRule coreDependsOnlyOnJavaAndImmutables(String corePackage) {
        String core = requireNonNull(corePackage, "corePackage is null") + "..";
        return classes()
                .that().resideInAPackage(core)
                .should().onlyDependOnClassesThat(
                        resideInAnyPackage("java..", core, "org.immutables..").and(not(resideInAPackage("java.sql.."))))
                .as("the core (" + core + ") should depend only on java.. (not java.sql), itself and org.immutables..")
                .because("the core holds the rules; frameworks, JSON and JDBC belong to adapters");
    }

    /**
     * One flat package per adapter: every class of the connector sits in {@code basePackage}
     * itself (no sub-packages), and among our own classes it uses only the core and its own
     * package (not another adapter, not the test kit).
     *
     * @param basePackage the adapter's package, e.g. {@code org.connectorhub.postmark}
     */
    public static ArchRule adaptersKeepToTheirPackage(String basePackage) {
        requireNonNull(basePackage, "basePackage is null");
        ArchRule flat = classes()
                .that().resideInAPackage(basePackage + "..")
                .should().resideInAPackage(basePackage)
                .as("classes of the adapter " + basePackage + " should sit in that one package, without sub-packages");
        ArchRule ownAndCoreOnly = noClasses()
                .that().resideInAPackage(basePackage + "..")
                .should().dependOnClassesThat(resideInAPackage("org.connectorhub..")
                        .and(not(resideInAnyPackage(basePackage, CORE_PACKAGE + ".."))))
                .as("the adapter " + basePackage + " should use only the core and its own package among org.connectorhub classes");
        return CompositeArchRule.of(flat).and(ownAndCoreOnly)
                .as("the adapter " + basePackage + " keeps to its package");
    }
}
