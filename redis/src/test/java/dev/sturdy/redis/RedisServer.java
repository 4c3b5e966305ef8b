package dev.sturdy.redis;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real {@code redis-server} for a test, on a free port, with persistence off: started, killed,
 * frozen ({@code SIGSTOP}) and thawed ({@code SIGCONT}), restarted on the same port. Skipped with a
 * message on a machine without it, never in CI ({@code CI} set), where its absence fails the test.
 */
final class RedisServer implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(10);

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    static RedisServer start() throws IOException, InterruptedException {
        if (!onPath()) {
            String howTo = "redis-server is not installed; install it with: sudo apt-get install -y redis-server";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(howTo);
            }
            Assumptions.abort(howTo);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer server = new RedisServer(port);
        server.restart();
        return server;
    }

    private static boolean onPath() {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, "redis-server"))) {
                return true;
            }
        }
        return false;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it (again, on the same port, empty) and waits until it answers. */
    void restart() throws IOException, InterruptedException {
        Path log = Files.createTempFile("redis-" + port, ".log");
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (!answers()) {
            if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
                throw new IllegalStateException("redis-server did not start on port " + port + ": " + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    /** Kills it, as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Freezes it: it keeps its connections and answers nothing, as a hung server does. */
    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return "+PONG".equals(reply);
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            thaw();
            kill();
        }
    }
}
