package dev.sturdy.sample;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet in the README is code of this sample app, which compiles and whose tests
 * pass: each must appear in its sources as written, but for indentation and for lines that are
 * only {@code ...}, which stand for any number of lines left out. Change the code and the README
 * together, or this fails naming the snippet that drifted.
 */
class ReadmeSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaSnippetInTheReadmeIsCodeOfTheSampleApp() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String sources = normalized(sampleSources());
        List<String> snippets = new ArrayList<>();
        Matcher blocks = JAVA_BLOCK.matcher(readme);
        while (blocks.find()) {
            snippets.add(blocks.group(1));
        }

        assertThat(snippets).as("the README's Java snippets").hasSizeGreaterThanOrEqualTo(3);
        assertThat(snippets).allSatisfy(snippet -> assertThat(asPattern(snippet).matcher(sources).find())
                .as("this README snippet is not in the sample app's sources as written:%n%s", snippet)
                .isTrue());
    }

    private static String sampleSources() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src", "main", "java")),
                Files.walk(Path.of("src", "test", "java")))) {
            return files.filter(file -> file.toString().endsWith(".java")).map(ReadmeSnippetsTest::read)
                    .collect(Collectors.joining("\n"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    /** @return the text with every line's indentation removed */
    private static String normalized(String text) {
        return text.lines().map(String::strip).collect(Collectors.joining("\n")) + "\n";
    }

    /** @return a pattern of the snippet's lines, where a line of {@code ...} matches any lines */
    private static Pattern asPattern(String snippet) {
        StringBuilder pattern = new StringBuilder();
        for (String line : normalized(snippet).lines().toList()) {
            pattern.append(line.equals("...") ? "(?:.*\\n)*?" : Pattern.quote(line) + "\\n");
        }
        return Pattern.compile(pattern.toString());
    }
}
