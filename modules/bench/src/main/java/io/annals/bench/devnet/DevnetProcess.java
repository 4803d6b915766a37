package io.annals.bench.devnet;

import com.typesafe.config.ConfigFactory;
import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.ChainSpecConfig;
import io.annals.p2p.identity.Enode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * DevnetMain as a second process, as the sync benchmark runs it: started from this JVM's class path
 * (with {@code -Ddevnet.logback=FILE} as its logback configuration and {@code
 * -Ddevnet.jvm-options="..."} added to its command line, e.g. a flight recording), its stdout lines
 * parsed (peers, chain, ready), its CPU read from the OS, stopped with SIGTERM.
 */
final class DevnetProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<Enode> enodes = new ArrayList<>();
    private final ChainSpec spec;
    private final long readyNanos;

    private DevnetProcess(Process process, long startedNanos) throws InterruptedException {
        this.process = process;
        Thread reader = new Thread(this::readLines, "devnet-stdout");
        reader.setDaemon(true);
        reader.start();
        ChainSpec chain = null;
        while (true) {
            String line = next(Duration.ofHours(2));
            if (line.startsWith("devnet-peer ")) {
                enodes.add(Enode.parse(line.split(" ")[2]));
            } else if (line.startsWith("devnet-chain ")) {
                chain =
                        ChainSpecConfig.load(
                                ConfigFactory.parseString(
                                        line.substring("devnet-chain ".length())));
            } else if (line.startsWith("devnet-ready")) {
                break;
            }
        }
        this.spec = chain;
        this.readyNanos = System.nanoTime() - startedNanos;
    }

    static DevnetProcess start(Path logFile, String... args)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path")));
        String logback = System.getProperty("devnet.logback");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        String jvmOptions = System.getProperty("devnet.jvm-options", "").trim();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.add("io.annals.devnet.DevnetMain");
        command.addAll(List.of(args));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(logFile.toFile()).start();
        return new DevnetProcess(process, started);
    }

    private void readLines() {
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("devnet-error " + e);
        }
    }

    private String next(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new IllegalStateException("the devnet process printed nothing for " + timeout);
        }
        if (line.startsWith("devnet-error")) {
            throw new IllegalStateException(line);
        }
        return line;
    }

    List<Enode> enodes() {
        return enodes;
    }

    ChainSpec spec() {
        return spec;
    }

    /** Wall time from start to the ready line. */
    double secondsToReady() {
        return readyNanos / 1e9;
    }

    /** CPU the process has used so far, user and system, all threads. */
    double cpuMillis() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L)
                / 1e6;
    }

    /** SIGTERM, then the devnet's closing lines (per-peer counters, stopped). */
    List<String> stop() throws InterruptedException {
        process.toHandle().destroy();
        List<String> closing = new ArrayList<>();
        while (true) {
            String line = next(Duration.ofMinutes(1));
            closing.add(line);
            if (line.startsWith("devnet-stopped")) {
                break;
            }
        }
        process.waitFor(30, TimeUnit.SECONDS);
        return closing;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
