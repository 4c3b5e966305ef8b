package dev.sturdy.sample;

import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app's own sources pass Sturdy's compile-time checks without a single diagnostic,
 * and a copy with one mistake fails on the mistake, with the message users would see.
 */
class SturdyDiagnosticsTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/sturdy/sample");

    @Test
    void sampleAppHasNoSturdyDiagnostic() throws IOException {
        DiagnosticCollector<JavaFileObject> all = new DiagnosticCollector<>();

        boolean compiled = compile(sources(null, null), all);

        assertThat(all.getDiagnostics()).extracting(d -> d.getMessage(null)).noneMatch(message -> message.startsWith("[sturdy:"));
        assertThat(compiled).as("the processor ran over the sources without any error: %s", all.getDiagnostics()).isTrue();
    }

    @Test
    void aBrokenCopyOfTheQuoteServiceFailsOnTheMistake() throws IOException {
        String original = Files.readString(SOURCES.resolve("QuoteService.java"));
        String broken = original.replaceFirst("@Retry\\(maxAttempts = 3,", "@Retry(maxAttempts = 0,");
        assertThat(broken).isNotEqualTo(original);

        List<Diagnostic<? extends JavaFileObject>> found = sturdyDiagnostics(sources("QuoteService.java", broken));

        assertThat(found).singleElement().satisfies(error -> {
            assertThat(error.getKind()).isEqualTo(Diagnostic.Kind.ERROR);
            assertThat(error.getMessage(null)).isEqualTo(
                    "[sturdy:retry-max-attempts] @Retry.maxAttempts on QuoteService.quote(String): must be >= 1, but was 0");
            assertThat(error.getLineNumber()).isEqualTo(lineOf(broken, "@Retry(maxAttempts = 0,"));
        });
    }

    private static List<JavaFileObject> sources(String replaced, String replacement) throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(file -> {
                try {
                    String text = file.getFileName().toString().equals(replaced) ? replacement : Files.readString(file);
                    return (JavaFileObject) new SimpleJavaFileObject(URI.create("string:///" + file.getFileName()),
                            JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return text;
                        }
                    };
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private static List<Diagnostic<? extends JavaFileObject>> sturdyDiagnostics(List<JavaFileObject> sources) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        compile(sources, diagnostics);
        return diagnostics.getDiagnostics().stream().filter(d -> d.getMessage(null).startsWith("[sturdy:")).toList();
    }

    /** Runs only Sturdy's processor over the sources, with the test class path; returns whether there was no error. */
    private static boolean compile(List<JavaFileObject> sources, DiagnosticCollector<JavaFileObject> diagnostics) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> options = List.of("-proc:only", "-processor", "dev.sturdy.processor.SturdyProcessor",
                "-classpath", System.getProperty("java.class.path"));
        return javac.getTask(null, null, diagnostics, options, null, sources).call();
    }

    private static long lineOf(String text, String fragment) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(fragment)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(fragment);
    }
}
