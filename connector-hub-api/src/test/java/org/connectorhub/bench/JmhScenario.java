package org.connectorhub.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH microbenchmarks of {@link Microbenchmarks}, run through JMH's {@link Runner}: one fork
 * with a few one-second iterations in full mode; in-process and a fraction of a second in smoke mode.
 */
final class JmhScenario implements Scenario {
    private static final String SCENARIO = "0. microbenchmarks (JMH)";
    private static final Map<String, String> METRICS = Map.of(
            "seal", "seal credentials (Tink AEAD vs TinkSecretCipher)",
            "open", "open credentials (Tink AEAD vs TinkSecretCipher)",
            "codecRoundTrip", "credentials codec round trip (Jackson map vs CredentialsCodec)",
            "sendEmail", "send_email at concurrency 1 (official client vs our adapter)");

    @Override
    public String key() {
        return "jmh";
    }

    @Override
    public List<Figure> run(BenchSettings settings) throws Exception {
        Options options = new OptionsBuilder()
                .include(Microbenchmarks.class.getName() + "\\.")
                .forks(settings.smoke() ? 0 : 1)
                .jvmArgsAppend("-Dsun.net.httpserver.nodelay=true")
                .warmupIterations(settings.smoke() ? 1 : 2)
                .warmupTime(settings.smoke() ? TimeValue.milliseconds(100) : TimeValue.seconds(1))
                .measurementIterations(settings.smoke() ? 1 : 3)
                .measurementTime(settings.smoke() ? TimeValue.milliseconds(150) : TimeValue.seconds(1))
                .threads(1)
                .shouldFailOnError(true)
                .verbosity(settings.smoke() ? org.openjdk.jmh.runner.options.VerboseMode.SILENT
                        : org.openjdk.jmh.runner.options.VerboseMode.NORMAL)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> pairs = new LinkedHashMap<>();
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, double[]> errors = new LinkedHashMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            int split = method.lastIndexOf('_');
            String what = method.substring(0, split);
            int side = method.endsWith("_baseline") ? 0 : 1;
            pairs.computeIfAbsent(what, k -> new double[2])[side] = result.getPrimaryResult().getScore();
            counts.computeIfAbsent(what, k -> new long[2])[side] = result.getPrimaryResult().getSampleCount();
            errors.computeIfAbsent(what, k -> new double[2])[side] = result.getPrimaryResult().getScoreError();
        }
        List<Figure> figures = new ArrayList<>();
        for (String what : List.of("seal", "open", "codecRoundTrip", "sendEmail")) {
            double[] pair = pairs.get(what);
            if (pair == null) {
                throw new IllegalStateException("JMH gave no result for " + what);
            }
            boolean send = what.equals("sendEmail");
            figures.add(new Figure(SCENARIO, METRICS.get(what), "baseline", pair[0], "ours", pair[1], "ops/s",
                    send ? "ratio >= 1.5" : "(reported)", send ? pair[1] / pair[0] >= 1.5 : null,
                    counts.get(what)[0], counts.get(what)[1], errorNote(errors.get(what))));
        }
        return figures;
    }

    // JMH's 99.9% confidence half-width; NaN with a single iteration (smoke mode)
    private static String errorNote(double[] error) {
        if (Double.isNaN(error[0]) || Double.isNaN(error[1])) {
            return "";
        }
        return String.format("JMH error (99.9%%): baseline ± %,.0f, ours ± %,.0f ops/s.", error[0], error[1]);
    }
}
