package io.annals.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node as an operating-system process, started the way {@code scripts/run} starts it (the
 * command line, a config file), so that a test can kill it with SIGKILL or stop it with SIGTERM.
 * Its output goes to a file; the JSON-RPC address is read from the line the node prints at start.
 */
final class NodeProcess implements AutoCloseable {
    private static final Pattern RPC_LINE = Pattern.compile("JSON-RPC: (http://\\S+)");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path output;
    private URI rpc;

    private NodeProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code annals --config <config> <args>} in a new JVM on this test's class path. */
    static NodeProcess start(Path config, Path output, String... args) throws IOException {
        return start(List.of("-Xmx512m"), config, output, args);
    }

    /** As {@link #start(Path, Path, String...)}, with these JVM options. */
    static NodeProcess start(List<String> jvmOptions, Path config, Path output, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(
                List.of(
                        "-cp",
                        testClassPath(),
                        AnnalsMain.class.getName(),
                        "--config",
                        config.toString(),
                        "--progress-interval",
                        "1s"));
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                        .start();
        return new NodeProcess(process, output);
    }

    /** Starts {@code annals <args>} (a subcommand) in a new JVM on this test's class path. */
    static NodeProcess command(Path output, String... args) throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx512m",
                                "-cp",
                                testClassPath(),
                                AnnalsMain.class.getName()));
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                        .start();
        return new NodeProcess(process, output);
    }

    /** Whether the process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; its exit code. */
    int awaitExit(Duration max) throws InterruptedException {
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not end within " + max + ":\n" + tail());
        }
        return process.exitValue();
    }

    /**
     * Surefire's real class path (java.class.path may be a manifest-only booter jar; both work with
     * -cp).
     */
    private static String testClassPath() {
        return Optional.ofNullable(System.getProperty("surefire.test.class.path"))
                .orElseGet(() -> System.getProperty("java.class.path"));
    }

    /** Waits until the node printed its JSON-RPC address; fails if the process dies first. */
    NodeProcess awaitRpc(Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = RPC_LINE.matcher(Files.readString(output, StandardCharsets.UTF_8));
            String last = null;
            while (matcher.find()) {
                last = matcher.group(1);
            }
            if (last != null && process.isAlive()) {
                rpc = URI.create(last + "/");
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        "the node exited with " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "the node did not start its JSON-RPC within " + max + ":\n" + tail());
    }

    /**
     * The contiguous head over the node's JSON-RPC: eth_blockNumber, or -1 while the node holds no
     * block (eth_blockNumber then answers 0, and block 0 is null).
     */
    long storedHead() throws IOException, InterruptedException {
        Matcher number =
                Pattern.compile("\"result\"\\s*:\\s*\"0x([0-9a-f]+)\"")
                        .matcher(call("eth_blockNumber", ""));
        if (!number.find()) {
            throw new AssertionError("unexpected eth_blockNumber answer");
        }
        long head = Long.parseLong(number.group(1), 16);
        if (head == 0
                && call("eth_getBlockByNumber", "\"0x0\", false")
                        .matches("(?s).*\"result\"\\s*:\\s*null.*")) {
            return -1;
        }
        return head;
    }

    /** The node's JSON-RPC address (after {@link #awaitRpc}). */
    URI rpc() {
        return rpc;
    }

    /** Waits for the process to end by itself; its exit code, or empty if it still runs. */
    java.util.OptionalInt exitWithin(Duration max) throws InterruptedException {
        return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue())
                : java.util.OptionalInt.empty();
    }

    String call(String method, String params) throws IOException, InterruptedException {
        return call(rpc, method, params);
    }

    /** One JSON-RPC call (id 1) to {@code rpc}: the raw answer. */
    static String call(URI rpc, String method, String params)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(rpc)
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                                                + method
                                                + "\",\"params\":["
                                                + params
                                                + "]}"))
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed by the node. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the exit code. */
    int terminate(Duration max) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "the node did not stop within " + max + " after SIGTERM:\n" + tail());
        }
        return process.exitValue();
    }

    /** Everything the node printed so far. */
    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
