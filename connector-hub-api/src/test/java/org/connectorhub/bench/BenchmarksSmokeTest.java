package org.connectorhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every benchmark scenario runs in its smoke mode and yields figures that rest on measured work
 * for both the baseline and ours. Nothing here looks at timings: performance is reported by
 * {@code bin/bench}, never asserted in tests.
 */
class BenchmarksSmokeTest {
    @TempDir
    static Path workDir;

    @TestFactory
    Stream<DynamicTest> everyScenarioMeasuresBaselineAndOurs() {
        BenchSettings settings = BenchSettings.smoke(workDir);
        return BenchMain.scenarios().stream().map(scenario -> DynamicTest.dynamicTest(scenario.key(), () -> {
            List<Figure> all = scenario.run(settings);
            // a scenario that needs a tool this machine lacks (nginx) says so instead of measuring
            List<Figure> figures = all.stream().filter(f -> !"(skipped)".equals(f.target())).toList();
            Assumptions.assumeFalse(figures.isEmpty() && !all.isEmpty(), () -> all.get(0).metric());

            assertThat(figures).isNotEmpty().doesNotContainNull();
            assertThat(figures).allSatisfy(figure -> {
                assertThat(figure.baselineCount()).as("baseline count of %s", figure.metric()).isPositive();
                assertThat(figure.oursCount()).as("our count of %s", figure.metric()).isPositive();
                assertThat(figure.baseline()).as("baseline of %s", figure.metric()).isPositive();
                assertThat(figure.ours()).as("ours of %s", figure.metric()).isPositive();
            });
        }));
    }
}
