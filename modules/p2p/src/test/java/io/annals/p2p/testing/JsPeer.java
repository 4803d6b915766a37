package io.annals.p2p.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs src/test/js/peer.mjs, a devp2p peer built on @ethereumjs/devp2p, and talks to it through its
 * stdin (commands) and stdout (events). A missing Node.js or npm install fails the test with the
 * remedy, it never skips it.
 */
public final class JsPeer implements AutoCloseable {
    public record Event(String name, Map<String, String> fields) {
        public String get(String key) {
            String value = fields.get(key);
            if (value == null) {
                throw new AssertionError("event " + name + " has no " + key + ": " + fields);
            }
            return value;
        }
    }

    private static final Event END = new Event("<process ended>", Map.of());

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> unclaimed = new ArrayList<>();
    private final List<String> transcript = new java.util.concurrent.CopyOnWriteArrayList<>();

    private JsPeer(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readEvents, "js-peer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    public static JsPeer start(String privateKeyHex, String capabilities, boolean listen)
            throws IOException {
        return start(privateKeyHex, capabilities, listen, Map.of());
    }

    /** With more environment for the script, e.g. PEER_CHAIN and PEER_HARDFORK for eth. */
    public static JsPeer start(
            String privateKeyHex,
            String capabilities,
            boolean listen,
            Map<String, String> environment)
            throws IOException {
        Map<String, String> all = new HashMap<>(environment);
        all.put("PEER_CAPS", capabilities);
        all.put("PEER_LISTEN", listen ? "1" : "0");
        return startScript("peer.mjs", privateKeyHex, all);
    }

    /** Runs another script of src/test/js (discovery.mjs: a DPT node and a DNS client). */
    public static JsPeer startScript(
            String script, String privateKeyHex, Map<String, String> environment)
            throws IOException {
        Path dir = scriptDir();
        requireNode();
        if (!Files.isRegularFile(dir.resolve("node_modules/@ethereumjs/devp2p/package.json"))) {
            fail(
                    "@ethereumjs/devp2p is not installed in "
                            + dir.toAbsolutePath()
                            + ": run `npm ci` there (.ci/run does it before `mvn -B verify`)");
        }
        ProcessBuilder builder =
                new ProcessBuilder("node", script)
                        .directory(dir.toFile())
                        .redirectErrorStream(true);
        builder.environment().put("PEER_KEY", privateKeyHex);
        builder.environment().putAll(environment);
        return new JsPeer(builder.start());
    }

    private static Path scriptDir() {
        String configured = System.getenv("ANNALS_P2P_JS_DIR");
        return configured != null ? Path.of(configured) : Path.of("src", "test", "js");
    }

    private static void requireNode() {
        try {
            Process version =
                    new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(20, TimeUnit.SECONDS) || version.exitValue() != 0) {
                fail("`node --version` failed: the interop test needs Node.js 18 or later on PATH");
            }
        } catch (IOException e) {
            fail(
                    "Node.js is not installed (no `node` on PATH): the interop test needs it and `npm ci` in src/test/js",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while checking for Node.js");
        }
    }

    public void command(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** The next event of this name (earlier events of other names stay available), within 20 s. */
    public Event await(String name) throws InterruptedException {
        for (Iterator<Event> it = unclaimed.iterator(); it.hasNext(); ) {
            Event event = it.next();
            if (event.name().equals(name)) {
                it.remove();
                return event;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Event event =
                    events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event == END) {
                throw new AssertionError(
                        "no '"
                                + name
                                + "' event from the ethereumjs peer; its output:\n"
                                + String.join("\n", transcript));
            }
            if (event.name().equals(name)) {
                return event;
            }
            unclaimed.add(event);
        }
    }

    private void readEvents() {
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                transcript.add(line);
                String[] parts = line.split(" ");
                Map<String, String> fields = new HashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    int eq = parts[i].indexOf('=');
                    if (eq > 0) {
                        fields.put(
                                parts[i].substring(0, eq),
                                URLDecoder.decode(
                                        parts[i].substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
                events.add(new Event(parts[0], fields));
            }
        } catch (IOException e) {
            transcript.add("<stdout read failed: " + e + ">");
        } finally {
            events.add(END);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            command("quit");
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
