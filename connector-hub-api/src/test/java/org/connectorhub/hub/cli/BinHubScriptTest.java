package org.connectorhub.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/hub}'s choice of java and of start-up archive, run for real with stand-in JDKs: each is
 * a home with a {@code release} file and a {@code bin/java} script that writes down how it was called
 * (and, asked to write an archive, writes one), in front of a stand-in jar.
 */
@EnabledOnOs(OS.LINUX)
class BinHubScriptTest {
    private static final Path SCRIPT = Path.of("../bin/hub").toAbsolutePath().normalize();
    // a build folder of our own under the module's target/, as HUB_BUILD_DIR must be relative
    private final String buildDir = "target/bin-hub-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private Path jar;

    @TempDir
    Path tmp;

    @BeforeEach
    void standInJar() throws IOException {
        jar = Files.createDirectories(Path.of(buildDir)).resolve("connector-hub-api-0.0.0-all.jar");
        Files.writeString(jar, "not a jar");
    }

    @AfterEach
    void removeBuildDir() throws IOException {
        try (var files = Files.walk(Path.of(buildDir))) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void aJava25InJavaHomeIsChosenOverTheOlderJavaOnThePathAndRunsWithAnAotCacheTrainedOnce() throws Exception {
        Path old = jdk("old", "17.0.15");
        Path newer = jdk("newer", "99.0.1");

        Run first = run(Map.of("PATH", old.resolve("bin") + ":/usr/bin:/bin", "JAVA_HOME", newer.toString()));

        assertThat(first.calls("old")).isEmpty();
        List<String> calls = first.calls("newer");
        assertThat(calls).hasSize(2);
        String archive = jar.toAbsolutePath().toString().replace(".jar", ".aot");
        assertThat(calls.get(0)).contains("-XX:AOTCacheOutput=" + archive + ".tmp", "-jar", "train --seconds 0")
                .contains("--sun-misc-unsafe-memory-access=allow");
        assertThat(calls.get(1)).contains("-XX:AOTCache=" + archive, "-Xmx256m", "-XX:+UseSerialGC", "serve --port 0")
                .doesNotContain("AOTCacheOutput");
        assertThat(first.err()).contains("training the AOT cache with Java 99");
        assertThat(Path.of(archive)).exists();

        // trained once: the next start only runs the hub
        Run second = run(Map.of("PATH", old.resolve("bin") + ":/usr/bin:/bin", "JAVA_HOME", newer.toString()));
        assertThat(second.calls("newer")).singleElement().asString().contains("-XX:AOTCache=" + archive, "serve");
        assertThat(second.err()).doesNotContain("training");
    }

    @Test
    void hubAotZeroKeepsThePathsJavaWithAClassDataArchive() throws Exception {
        Path old = jdk("old", "17.0.15");
        Path newer = jdk("newer", "99.0.1");

        Run run = run(Map.of("PATH", old.resolve("bin") + ":/usr/bin:/bin", "JAVA_HOME", newer.toString(), "HUB_AOT", "0"));

        assertThat(run.calls("newer")).isEmpty();
        List<String> calls = run.calls("old");
        String archive = jar.toAbsolutePath().toString().replace(".jar", ".jsa");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).contains("-XX:ArchiveClassesAtExit=" + archive + ".tmp", "train --seconds 0")
                .doesNotContain("sun-misc-unsafe");
        assertThat(calls.get(1)).contains("-XX:SharedArchiveFile=" + archive, "serve --port 0");
    }

    @Test
    void hubJavaWinsAndHubCdsZeroRunsWithoutAnyArchive() throws Exception {
        Path old = jdk("old", "17.0.15");
        Path newer = jdk("newer", "99.0.1");

        Run run = run(Map.of("PATH", newer.resolve("bin") + ":/usr/bin:/bin", "HUB_JAVA", old.resolve("bin/java").toString(),
                "HUB_CDS", "0"));

        assertThat(run.calls("newer")).isEmpty();
        assertThat(run.calls("old")).singleElement().asString().contains("serve --port 0")
                .doesNotContain("SharedArchiveFile", "AOTCache", "ArchiveClassesAtExit");
    }

    private record Run(int exit, String err, Path log) {
        List<String> calls(String jdk) throws IOException {
            return Files.exists(log) ? Files.readAllLines(log).stream().filter(line -> line.startsWith(jdk + ":")).toList()
                    : List.of();
        }
    }

    private Run run(Map<String, String> env) throws Exception {
        Files.deleteIfExists(tmp.resolve("calls.log"));
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "serve", "--port", "0");
        builder.environment().keySet().removeIf(name -> name.startsWith("HUB_") || name.equals("JAVA_HOME"));
        builder.environment().putAll(env);
        builder.environment().put("HUB_BUILD_DIR", buildDir);
        builder.environment().put("HUB_NICE_REQUESTS", "0");
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), err, tmp.resolve("calls.log"));
    }

    /** A JDK home of the given version whose java writes its arguments to calls.log (training runs get no environment). */
    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(tmp.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                echo "%s: $*" >> '%s'
                for arg in "$@"; do
                  case "$arg" in
                    -XX:AOTCacheOutput=*|-XX:ArchiveClassesAtExit=*) echo archive > "${arg#*=}" ;;
                  esac
                done
                """.formatted(name, tmp.resolve("calls.log")));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
