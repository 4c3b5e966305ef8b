package dev.sturdy.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;

import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.util.List;

import static com.google.testing.compile.Compiler.javac;
import java.util.ArrayList;

/**
 * Compiles small sources with Sturdy's processor. A source marks the line a diagnostic is
 * expected on with {@code /*!*}{@code /}.
 */
final class Sources {

    static final String IMPORTS = """
            package test;

            import dev.sturdy.annotation.*;
            import java.io.*;
            import java.util.*;
            import java.util.concurrent.*;

            """;

    private Sources() {
    }

    /**
     * One source to compile, named for the test report.
     *
     * @param name what the case shows
     * @param body the class(es), after the standard imports
     * @param message the one Sturdy diagnostic expected, or {@code null} for none
     */
    record Case(String name, String body, String message) {

        Case(String name, String body) {
            this(name, body, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static JavaFileObject source(String className, String body) {
        return JavaFileObjects.forSourceString("test." + className, IMPORTS + body);
    }

    static Compilation compile(JavaFileObject source, String... options) {
        return javac().withProcessors(new SturdyProcessor()).withOptions((Object[]) options).compile(source);
    }

    /** @return the line marked with the marker comment, counting the imports */
    static long markedLine(String body) {
        String[] lines = (IMPORTS + body).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("/*!*/")) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no /*!*/ marker in\n" + body);
    }

    /** @return the diagnostics whose message starts with {@code [sturdy:} */
    static List<Diagnostic<? extends JavaFileObject>> sturdyDiagnostics(Compilation compilation) {
        List<Diagnostic<? extends JavaFileObject>> found = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
            if (diagnostic.getMessage(null).startsWith("[sturdy:")) {
                found.add(diagnostic);
            }
        }
        return found;
    }
}
