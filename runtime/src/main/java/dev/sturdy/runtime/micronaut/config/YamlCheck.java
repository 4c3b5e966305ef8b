package dev.sturdy.runtime.micronaut.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds YAML configuration that Micronaut will ignore without a word: it reads
 * {@code application.yml} only when SnakeYAML is on the class path. Two resource lookups and one
 * class lookup, once at start-up.
 */
public final class YamlCheck {

    private static final String YAML_PARSER = "org.yaml.snakeyaml.Yaml";

    private YamlCheck() {
    }

    /**
     * @param loader the application's class loader
     * @param environments the active environments, whose {@code application-<env>.yml} count too
     * @return the warning to log when a YAML configuration file is there and no YAML parser is
     */
    public static Optional<String> ignoredYaml(ClassLoader loader, Collection<String> environments) {
        if (isPresent(loader)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(List.of("application.yml", "application.yaml"));
        for (String environment : environments) {
            names.add("application-" + environment + ".yml");
            names.add("application-" + environment + ".yaml");
        }
        List<String> found = names.stream().filter(name -> loader.getResource(name) != null).toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("[sturdy:yaml-ignored] " + String.join(", ", found) + " is on the class path, but no YAML parser is,"
                + " so Micronaut ignores it (Sturdy's settings in it too); add org.yaml:snakeyaml (runtime scope), or move the"
                + " settings to application.properties");
    }

    private static boolean isPresent(ClassLoader loader) {
        try {
            Class.forName(YAML_PARSER, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
