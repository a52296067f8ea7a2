package org.connectorhub.bench;

import static java.util.Objects.requireNonNull;

/**
 * One line of the report: a metric measured for the baseline and for ours in the same run, their
 * ratio (ours / baseline), the target and whether it was met. {@code baselineCount} and
 * {@code oursCount} say how many operations (or samples) each figure rests on.
 */
record Figure(
        String scenario,
        String metric,
        String baselineName,
        double baseline,
        String oursName,
        double ours,
        String unit,
        String target,
        Boolean met,
        long baselineCount,
        long oursCount,
        String note) {

    Figure {
        requireNonNull(scenario, "scenario is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(baselineName, "baselineName is null");
        requireNonNull(oursName, "oursName is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(target, "target is null");
        note = note == null ? "" : note;
    }

    double ratio() {
        return baseline == 0 ? Double.NaN : ours / baseline;
    }

    Figure withNote(String more) {
        return new Figure(scenario, metric, baselineName, baseline, oursName, ours, unit, target, met,
                baselineCount, oursCount, note.isEmpty() ? more : note + " " + more);
    }

    static Figure throughput(String scenario, String metric, LoadResult baseline, LoadResult ours, double minRatio) {
        double ratio = baseline.throughput() == 0 ? 0 : ours.throughput() / baseline.throughput();
        return new Figure(scenario, metric, baseline.name(), baseline.throughput(), ours.name(), ours.throughput(),
                "ops/s", String.format("ratio >= %.1f", minRatio), ratio >= minRatio, baseline.ops(), ours.ops(),
                errorsNote(baseline, ours));
    }

    static String errorsNote(LoadResult baseline, LoadResult ours) {
        if (baseline.errors() == 0 && ours.errors() == 0) {
            return "";
        }
        return String.format("errors: baseline %d (%s), ours %d (%s).", baseline.errors(), baseline.firstError(),
                ours.errors(), ours.firstError());
    }
}
