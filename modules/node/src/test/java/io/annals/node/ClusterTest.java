package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigRenderOptions;
import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetSettings;
import io.annals.devnet.chain.DevnetChainSpec;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.node.service.AnnalsNode;
import io.annals.store.BlockRange;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import io.annals.store.VerificationReport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three Annals processes as one cluster on 127.0.0.1, syncing a 6,000-block devnet (served from
 * this test's JVM, the fourth process) in ranges of 500 blocks, with a single node syncing the same
 * devnet beside them as the reference. In one run, in order:
 *
 * <ol>
 *   <li>the host running the tip is killed with SIGKILL mid-sync: reads of its blocks answer the
 *       clear temporary error (never null), the Split Brain Resolver downs it, its ranges restart
 *       on the others and complete, and the tip (follow mode) resumes on another host;
 *   <li>it restarts and rejoins, takes ranges again (from hosts that hold them, as peers), and its
 *       leftover blocks of ranges it no longer owns are dropped;
 *   <li>every member answers every history method and log filter shape byte for byte as the single
 *       node (0 differences);
 *   <li>a member leaves on SIGTERM: every read of its blocks through another member succeeds
 *       throughout (it waits until others hold them), it exits cleanly, and rejoins;
 *   <li>while the devnet grows, a network partition (iptables) cuts the tip host off: it downs
 *       itself and exits with code 6, follow mode resumes on the majority, which reaches the new
 *       head with the devnet's blocks; filters installed before answer as the single node's; the
 *       cut-off host rejoins once the partition heals.
 * </ol>
 *
 * At the end every member's store verifies, the stores are disjoint and together hold every block
 * exactly once, each with the devnet's hash: no range was synced into two different chains.
 */
class ClusterTest {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTest.class);
    private static final long HEAD = 6_000;
    private static final long SHARD = 500;
    private static final Duration LONG = Duration.ofMinutes(3);

    @TempDir Path dir;

    /** The members' logs stay in the build folder, for a failure's post-mortem. */
    private final Path logs =
            Path.of("target", "cluster-logs", Long.toString(System.currentTimeMillis()))
                    .toAbsolutePath();

    @Test
    void threeHostsAsOneHistoryThroughKillsRejoinsALeaveAndAPartition() throws Exception {
        Partition.requireIptables();
        DevnetSettings devnetSettings =
                TestNetwork.devnet(4, HEAD, "seed = 45, " + TestNetwork.SMALL_SHAPE);
        List<ClusterMember> members = new ArrayList<>();
        long end;
        try (Devnet devnet = Devnet.create(devnetSettings)) {
            devnet.start();
            String chain =
                    "annals.chain = "
                            + DevnetChainSpec.toConfig(devnet.chainSpec())
                                    .getValue("annals.chain")
                                    .render(ConfigRenderOptions.concise())
                            + "\n";
            int[] ports = {freePort(), freePort(), freePort()};
            for (int i = 0; i < 3; i++) {
                members.add(member(i, ports, devnet, chain));
            }
            try (AnnalsNode single =
                    TestNetwork.startNode(
                            TestNetwork.nodeConfig(devnet, dir.resolve("single"), ""))) {
                URI singleRpc =
                        URI.create(
                                "http://127.0.0.1:"
                                        + single.rpcAddress().orElseThrow().getPort()
                                        + "/");
                RpcSameAnswers.NodeProcessLike reference =
                        (method, params) -> NodeProcess.call(singleRpc, method, params);
                for (ClusterMember member : members) {
                    member.start();
                }
                for (ClusterMember member : members) {
                    member.awaitRpc();
                }
                ClusterMember a = members.get(0);

                // 1. SIGKILL the tip host mid-sync
                JsonNode tipKnown =
                        await(a, view -> view.path("tip").has("member"), "the tip running");
                ClusterMember victim =
                        memberOf(members, tipKnown, tipKnown.path("tip").path("member").asText());
                ClusterMember witness =
                        members.stream().filter(m -> m != victim).findFirst().orElseThrow();
                JsonNode midSync =
                        await(
                                witness,
                                view ->
                                        completeRangesOf(view, member(view, victim)) >= 1
                                                && view.path("headBlock").asLong() < HEAD,
                                victim.name + " holding a complete range while the cluster syncs");
                BlockRange lost = completeRangeOf(midSync, member(midSync, victim));
                String victimId = idOf(midSync, victim);
                LOG.info("killing the tip host {} mid-sync; it holds blocks {}", victim.name, lost);
                victim.kill();
                String answer =
                        witness.call("eth_getBlockByNumber", "\"" + q(lost.first()) + "\", false");
                assertThat(answer)
                        .as("a block only the killed member holds")
                        .contains("\"code\":-32000")
                        .contains("history temporarily unavailable")
                        .doesNotContain("\"result\"");
                JsonNode recovered =
                        await(
                                witness,
                                view ->
                                        complete(view, 2)
                                                && !view.path("tip")
                                                        .path("member")
                                                        .asText()
                                                        .equals(victimId),
                                "the survivors complete every range and follow the head");
                LOG.info("the tip moved to {}", recovered.path("tip").path("member").asText());
                assertThat(
                                witness.call(
                                        "eth_getBlockByNumber",
                                        "\"" + q(lost.first()) + "\", false"))
                        .contains("\"result\":{");

                // 2. restart: the killed member rejoins, takes ranges again, drops its leftovers
                victim.start().awaitRpc();
                JsonNode rejoined =
                        await(
                                witness,
                                view ->
                                        complete(view, 3)
                                                && ownedBy(view, member(view, victim)) > 0
                                                && leftoversGone(view)
                                                // the view can be complete on the victim's own
                                                // leftovers before it takes a range from a holder
                                                && hasLogged(victim, "first (it holds them)"),
                                victim.name + " rejoined, owning ranges, every block on one host");
                assertThat(victim.logs())
                        .as("a range taken over from a host that holds it")
                        .contains("first (it holds them)");
                assertSpread(rejoined);

                // 3. every member answers as the single node
                TestNetwork.await(
                        single,
                        LONG,
                        stats -> TestNetwork.head(stats) >= HEAD,
                        "the single node synced");
                List<RpcSameAnswers.Call> calls = RpcSameAnswers.calls(reference, HEAD, SHARD);
                for (ClusterMember member : members) {
                    List<String> diffs = RpcSameAnswers.differences(calls, reference, member::call);
                    assertThat(diffs)
                            .as("%s answers %d calls as the single node", member.name, calls.size())
                            .isEmpty();
                }
                LOG.info(
                        "{} calls answered alike by the single node and every member",
                        calls.size());

                // 4. a graceful leave hands the ranges over without a gap
                JsonNode before = a.cluster();
                ClusterMember b =
                        members.stream()
                                .filter(m -> m != a)
                                .filter(
                                        m ->
                                                !idOf(before, m)
                                                        .equals(
                                                                before.path("tip")
                                                                        .path("member")
                                                                        .asText()))
                                .findFirst()
                                .orElseThrow();
                List<Long> held = heldBlocksOf(before, member(before, b));
                Reads reads = new Reads(a, held);
                reads.start();
                int exit = b.terminate(Duration.ofMinutes(2));
                reads.stop();
                assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
                assertThat(reads.failures())
                        .as(
                                "reads of the leaving member's blocks while it left (%d reads)",
                                reads.count())
                        .isEmpty();
                assertThat(reads.count()).isGreaterThan(0);
                assertThat(b.logs()).contains("every block of this host is held elsewhere");
                await(a, view -> complete(view, 2), "the others hold everything");
                b.start().awaitRpc();
                await(a, view -> complete(view, 3) && leftoversGone(view), "b rejoined");

                // 5. a partition cuts the tip host off while the head grows: it downs itself,
                // follow mode resumes on the others
                String filter = filterId(a.call("eth_newFilter", "{}"));
                String singleFilter = filterId(reference.call("eth_newFilter", "{}"));
                String blocks = filterId(a.call("eth_newBlockFilter", ""));
                String singleBlocks = filterId(reference.call("eth_newBlockFilter", ""));
                devnet.advance(30);
                long grown = HEAD + 30;
                JsonNode view =
                        await(
                                a,
                                v -> v.path("headBlock").asLong() == grown,
                                "following to " + grown);
                String tipMember = view.path("tip").path("member").asText();
                ClusterMember tip = memberOf(members, view, tipMember);
                List<ClusterMember> survivors = members.stream().filter(m -> m != tip).toList();
                ClusterMember asked = survivors.get(0);
                long last = grown + 20;
                LOG.info("cutting the tip host {} off the cluster", tip.name);
                try (Partition partition = Partition.cut(tip.clusterPort, tip.outbound)) {
                    devnet.advance(20);
                    OptionalInt downed = tip.awaitExit(Duration.ofSeconds(90));
                    assertThat(downed)
                            .as("the minority side downs itself and exits:%n%s", tip.tail())
                            .hasValue(ExitCodes.CLUSTER_DOWNED);
                    JsonNode followed =
                            await(
                                    asked,
                                    v ->
                                            v.path("headBlock").asLong() == last
                                                    && !v.path("tip")
                                                            .path("member")
                                                            .asText()
                                                            .equals(tipMember)
                                                    && countUp(v) == 2,
                                    "follow mode resumed on the majority, at " + last);
                    LOG.info("the tip moved to {}", followed.path("tip").path("member").asText());
                }
                assertThat(tip.logs()).contains("including myself");
                TestNetwork.await(
                        single,
                        LONG,
                        stats -> TestNetwork.head(stats) >= last,
                        "single at " + last);
                for (long n = HEAD - 5; n <= last; n++) {
                    assertThat(asked.call("eth_getBlockByNumber", "\"" + q(n) + "\", true"))
                            .as("block %d", n)
                            .isEqualTo(
                                    reference.call(
                                            "eth_getBlockByNumber", "\"" + q(n) + "\", true"));
                }
                if (asked == a) {
                    assertThat(a.call("eth_getFilterChanges", "\"" + filter + "\""))
                            .isEqualTo(
                                    reference.call(
                                            "eth_getFilterChanges", "\"" + singleFilter + "\""));
                    assertThat(a.call("eth_getFilterChanges", "\"" + blocks + "\""))
                            .isEqualTo(
                                    reference.call(
                                            "eth_getFilterChanges", "\"" + singleBlocks + "\""));
                }
                tip.start().awaitRpc();
                await(asked, v -> complete(v, 3) && leftoversGone(v), "the cut-off host rejoined");
                awaitSettled(asked);
                // all at once (SIGKILL loses nothing stored): stopping one by one would be three
                // graceful leaves, each handing its blocks to the hosts that remain
                for (ClusterMember member : members) {
                    member.kill();
                }
                end = last;
            } finally {
                for (ClusterMember member : members) {
                    member.close();
                }
            }
        }
        assertStoresHoldTheChainOnce(members, devnetSettings, end);
    }

    // ---- the cluster's view in /health

    private static boolean hasLogged(ClusterMember member, String text) {
        try {
            return member.logs().contains(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode await(ClusterMember member, Predicate<JsonNode> condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = member.cluster();
                if (condition.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // the member is busy starting or stopping: ask again
            }
            Thread.sleep(250);
        }
        return fail(
                "not " + what + " within " + LONG + "; last view " + last + "\n" + member.tail());
    }

    /**
     * Waits until two views a few seconds apart show the same owners and holdings: no rebalance is
     * moving a range.
     */
    private static void awaitSettled(ClusterMember member) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        String before = settledPart(member.cluster());
        while (System.nanoTime() < deadline) {
            Thread.sleep(3_000);
            String now = settledPart(member.cluster());
            if (now.equals(before) && leftoversGone(member.cluster())) {
                return;
            }
            before = now;
        }
        fail("the cluster did not settle within " + LONG + ": " + before);
    }

    private static String settledPart(JsonNode view) {
        return view.path("ranges").toString() + view.path("members").toString();
    }

    /** Every range up to the head is held by a live owner, with this many members up. */
    private static boolean complete(JsonNode view, int members) {
        if (countUp(view) != members || view.path("headBlock").asLong() < HEAD) {
            return false;
        }
        for (JsonNode range : view.path("ranges")) {
            if (range.path("owner").asText().equals("-")
                    || range.path("heldBlocks").asLong() < range.path("wantedBlocks").asLong()) {
                return false;
            }
        }
        return view.path("ranges").size() >= HEAD / SHARD;
    }

    /** No member holds blocks of a range it does not own below the tip's window. */
    private static boolean leftoversGone(JsonNode view) {
        long sealed = view.path("tip").path("sealedThrough").asLong();
        for (JsonNode member : view.path("members")) {
            // blocksHeld counts every block the member holds; its owned ranges' parts plus its
            // share of the window are all it should hold
            long owned = 0;
            for (JsonNode range : view.path("ranges")) {
                if (range.path("owner").asText().equals(member.path("member").asText())) {
                    owned += range.path("heldBlocks").asLong();
                }
            }
            long window =
                    view.path("tip").path("member").asText().equals(member.path("member").asText())
                            ? view.path("tip").path("head").asLong() - sealed
                            : 0;
            if (member.path("blocksHeld").asLong() > owned + window) {
                return false;
            }
        }
        return true;
    }

    private static int countUp(JsonNode view) {
        int up = 0;
        for (JsonNode member : view.path("members")) {
            if (member.path("state").asText().equals("up")
                    && member.path("reachable").asBoolean()) {
                up++;
            }
        }
        return up;
    }

    private static String member(JsonNode view, ClusterMember member) {
        return idOf(view, member);
    }

    private static String idOf(JsonNode view, ClusterMember member) {
        for (JsonNode m : view.path("members")) {
            if (m.path("address").asText().endsWith(":" + member.clusterPort)) {
                return m.path("member").asText();
            }
        }
        return "?";
    }

    private static ClusterMember memberOf(List<ClusterMember> members, JsonNode view, String id) {
        return members.stream()
                .filter(m -> id.equals(idOf(view, m)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no member " + id + " in " + view));
    }

    private static int ownedBy(JsonNode view, String member) {
        int owned = 0;
        for (JsonNode range : view.path("ranges")) {
            owned += range.path("owner").asText().equals(member) ? 1 : 0;
        }
        return owned;
    }

    private static int completeRangesOf(JsonNode view, String member) {
        int complete = 0;
        for (JsonNode range : view.path("ranges")) {
            if (range.path("owner").asText().equals(member)
                    && range.path("wantedBlocks").asLong() == SHARD
                    && range.path("heldBlocks").asLong() == SHARD) {
                complete++;
            }
        }
        return complete;
    }

    private static BlockRange completeRangeOf(JsonNode view, String member) {
        for (JsonNode range : view.path("ranges")) {
            if (range.path("owner").asText().equals(member)
                    && range.path("heldBlocks").asLong() == SHARD) {
                return BlockRange.of(
                        range.path("firstBlock").asLong(), range.path("lastBlock").asLong());
            }
        }
        throw new AssertionError("no complete range of " + member + " in " + view);
    }

    /** A sample of the blocks a member owns: every tenth of each of its ranges. */
    private static List<Long> heldBlocksOf(JsonNode view, String member) {
        List<Long> blocks = new ArrayList<>();
        for (JsonNode range : view.path("ranges")) {
            if (range.path("owner").asText().equals(member)) {
                long first = range.path("firstBlock").asLong();
                long last = Math.min(range.path("lastBlock").asLong(), HEAD - 64);
                for (long n = first; n <= last; n += 10) {
                    blocks.add(n);
                }
            }
        }
        return blocks;
    }

    private static void assertSpread(JsonNode view) {
        Set<String> owners = new HashSet<>();
        view.path("ranges").forEach(range -> owners.add(range.path("owner").asText()));
        assertThat(owners).as("ranges spread over the members").hasSize(3);
    }

    /** Reads of a member's blocks from another member, in a loop, until stopped. */
    private static final class Reads {
        private final ClusterMember via;
        private final List<Long> blocks;
        private final List<String> failures = new ArrayList<>();
        private volatile boolean running = true;
        private int count;
        private Thread thread;

        Reads(ClusterMember via, List<Long> blocks) {
            this.via = via;
            this.blocks = blocks;
        }

        void start() {
            thread =
                    new Thread(
                            () -> {
                                int i = 0;
                                while (running && !blocks.isEmpty()) {
                                    long n = blocks.get(i++ % blocks.size());
                                    try {
                                        String answer =
                                                via.call(
                                                        "eth_getBlockByNumber",
                                                        "\"" + q(n) + "\", false");
                                        count++;
                                        if (!answer.contains("\"result\":{")) {
                                            failures.add(n + ": " + answer);
                                        }
                                    } catch (IOException | InterruptedException e) {
                                        failures.add(n + ": " + e);
                                    }
                                }
                            },
                            "reads");
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        List<String> failures() {
            return failures;
        }

        int count() {
            return count;
        }
    }

    // ---- the stores at the end

    private static void assertStoresHoldTheChainOnce(
            List<ClusterMember> members, DevnetSettings devnetSettings, long head) {
        io.annals.sync.ledger.RunSet union = new io.annals.sync.ledger.RunSet();
        long total = 0;
        try (GeneratedChain reference = TestNetwork.generatedChain(devnetSettings)) {
            ChainIdentity chain =
                    new ChainIdentity(reference.spec().chainId(), reference.genesisHash());
            for (ClusterMember member : members) {
                try (HistoryStore store =
                        HistoryStore.open(
                                member.dataDir.resolve("store"), chain, StoreSettings.defaults())) {
                    VerificationReport report = store.verify();
                    assertThat(report.problems()).as("%s's store verifies", member.name).isEmpty();
                    for (BlockRange run : store.presentRanges()) {
                        assertThat(union.countIn(run.first(), run.last()))
                                .as("blocks %s of %s are held by no other member", run, member.name)
                                .isZero();
                        union.addRange(run.first(), run.last());
                        total += run.size();
                        for (long n = run.first(); n <= run.last(); n++) {
                            assertThat(store.canonicalHash(n))
                                    .as("block %d", n)
                                    .isEqualTo(reference.store().canonicalHash(n));
                        }
                    }
                }
            }
        }
        assertThat(union.runs())
                .as("together, every block")
                .containsExactly(BlockRange.of(0, head));
        assertThat(total).isEqualTo(head + 1);
    }

    // ---- set-up

    private ClusterMember member(int index, int[] ports, Devnet devnet, String chain)
            throws IOException {
        String name = "member-" + (char) ('a' + index);
        Path data = dir.resolve(name);
        String seeds = "\"127.0.0.1:" + ports[0] + "\", \"127.0.0.1:" + ports[1] + "\"";
        Path config = dir.resolve(name + ".conf");
        Files.writeString(
                config,
                chain
                        + TestNetwork.nodeHocon(devnet.enodes(), data)
                        + "annals.cluster { enabled = true, host = \"127.0.0.1\", port = "
                        + ports[index]
                        + ", seed-nodes = ["
                        + seeds
                        + "], min-members = 3, shard-blocks = "
                        + SHARD
                        + ", publish-interval = 300ms, read-timeout = 3s, handover-timeout = 90s,"
                        + " split-brain.stable-after = 2s }\n"
                        + "pekko.cluster.failure-detector.acceptable-heartbeat-pause = 2s\n"
                        + "pekko.remote.artery.advanced.tcp.outbound-client-hostname = \""
                        + outbound(index)
                        + "\"\n"
                        + "pekko.cluster.sharding.rebalance-interval = 2s\n");
        Files.createDirectories(logs);
        return new ClusterMember(name, data, ports[index], outbound(index), config, logs);
    }

    /**
     * The loopback address a member's outbound cluster connections leave from (it listens on
     * 127.0.0.1 like everything else), so that a partition can drop what it sends.
     */
    private static String outbound(int index) {
        return "127.0.0." + (11 + index);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String filterId(String answer) {
        int at = answer.indexOf("\"result\":\"");
        assertThat(at).as("a filter id in %s", answer).isPositive();
        return answer.substring(at + 10, answer.indexOf('"', at + 10));
    }

    private static String q(long n) {
        return RpcSameAnswers.quantity(n);
    }
}
