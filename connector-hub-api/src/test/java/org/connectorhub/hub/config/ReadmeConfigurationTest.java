package org.connectorhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table names every hub-level variable: a new one is documented or this fails. */
class ReadmeConfigurationTest {
    @Test
    void everyHubVariableIsInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        List<String> missing = Arrays.stream(HubVariable.values()).map(HubVariable::variable)
                .filter(name -> !readme.contains("`" + name + "`")).toList();

        assertThat(missing).as("HUB_* variables the README does not name").isEmpty();
    }
}
