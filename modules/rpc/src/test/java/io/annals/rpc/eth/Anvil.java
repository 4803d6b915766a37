package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * anvil (Foundry's development node, a Rust implementation of the Ethereum JSON-RPC with state),
 * from the npm package {@code @foundry-rs/anvil-linux-amd64} pinned in the rpc module's {@code
 * src/test/js} (installed by {@code npm ci}), on 127.0.0.1 and a free port. Without the package the
 * test fails and says what to run; it never skips.
 */
public final class Anvil implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final URI uri;

    private Anvil(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** The anvil binary under {@code jsDir} ({@link ViemClient#scriptDir}'s folder). */
    public static Path binary(Path jsDir) {
        Path binary = jsDir.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (!Files.isExecutable(binary)) {
            fail(
                    "anvil is not installed in "
                            + jsDir.toAbsolutePath().normalize()
                            + ": run `npm ci` there (the annals-rpc build does it in"
                            + " process-test-resources)");
        }
        return binary;
    }

    /** Starts anvil with {@code arguments} added, and waits until it listens. */
    public static Anvil start(Path binary, String... arguments) throws InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(binary.toString(), "--host", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> output = new ArrayList<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    synchronized (output) {
                                        output.add(line);
                                    }
                                    Matcher m = LISTENING.matcher(line);
                                    if (m.find()) {
                                        port.complete(Integer.parseInt(m.group(1)));
                                    }
                                }
                            } catch (IOException e) {
                                port.completeExceptionally(e);
                            }
                            port.completeExceptionally(new IOException("anvil exited"));
                        },
                        "anvil-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int bound = port.get(60, TimeUnit.SECONDS);
            return new Anvil(process, URI.create("http://127.0.0.1:" + bound + "/"));
        } catch (Exception e) {
            process.destroyForcibly();
            synchronized (output) {
                throw new IllegalStateException(
                        "anvil did not start: " + String.join("\n", output), e);
            }
        }
    }

    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
