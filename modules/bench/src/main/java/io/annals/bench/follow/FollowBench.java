package io.annals.bench.follow;

import com.typesafe.config.ConfigFactory;
import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetConfig;
import io.annals.devnet.DevnetSettings;
import io.annals.devnet.chain.DevnetChainSpec;
import io.annals.p2p.identity.Enode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The follow benchmark: a devnet in this JVM, a fresh node in another process synced to its head,
 * then {@code blocks} new blocks, one per block time, announced as {@code mode} says. For each new
 * block it measures the tip lag: from the first peer serving the block (its birth plus the smallest
 * propagation delay of any peer, the moment a peer can serve its body and receipts) to the node's
 * store holding it ({@code eth_blockNumber}, polled every {@link #POLL}). It also counts the header
 * requests the peers received while following (head polls and probes, plus the one header request
 * of each batch: an upper bound of what head discovery asked). Last line:
 *
 * <pre>
 * follow &lt;mode&gt; peers=&lt;n&gt;: tip lag p50 &lt;a&gt; ms, p99 &lt;b&gt; ms, max &lt;c&gt; ms, &lt;r&gt; head requests/peer/min
 * </pre>
 *
 * Arguments: {@code node-jar work-dir devnet-dir blocks block-time peers mode seed}.
 */
public final class FollowBench {

    /** How often the node's head is read. */
    static final Duration POLL = Duration.ofMillis(10);

    private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*\"0x([0-9a-f]+)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FollowBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println(
                    "usage: FollowBench node-jar work-dir devnet-dir blocks block-time peers mode seed");
            System.exit(2);
        }
        Path nodeJar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Path devnetDir = Path.of(args[2]);
        int blocks = Integer.parseInt(args[3]);
        Duration blockTime = Duration.parse("PT" + args[4].toUpperCase(Locale.ROOT));
        int peers = Integer.parseInt(args[5]);
        String mode = args[6];
        long seed = Long.parseLong(args[7]);
        long historical = 500;

        DevnetSettings settings =
                DevnetConfig.fromConfig(
                        ConfigFactory.parseString(
                                        "annals.devnet { seed = "
                                                + seed
                                                + ", peers = "
                                                + peers
                                                + ", blocks = "
                                                + historical
                                                + ", block-time = 0s, base-port = 0,"
                                                + " listen-host = \"127.0.0.1\", data-dir = \""
                                                + devnetDir.toString().replace("\\", "/")
                                                + "\", announcements = [ { peers = all, mode = "
                                                + mode
                                                + " } ] }")
                                .withFallback(ConfigFactory.defaultReference())
                                .resolve());
        try (Devnet devnet = Devnet.create(settings)) {
            List<Enode> enodes = devnet.start();
            Path conf = work.resolve("node.conf");
            Files.writeString(
                    conf,
                    "annals.node.network = devnet\n"
                            + "annals.sync.head.block-time = "
                            + blockTime.toMillis()
                            + "ms\n"
                            + DevnetChainSpec.toConfig(devnet.chainSpec())
                                    .root()
                                    .render(
                                            com.typesafe.config.ConfigRenderOptions.concise()
                                                    .setJson(false)));
            Process node = startNode(nodeJar, work, conf, enodes);
            try {
                String rpc = rpcUrl(node, work);
                awaitHead(rpc, devnet.head(), Duration.ofMinutes(5));
                System.out.printf(
                        Locale.ROOT,
                        "node following at %d; %d new blocks every %d ms, %d peers announcing %s%n",
                        devnet.head(),
                        blocks,
                        blockTime.toMillis(),
                        peers,
                        mode);
                run(devnet, settings, rpc, blocks, blockTime, peers, mode);
            } finally {
                node.destroy();
                node.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(
            Devnet devnet,
            DevnetSettings settings,
            String rpc,
            int blocks,
            Duration blockTime,
            int peers,
            String mode)
            throws Exception {
        Map<Long, Long> storedAt = new ConcurrentHashMap<>();
        long first = devnet.head() + 1;
        long last = devnet.head() + blocks;
        CompletableFuture<Void> watcher =
                CompletableFuture.runAsync(() -> watch(rpc, first, last, storedAt));
        long[] requestsBefore = headerRequests(devnet, peers);
        long started = System.nanoTime();
        Map<Long, Long> servedAt = new ConcurrentHashMap<>();
        for (long n = first; n <= last; n++) {
            long born = System.currentTimeMillis();
            devnet.advance(1);
            long soonest = Long.MAX_VALUE;
            for (int p = 0; p < peers; p++) {
                soonest = Math.min(soonest, settings.propagation().delay(p, n, 0).toMillis());
            }
            servedAt.put(n, born + soonest);
            long next = started + (n - first + 1) * blockTime.toNanos();
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        watcher.get(30, TimeUnit.SECONDS);
        double minutes = (System.nanoTime() - started) / 60e9;
        long[] requestsAfter = headerRequests(devnet, peers);
        long requests = 0;
        for (int p = 0; p < peers; p++) {
            requests += requestsAfter[p] - requestsBefore[p];
        }
        List<Long> lags = new ArrayList<>();
        for (long n = first; n <= last; n++) {
            lags.add(storedAt.get(n) - servedAt.get(n));
        }
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        System.out.println(
                "tip lag per block (ms): "
                        + lags.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        System.out.printf(
                Locale.ROOT,
                "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms over %d blocks; %d header requests to %d peers in %.2f min%n",
                percentile(sorted, 50),
                percentile(sorted, 95),
                percentile(sorted, 99),
                sorted.get(sorted.size() - 1),
                sorted.size(),
                requests,
                peers,
                minutes);
        System.out.printf(
                Locale.ROOT,
                "follow %s peers=%d: tip lag p50 %d ms, p99 %d ms, max %d ms, %.1f head requests/peer/min%n",
                mode,
                peers,
                percentile(sorted, 50),
                percentile(sorted, 99),
                sorted.get(sorted.size() - 1),
                requests / (double) peers / minutes);
    }

    /** Reads the node's head every {@link #POLL} until it reaches {@code last}. */
    private static void watch(String rpc, long first, long last, Map<Long, Long> storedAt) {
        long seen = first - 1;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (seen < last && System.nanoTime() < deadline) {
            long head = head(rpc);
            long now = System.currentTimeMillis();
            for (long n = Math.max(first, seen + 1); n <= Math.min(head, last); n++) {
                storedAt.put(n, now);
            }
            seen = Math.max(seen, head);
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (seen < last) {
            throw new IllegalStateException("the node stopped at " + seen + " of " + last);
        }
    }

    private static long[] headerRequests(Devnet devnet, int peers) {
        long[] counts = new long[peers];
        for (int p = 0; p < peers; p++) {
            counts[p] = devnet.stats(p).headerRequests();
        }
        return counts;
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static Process startNode(Path jar, Path work, Path conf, List<Enode> enodes)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        String logback = System.getProperty("follow.logback");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(
                List.of(
                        "-jar",
                        jar.toString(),
                        "--network",
                        "devnet",
                        "--config",
                        conf.toString(),
                        "--data-dir",
                        work.resolve("node").toString(),
                        "--static-peers",
                        enodes.stream().map(Enode::toString).collect(Collectors.joining(",")),
                        "--p2p-port",
                        "0",
                        "--rpc-port",
                        "0",
                        "--progress-interval",
                        "10s"));
        return new ProcessBuilder(command)
                .redirectError(work.resolve("node.log").toFile())
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    /** The RPC address the node prints at start; its other output goes to node.out. */
    private static String rpcUrl(Process node, Path work) throws Exception {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (var copy = Files.newBufferedWriter(work.resolve("node.out"))) {
                                String line;
                                while ((line = out.readLine()) != null) {
                                    copy.write(line);
                                    copy.newLine();
                                    copy.flush();
                                    if (line.startsWith("JSON-RPC: ")) {
                                        url.complete(
                                                line.substring("JSON-RPC: ".length())
                                                        .trim()
                                                        .split("\\s+")[0]);
                                    }
                                }
                            } catch (IOException e) {
                                url.completeExceptionally(e);
                            }
                            url.completeExceptionally(
                                    new IllegalStateException("the node exited; see node.log"));
                        },
                        "node-stdout");
        reader.setDaemon(true);
        reader.start();
        return url.get(2, TimeUnit.MINUTES);
    }

    private static void awaitHead(String rpc, long head, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (head(rpc) < head) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the node did not reach " + head + " in " + max);
            }
            Thread.sleep(200);
        }
    }

    private static long head(String rpc) {
        try {
            HttpResponse<String> response =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(rpc))
                                    .timeout(Duration.ofSeconds(5))
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"jsonrpc\":\"2.0\",\"id\":1,"
                                                            + "\"method\":\"eth_blockNumber\",\"params\":[]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            Matcher matcher = RESULT.matcher(response.body());
            return matcher.find() ? Long.parseLong(matcher.group(1), 16) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
