package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code client.mjs} (viem on Node.js) running against an endpoint: started with the endpoint's URL
 * and an expectations file ({@link ViemExpectations}), its output lines collected as a transcript.
 * A "FAIL" line, an early end or a long silence fails the test with the whole transcript. The
 * script folder must hold viem ({@code npm ci}, which the annals-rpc build runs); without Node.js
 * or viem the test fails with what to do, it never skips.
 */
public final class ViemClient implements AutoCloseable {
    /**
     * Where the script is, seen from the annals-rpc module's folder; {@code ANNALS_RPC_JS_DIR}
     * overrides it.
     */
    public static final Path RPC_MODULE_SCRIPT_DIR = Path.of("src", "test", "js");

    private static final String END = "\u0000end";
    private static final long SILENCE_SECONDS = 90;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    private ViemClient(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "viem-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The folder of {@code client.mjs}: {@code ANNALS_RPC_JS_DIR} when set, else {@code scriptDir}.
     * Fails with what to do when Node.js is not on the path or viem is not installed there.
     */
    public static Path scriptDir(Path scriptDir) throws InterruptedException {
        String configured = System.getenv("ANNALS_RPC_JS_DIR");
        Path dir = configured != null ? Path.of(configured) : scriptDir;
        try {
            Process version =
                    new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(20, TimeUnit.SECONDS) || version.exitValue() != 0) {
                fail("`node --version` failed: this test needs Node.js 18 or later on PATH");
            }
        } catch (IOException e) {
            fail(
                    "Node.js is not installed (no `node` on PATH): this test needs it, and `npm ci` in "
                            + dir,
                    e);
        }
        if (!Files.isRegularFile(dir.resolve("node_modules/viem/package.json"))) {
            fail(
                    "viem is not installed in "
                            + dir.toAbsolutePath().normalize()
                            + ": run `npm ci` there (the annals-rpc"
                            + " module's build does it in process-test-resources, so build that module first, e.g."
                            + " `mvn -pl modules/rpc -am test-compile` or the whole reactor)");
        }
        return dir;
    }

    /**
     * Starts {@code node client.mjs <rpc> <expectations>} in {@code dir}, a folder {@link
     * #scriptDir} returned.
     */
    public static ViemClient start(Path dir, URI rpc, Path expectations) {
        return script(dir, "client.mjs", rpc.toString(), expectations.toString());
    }

    /** Starts {@code node <script> <arguments>} in {@code dir} (e.g. {@code ws-client.mjs}). */
    public static ViemClient script(Path dir, String script, String... arguments) {
        java.util.List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        try {
            return new ViemClient(
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .start());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start `node " + script + "` in " + dir.toAbsolutePath(), e);
        }
    }

    /**
     * Waits for the line starting with {@code prefix}, failing on a FAIL line, the end of output or
     * silence.
     */
    public void awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SILENCE_SECONDS);
        while (true) {
            String line =
                    lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                fail(
                        "viem client ended or went silent before '"
                                + prefix
                                + "':\n"
                                + String.join("\n", transcript));
            }
            transcript.add(line);
            if (line.startsWith("FAIL")) {
                fail("viem client: " + line + "\n" + String.join("\n", transcript));
            }
            if (line.startsWith(prefix)) {
                return;
            }
        }
    }

    /**
     * Tells the client (after "filters-installed") that the blocks {@code next} describes are
     * stored.
     */
    public void written(Path next) throws IOException {
        tell("written " + next);
    }

    /** Writes one line to the client's standard input (and closes it: clients read one line). */
    public void tell(String line) throws IOException {
        try (Writer stdin = process.outputWriter(StandardCharsets.UTF_8)) {
            stdin.write(line + "\n");
        }
    }

    /** Waits for "done", checks the exit code and returns the transcript. */
    public List<String> finish() throws InterruptedException {
        awaitLine("done ");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the viem client exits").isTrue();
        assertThat(process.exitValue()).as(String.join("\n", transcript)).isZero();
        return List.copyOf(transcript);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void read() {
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("FAIL reading the client's output: " + e);
        }
        lines.add(END);
    }
}
