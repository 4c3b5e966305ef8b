package dev.sturdy.runtime.micronaut.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class YamlCheckTest {

    @TempDir
    Path classes;

    private ClassLoader withoutSnakeYaml() throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void warnsWhenAnApplicationYmlIsThereButNoYamlParser() throws IOException {
        Files.writeString(classes.resolve("application.yml"), "sturdy:\n  clock: manual\n");
        Files.writeString(classes.resolve("application-test.yaml"), "sturdy:\n  enabled: true\n");

        assertThat(YamlCheck.ignoredYaml(withoutSnakeYaml(), List.of("test")))
                .hasValue("[sturdy:yaml-ignored] application.yml, application-test.yaml is on the class path, but no YAML"
                        + " parser is, so Micronaut ignores it (Sturdy's settings in it too); add org.yaml:snakeyaml (runtime"
                        + " scope), or move the settings to application.properties");
    }

    @Test
    void saysNothingWithoutYamlFiles() throws IOException {
        assertThat(YamlCheck.ignoredYaml(withoutSnakeYaml(), List.of("test"))).isEmpty();
    }

    @Test
    void saysNothingWhenSnakeYamlIsThere() throws IOException {
        Files.writeString(classes.resolve("application.yml"), "sturdy:\n  clock: manual\n");
        ClassLoader withSnakeYaml = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());

        assertThat(YamlCheck.ignoredYaml(withSnakeYaml, List.of())).isEmpty();
    }
}
