package dev.sturdy.benchmarks.scale;

import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fallback;
import dev.sturdy.annotation.Retry;
import dev.sturdy.annotation.Timeout;
import dev.sturdy.benchmarks.Noop;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Singleton;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an application pays for Sturdy as it grows: generates an application of N protected
 * methods (ten per bean, each with Retry, Timeout, CircuitBreaker, Bulkhead and Fallback) or the
 * same application with a no-op interceptor on each method, and measures, in a fresh JVM, the
 * context's start, the first call of every method, the heap after both, and the bytes held by
 * Sturdy's own objects ({@code dev.sturdy.runtime.*} instances, from a class histogram). Run by
 * {@code benchmarks/scale.sh}, which also times the compilation.
 */
public final class ScaleHarness {

    private static final int METHODS_PER_BEAN = 10;

    private ScaleHarness() {
    }

    /**
     * {@code generate <dir> <methods> <sturdy|noop>}, or {@code measure <methods> <label>}.
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]), args[3].equals("sturdy"));
        } else {
            measure(Integer.parseInt(args[1]), args[2]);
        }
    }

    private static void generate(Path dir, int methods, boolean sturdy) throws IOException {
        Path source = Files.createDirectories(dir.resolve("gen"));
        int beans = Math.max(1, methods / METHODS_PER_BEAN);
        String annotations = sturdy
                ? "    @" + name(Retry.class) + " @" + name(Timeout.class) + "(\"10s\") @" + name(CircuitBreaker.class) + "\n"
                + "    @" + name(Bulkhead.class) + " @" + name(Fallback.class) + "(method = \"fallback\")\n"
                : "    @" + name(Noop.class) + "\n";
        StringBuilder caller = new StringBuilder("package gen;\n\npublic final class CallAll {\n"
                + "    public static long run(" + name(ApplicationContext.class) + " context) {\n        long sum = 0;\n");
        for (int b = 0; b < beans; b++) {
            StringBuilder bean = new StringBuilder("package gen;\n\n@" + name(Singleton.class) + "\npublic class Service" + b
                    + " {\n");
            StringBuilder callEach = new StringBuilder("    public long callEach() {\n        long sum = 0;\n");
            for (int m = 0; m < METHODS_PER_BEAN; m++) {
                bean.append(annotations);
                bean.append("    public int m").append(m).append("(int x) {\n        return x + ").append(m)
                        .append(";\n    }\n\n");
                callEach.append("        sum += m").append(m).append("(1);\n");
            }
            bean.append("    int fallback(int x) {\n        return -1;\n    }\n\n");
            bean.append(callEach).append("        return sum;\n    }\n}\n");
            Files.writeString(source.resolve("Service" + b + ".java"), bean);
            caller.append("        sum += context.getBean(Service").append(b).append(".class).callEach();\n");
        }
        caller.append("        return sum;\n    }\n}\n");
        Files.writeString(source.resolve("CallAll.java"), caller);
    }

    private static String name(Class<?> type) {
        return type.getName();
    }

    private static void measure(int methods, String label) throws Exception {
        long t0 = System.nanoTime();
        ApplicationContext context = ApplicationContext.run();
        long started = System.nanoTime();
        long sum = (long) Class.forName("gen.CallAll").getMethod("run", ApplicationContext.class).invoke(null, context);
        long called = System.nanoTime();
        long heap = usedHeapAfterGc();
        long sturdyBytes = sturdyBytes();
        System.out.printf("%s methods=%d start_ms=%.0f first_calls_ms=%.0f heap_mb=%.1f sturdy_kb=%.0f check=%d%n", label,
                methods, (started - t0) / 1e6, (called - started) / 1e6, heap / 1048576.0, sturdyBytes / 1024.0, sum);
        context.close();
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long sturdyBytes() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String histogram = (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        long bytes = 0;
        for (String line : histogram.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].startsWith("dev.sturdy.runtime.")) {
                bytes += Long.parseLong(columns[2]);
            }
        }
        return bytes;
    }
}
