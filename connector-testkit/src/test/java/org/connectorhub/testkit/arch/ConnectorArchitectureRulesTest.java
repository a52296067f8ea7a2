package org.connectorhub.testkit.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule passes on classes that keep it and fails on a class that breaks it on purpose
 * (the fixtures in {@code org.connectorhub.testkit.arch.fixture}); the core rule also passes on
 * the real connector-core.
 */
class ConnectorArchitectureRulesTest {
    private static final String FIXTURE = "org.connectorhub.testkit.arch.fixture";
    private static final String CALENDLY = "org.connectorhub.testkit.example.calendly";

    @Test
    void theHubRulePassesWithoutTheHub() {
        assertThat(evaluate(ConnectorArchitectureRules.NO_DEPENDENCY_ON_THE_HUB, fixture("clean")).hasViolation()).isFalse();
    }

    /** The hub is not on the kit's class path (and must never be), so the violating pair is compiled here. */
    @Test
    void theHubRuleFailsOnAClassThatUsesTheHub(@TempDir Path dir) throws IOException {
        Path hub = write(dir, "org/connectorhub/hub/HubThing.java",
                "package org.connectorhub.hub; public class HubThing { public String name() { return \"hub\"; } }");
        Path user = write(dir, "org/connectorhub/testkit/arch/generated/UsesHub.java",
                "package org.connectorhub.testkit.arch.generated; public class UsesHub {"
                        + " String name() { return new org.connectorhub.hub.HubThing().name(); } }");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK compiler").isNotNull();
        int exit = compiler.run(null, null, null, "-d", dir.resolve("classes").toString(), hub.toString(), user.toString());
        assertThat(exit).as("javac exit code").isZero();
        JavaClasses classes = new ClassFileImporter().importPath(dir.resolve("classes/org/connectorhub/testkit"));

        EvaluationResult result = evaluate(ConnectorArchitectureRules.NO_DEPENDENCY_ON_THE_HUB, classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("UsesHub").contains("org.connectorhub.hub.HubThing");
    }

    @Test
    void theStaticStateRulePassesOnConstants() {
        assertThat(evaluate(ConnectorArchitectureRules.NO_MUTABLE_STATIC_STATE, fixture("clean")).hasViolation()).isFalse();
    }

    @Test
    void theStaticStateRuleFailsOnANonFinalStaticField() {
        EvaluationResult result = evaluate(ConnectorArchitectureRules.NO_MUTABLE_STATIC_STATE, fixture("mutable"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("MutableStaticState.calls");
    }

    @Test
    void theOnePackageRulePassesOnAFlatAdapterThatUsesOnlyTheCore() {
        ArchRule rule = ConnectorArchitectureRules.adaptersKeepToTheirPackage(FIXTURE + ".clean");

        assertThat(evaluate(rule, fixture("clean")).hasViolation()).isFalse();
    }

    @Test
    void theOnePackageRuleFailsOnASubPackage() {
        ArchRule rule = ConnectorArchitectureRules.adaptersKeepToTheirPackage(FIXTURE + ".nested");

        EvaluationResult result = evaluate(rule, fixture("nested"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("NestedHelper");
    }

    @Test
    void theOnePackageRuleFailsOnAnAdapterThatUsesAnother() {
        ArchRule rule = ConnectorArchitectureRules.adaptersKeepToTheirPackage(FIXTURE + ".crossing");

        EvaluationResult result = evaluate(rule, fixture("crossing"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("CrossingAdapter").contains("CleanAdapter");
    }

    @Test
    void theCoreRulePassesOnJavaAndImmutables() {
        ArchRule rule = ConnectorArchitectureRules.coreDependsOnlyOnJavaAndImmutables(FIXTURE + ".core");

        assertThat(evaluate(rule, fixture("core")).hasViolation()).isFalse();
    }

    @Test
    void theCoreRuleFailsOnJackson() {
        ArchRule rule = ConnectorArchitectureRules.coreDependsOnlyOnJavaAndImmutables(FIXTURE + ".corejson");

        EvaluationResult result = evaluate(rule, fixture("corejson"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void theCoreRuleFailsOnJdbcAlthoughItIsInJava() {
        ArchRule rule = ConnectorArchitectureRules.coreDependsOnlyOnJavaAndImmutables(FIXTURE + ".corejdbc");

        EvaluationResult result = evaluate(rule, fixture("corejdbc"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("java.sql.Connection");
    }

    /** The lead's rule for connector-core, run here on the installed core (core cannot depend on the kit). */
    @Test
    void theRealCoreKeepsTheCoreRule() {
        JavaClasses core = importFrom(org.connectorhub.core.spi.Connector.class)
                .that(resideInAPackage(ConnectorArchitectureRules.CORE_PACKAGE + ".."));
        assertThat(core.size()).as("core classes imported").isGreaterThan(20);

        ArchRule rule = ConnectorArchitectureRules.CORE_DEPENDS_ONLY_ON_JAVA_AND_IMMUTABLES;

        assertThat(evaluate(rule, core).getFailureReport().getDetails()).isEmpty();
    }

    /** The example connector keeps every connector rule (its fake and contract test excluded: they are tests). */
    @Test
    void theExampleConnectorKeepsTheConnectorRules() {
        JavaClasses calendly = importPackage(CALENDLY)
                .that(not(simpleNameStartingWith("Fake")).and(not(simpleNameEndingWith("Test"))));
        assertThat(calendly.size()).as("connector classes imported").isGreaterThan(5);

        for (ArchRule rule : List.of(ConnectorArchitectureRules.NO_DEPENDENCY_ON_THE_HUB,
                ConnectorArchitectureRules.NO_MUTABLE_STATIC_STATE,
                ConnectorArchitectureRules.adaptersKeepToTheirPackage(CALENDLY))) {
            assertThat(evaluate(rule, calendly).getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
        }
    }

    private static JavaClasses fixture(String name) {
        return importPackage(FIXTURE + "." + name);
    }

    /** Imports a package of the test classes by its directory, without scanning every jar on the class path. */
    private static JavaClasses importPackage(String packageName) {
        Path root = classPathEntryOf(ConnectorArchitectureRulesTest.class);
        return new ClassFileImporter().importPath(root.resolve(packageName.replace('.', '/')));
    }

    /** Imports the jar or directory a class was loaded from. */
    private static JavaClasses importFrom(Class<?> type) {
        Path entry = classPathEntryOf(type);
        if (Files.isDirectory(entry)) {
            return new ClassFileImporter().importPath(entry);
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return new ClassFileImporter().importJar(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry, e);
        }
    }

    private static Path classPathEntryOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }

    private static EvaluationResult evaluate(ArchRule rule, JavaClasses classes) {
        return rule.evaluate(classes);
    }

    private static Path write(Path root, String relative, String source) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, UTF_8);
        return file;
    }
}
