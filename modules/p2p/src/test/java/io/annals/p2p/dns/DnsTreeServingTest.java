package io.annals.p2p.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.crypto.Secp256k1;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.netty.NettyTxtResolver;
import io.annals.p2p.netty.TxtServer;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tree published from a name server on 127.0.0.1 and read through Netty's DNS resolver. */
class DnsTreeServingTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] listKey = Secp256k1.generatePrivateKey(RANDOM);
    private final EnrTreeUrl url =
            new EnrTreeUrl(Secp256k1.publicKeyOf(listKey), "nodes.annals.test");
    private TxtServer server;
    private NettyTxtResolver resolver;
    private ScheduledExecutorService loop;
    private DnsTreeClient client;

    @BeforeEach
    void start() {
        server = TxtServer.start("127.0.0.1", 0);
        resolver = NettyTxtResolver.create(Optional.of(server.address()), Duration.ofSeconds(5));
        loop = Executors.newSingleThreadScheduledExecutor();
        client = new DnsTreeClient(resolver, loop, System::currentTimeMillis, 200, 2000);
    }

    @AfterEach
    void stop() {
        loop.shutdownNow();
        resolver.close();
        server.close();
    }

    static List<Enr> records(int count) throws Exception {
        List<Enr> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(
                    Enr.builder()
                            .ip(InetAddress.getByName("127.0.0." + (i % 200 + 1)))
                            .tcp(30303 + i)
                            .udp(30303 + i)
                            .sign(Secp256k1.generatePrivateKey(RANDOM)));
        }
        return out;
    }

    @Test
    void readsEveryRecordAndLinkOfAPublishedTree() throws Exception {
        List<Enr> nodes = records(40); // four levels of branches of at most 13
        EnrTreeUrl other =
                new EnrTreeUrl(
                        Secp256k1.publicKeyOf(Secp256k1.generatePrivateKey(RANDOM)),
                        "more.annals.test");
        DnsTree tree = DnsTree.sign(url.domain(), nodes, List.of(other), 1, listKey);
        server.publish(url.domain(), tree.records());

        DnsTreeClient.Sync sync = client.sync(url, -1).get(30, TimeUnit.SECONDS);

        assertThat(sync.changed()).isTrue();
        assertThat(sync.seq()).isEqualTo(1);
        assertThat(sync.nodes()).containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(sync.links()).containsExactly(other);
        // every record of the tree was asked for once
        assertThat(server.queries()).isEqualTo(tree.records().size());
    }

    @Test
    void resyncsOnlyWhenTheSeqMovesAndFetchesOnlyWhatChanged() throws Exception {
        List<Enr> nodes = records(5);
        server.publish(
                url.domain(), DnsTree.sign(url.domain(), nodes, List.of(), 1, listKey).records());
        client.sync(url, -1).get(30, TimeUnit.SECONDS);
        long afterFirst = server.queries();

        DnsTreeClient.Sync same = client.sync(url, 1).get(30, TimeUnit.SECONDS);
        assertThat(same.changed()).isFalse();
        assertThat(server.queries()).isEqualTo(afterFirst + 1); // the root only

        List<Enr> grown = new ArrayList<>(nodes);
        grown.addAll(records(1));
        DnsTree next = DnsTree.sign(url.domain(), grown, List.of(), 2, listKey);
        server.publish(url.domain(), next.records());
        DnsTreeClient.Sync moved = client.sync(url, 1).get(30, TimeUnit.SECONDS);
        assertThat(moved.changed()).isTrue();
        assertThat(moved.nodes()).containsExactlyInAnyOrderElementsOf(grown);
        // root, the new branch, the new leaf: the five old leaves came from the cache
        assertThat(server.queries() - afterFirst - 1).isEqualTo(3);

        assertThatThrownBy(() -> client.sync(url, 5).get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DnsTreeException.class)
                .hasMessageContaining("went back");
    }

    @Test
    void refusesARootSignedByAnotherKeyAndEntriesThatDoNotMatchTheirHash() throws Exception {
        List<Enr> nodes = records(3);
        DnsTree forged =
                DnsTree.sign(
                        url.domain(), nodes, List.of(), 1, Secp256k1.generatePrivateKey(RANDOM));
        server.publish(url.domain(), forged.records());
        assertThatThrownBy(() -> client.sync(url, -1).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("not signed by the list's key");

        DnsTree tree = DnsTree.sign(url.domain(), nodes, List.of(), 1, listKey);
        Map<String, String> corrupted = new HashMap<>(tree.records());
        String leafName =
                corrupted.keySet().stream()
                        .filter(n -> corrupted.get(n).startsWith("enr:"))
                        .findFirst()
                        .orElseThrow();
        corrupted.put(leafName, records(1).get(0).toText());
        server.publish(url.domain(), corrupted);
        assertThatThrownBy(() -> client.sync(url, -1).get(30, TimeUnit.SECONDS))
                .hasMessageContaining("does not match its hash");
    }
}
