package org.connectorhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the figures as JSON, a markdown table and an SVG chart, and prints the table. */
final class Report {
    private final List<Figure> figures;
    private final Map<String, Object> machine;

    Report(List<Figure> figures, Map<String, Object> machine) {
        this.figures = List.copyOf(figures);
        this.machine = machine;
    }

    /** nproc, memory, CPU model, JDK, and the load averages sampled during the run. */
    static Map<String, Object> machine(boolean smoke, List<String> loadSamples) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("mode", smoke ? "smoke" : "full");
        machine.put("finished", Instant.now().toString());
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("cpu_model", firstLine("/proc/cpuinfo", "model name"));
        machine.put("memory", firstLine("/proc/meminfo", "MemTotal"));
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-D")).toList());
        machine.put("load_average_samples", loadSamples);
        return machine;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", f.scenario());
            row.put("metric", f.metric());
            row.put("unit", f.unit());
            row.put("baseline_name", f.baselineName());
            row.put("baseline", f.baseline());
            row.put("ours_name", f.oursName());
            row.put("ours", f.ours());
            row.put("ratio", f.ratio());
            row.put("target", f.target());
            row.put("met", f.met());
            row.put("baseline_count", f.baselineCount());
            row.put("ours_count", f.oursCount());
            row.put("note", f.note());
            rows.add(row);
        }
        json.put("figures", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), json);
        Files.writeString(dir.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("benchmarks.svg"), svg(), StandardCharsets.UTF_8);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| Scenario | Metric | Baseline | Ours | Ratio | Target | Met |\n");
        out.append("|---|---|---:|---:|---:|---|:---:|\n");
        for (Figure f : figures) {
            out.append("| ").append(f.scenario()).append(" | ").append(f.metric()).append(" | ")
                    .append(value(f.baseline(), f.unit())).append(" (").append(f.baselineName()).append(") | ")
                    .append(value(f.ours(), f.unit())).append(" (").append(f.oursName()).append(") | ")
                    .append(String.format(Locale.ROOT, "%.2f", f.ratio())).append(" | ").append(f.target()).append(" | ")
                    .append(f.met() == null ? "–" : f.met() ? "yes" : "**no**").append(" |\n");
        }
        return out.toString();
    }

    String table() {
        StringBuilder out = new StringBuilder();
        String format = "%-28s %-58s %16s %16s %7s %-18s %s%n";
        out.append(String.format(Locale.ROOT, format, "scenario", "metric", "baseline", "ours", "ratio", "target", "met"));
        for (Figure f : figures) {
            out.append(String.format(Locale.ROOT, format, clip(f.scenario(), 28), clip(f.metric(), 58),
                    value(f.baseline(), f.unit()), value(f.ours(), f.unit()), String.format(Locale.ROOT, "%.2f", f.ratio()),
                    clip(f.target(), 18), f.met() == null ? "-" : f.met() ? "yes" : "NO"));
        }
        return out.toString();
    }

    static String value(double value, String unit) {
        if (unit.equals("ops/s")) {
            return String.format(Locale.ROOT, "%,.0f %s", value, unit);
        }
        if (unit.equals("MB")) {
            return String.format(Locale.ROOT, "%,.0f %s", value, unit);
        }
        return String.format(Locale.ROOT, value < 10 ? "%.3f %s" : "%.1f %s", value, unit);
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    /** One row per figure: baseline and ours as bars scaled to the larger of the two, with the values. */
    String svg() {
        int rowHeight = 46;
        int labelWidth = 430;
        int barWidth = 360;
        // room for the value labels (up to ~110 px past a full bar) before the target column
        int width = labelWidth + barWidth + 120 + 170;
        int height = 60 + rowHeight * figures.size() + 20;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Connector Hub benchmarks: baseline (grey) vs ours (blue)</text>\n");
        out.append("<text x=\"10\" y=\"40\" fill=\"#555\">Bars scale to the larger value of each pair; the target and whether it was met are at the right.</text>\n");
        int y = 60;
        for (Figure f : figures) {
            double max = Math.max(Math.max(f.baseline(), f.ours()), 1e-9);
            int baseBar = (int) Math.max(1, Math.round(barWidth * f.baseline() / max));
            int oursBar = (int) Math.max(1, Math.round(barWidth * f.ours() / max));
            out.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y + 14, xml(clip(f.scenario(), 60))));
            out.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + 30, xml(clip(f.metric(), 66))));
            out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#b0b0b0\"/>%n", labelWidth, y + 4, baseBar));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", labelWidth + baseBar + 4, y + 16, xml(value(f.baseline(), f.unit()))));
            out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#2f6fd0\"/>%n", labelWidth, y + 22, oursBar));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", labelWidth + oursBar + 4, y + 34, xml(value(f.ours(), f.unit()))));
            String verdict = f.met() == null ? f.target() : f.target() + (f.met() ? "  ✔" : "  ✘");
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", width - 165, y + 26,
                    f.met() == null ? "#555" : f.met() ? "#1a7f37" : "#c62828", xml(verdict)));
            y += rowHeight;
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
