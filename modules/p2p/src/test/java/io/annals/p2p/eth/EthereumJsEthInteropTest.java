package io.annals.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.chain.Chains;
import io.annals.core.chain.ForkId;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.HeaderFormat;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.core.util.Hex;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.testing.InMemoryChainReader;
import io.annals.p2p.testing.JsPeer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eth/68 with an independent implementation, @ethereumjs/devp2p 10.0.0 (src/test/js/eth.mjs), on
 * mainnet's network id, genesis and fork id: ethereumjs is at Cancun, and so is the head of the
 * chain both sides serve (generated blocks from 20,000,000 with Cancun-era timestamps). Both dial
 * directions; both sides validate the other's Status; we fetch headers (skip, reverse, by hash),
 * bodies and receipts from it and check them against the headers' roots, and it fetches the same
 * from us, reporting the items and the header hashes it computed with its own Keccak.
 */
class EthereumJsEthInteropTest {
    private static final long FIRST = 20_000_000L;
    private static final List<RandomChain.GeneratedBlock> CHAIN = chain();
    private static final BigInteger TD = new BigInteger("58750003716598352816469");

    /**
     * Mainnet's Cancun fork id (EIP-2124; go-ethereum core/forkid/forkid_test.go): next is Prague.
     */
    private static final ForkId CANCUN = new ForkId(0x9f3d2254, 1_746_612_311L);

    @TempDir static Path dir;
    private static Path chainFile;

    private final NodeKey jsKey = NodeKey.generate(new SecureRandom());
    private EthNode node;
    private JsPeer js;

    @BeforeAll
    static void writeChain() throws Exception {
        chainFile = dir.resolve("chain.json");
        Files.writeString(chainFile, chainJson(), StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() throws Exception {
        if (js != null) {
            js.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void weDialItAndFetchItsChain() throws Exception {
        js = startJs(true);
        JsPeer.Event listening = js.await("listening");
        node = EthNode.start(Chains.MAINNET, reader(), "");

        RlpxSession session =
                node.host
                        .dial(
                                new Enode(
                                        jsKey.nodeId(),
                                        "127.0.0.1",
                                        Integer.parseInt(listening.get("port"))))
                        .get(20, TimeUnit.SECONDS);
        EthPeer peer = node.eth.peer(session).get(20, TimeUnit.SECONDS);

        assertStatuses(peer, js.await("eth-status"));
        assertThat(get(peer.headers(FIRST + 5, 4, 0, false)))
                .containsExactlyElementsOf(headers(5, 6, 7, 8));
        assertThat(get(peer.headers(FIRST + 30, 4, 2, true)))
                .containsExactlyElementsOf(headers(30, 27, 24, 21));
        assertThat(get(peer.headers(hash(10), 3, 4, false)))
                .containsExactlyElementsOf(headers(10, 15, 20));
        List<Hash> hashes =
                IntStream.range(10, 25).mapToObj(EthereumJsEthInteropTest::hash).toList();
        List<BlockBody> bodies = get(peer.bodies(hashes));
        List<List<Receipt>> receipts = get(peer.receipts(hashes));
        assertThat(bodies).hasSize(hashes.size());
        assertThat(receipts).hasSize(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            BlockHeader header = CHAIN.get(10 + i).header();
            assertThat(bodies.get(i).mismatchWith(header)).as("body of block %d", 10 + i).isEmpty();
            assertThat(Receipts.mismatchWith(header, receipts.get(i)))
                    .as("receipts of block %d", 10 + i)
                    .isEmpty();
        }
        assertThat(js.await("served").get("what")).isEqualTo("headers");
    }

    @Test
    void itDialsUsAndFetchesOurChain() throws Exception {
        node = EthNode.start(Chains.MAINNET, reader(), "");
        js = startJs(false);
        js.await("ready");

        js.command("dial " + node.host.nodeKey().nodeIdHex() + " " + node.address.getPort());
        EthPeer peer = node.readyPeer(jsKey.nodeIdHex());
        assertStatuses(peer, js.await("eth-status"));

        js.command("get-headers " + (FIRST + 2) + " 5 1 0");
        JsPeer.Event headers = js.await("headers");
        assertThat(items(headers))
                .containsExactlyElementsOf(
                        IntStream.of(2, 4, 6, 8, 10)
                                .mapToObj(n -> Hex.prefixed(CHAIN.get(n).header().encoding()))
                                .toList());
        assertThat(headers.get("hashes").split(","))
                .containsExactlyElementsOf(
                        IntStream.of(2, 4, 6, 8, 10).mapToObj(n -> hash(n).toString()).toList());

        js.command("get-headers " + hash(20) + " 3 0 1");
        assertThat(js.await("headers").get("hashes").split(","))
                .containsExactly(hash(20).toString(), hash(19).toString(), hash(18).toString());

        String wanted =
                IntStream.range(30, 36)
                        .mapToObj(n -> hash(n).toString())
                        .collect(Collectors.joining(","));
        js.command("get-bodies " + wanted);
        assertThat(items(js.await("bodies")))
                .containsExactlyElementsOf(
                        IntStream.range(30, 36)
                                .mapToObj(n -> Hex.prefixed(CHAIN.get(n).body().encode()))
                                .toList());
        js.command("get-receipts " + wanted);
        List<String> receipts = items(js.await("receipts"));
        assertThat(receipts)
                .containsExactlyElementsOf(
                        IntStream.range(30, 36)
                                .mapToObj(
                                        n ->
                                                Hex.prefixed(
                                                        Receipts.encodeEth68List(
                                                                CHAIN.get(n).receipts())))
                                .toList());
        for (int i = 0; i < receipts.size(); i++) {
            List<Receipt> decoded = Receipts.decodeEth68List(Hex.decode(receipts.get(i)));
            assertThat(Receipts.mismatchWith(CHAIN.get(30 + i).header(), decoded)).isEmpty();
        }
        assertThat(peer.closed()).isNotDone();
    }

    private JsPeer startJs(boolean listen) throws Exception {
        return JsPeer.start(
                Hex.encode(jsKey.privateKey()),
                "eth/68",
                listen,
                Map.of("PEER_CHAIN", chainFile.toString(), "PEER_HARDFORK", "cancun"));
    }

    /** Each side accepted the other's Status and reports it as sent. */
    private static void assertStatuses(EthPeer peer, JsPeer.Event theirView) {
        assertThat(peer.version()).isEqualTo(68);
        EthMessage.StatusEth68 status = (EthMessage.StatusEth68) peer.remoteStatus();
        assertThat(status.networkId()).isEqualTo(1);
        assertThat(status.genesisHash()).isEqualTo(Chains.MAINNET.genesisHash());
        assertThat(status.forkId()).isEqualTo(CANCUN);
        assertThat(status.totalDifficulty()).isEqualTo(TD);
        assertThat(status.headHash()).isEqualTo(hash(CHAIN.size() - 1));

        assertThat(theirView.get("networkId")).isEqualTo("1");
        assertThat(theirView.get("genesis")).isEqualTo(Chains.MAINNET.genesisHash().toString());
        assertThat(theirView.get("bestHash")).isEqualTo(hash(CHAIN.size() - 1).toString());
        assertThat(theirView.get("forkHash")).isEqualTo("0x9f3d2254");
        assertThat(theirView.get("forkNext")).isEqualTo("1746612311");
        // past the Merge we announce mainnet's terminal total difficulty
        assertThat(theirView.get("td"))
                .isEqualTo(
                        Chains.MAINNET.merge().orElseThrow().terminalTotalDifficulty().toString());
    }

    private static List<String> items(JsPeer.Event event) {
        return Arrays.asList(event.get("items").split(","));
    }

    private static InMemoryChainReader reader() {
        return new InMemoryChainReader(CHAIN);
    }

    private static List<BlockHeader> headers(int... indexes) {
        return IntStream.of(indexes).mapToObj(i -> CHAIN.get(i).header()).toList();
    }

    private static Hash hash(int index) {
        return CHAIN.get(index).header().hash();
    }

    /**
     * 40 Cancun blocks from 20,000,000, timestamps in mainnet's Cancun era; block 20 has 60
     * transactions.
     */
    private static List<RandomChain.GeneratedBlock> chain() {
        RandomChain random = new RandomChain(68);
        BlockHeader parent =
                random.headerFields(HeaderFormat.CANCUN)
                        .number(FIRST - 1)
                        .timestamp(1_720_000_000L)
                        .build();
        List<RandomChain.GeneratedBlock> blocks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RandomChain.GeneratedBlock block =
                    random.block(
                            parent, HeaderFormat.CANCUN, i == 20 ? 60 : random.random().nextInt(6));
            blocks.add(block);
            parent = block.header();
        }
        return blocks;
    }

    private static String chainJson() {
        StringBuilder json =
                new StringBuilder(
                        "{\"td\":\""
                                + TD
                                + "\",\"head\":\""
                                + hash(CHAIN.size() - 1)
                                + "\",\"genesis\":\""
                                + Chains.MAINNET.genesisHash()
                                + "\",\"blocks\":[");
        for (int i = 0; i < CHAIN.size(); i++) {
            RandomChain.GeneratedBlock block = CHAIN.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"number\":\"")
                    .append(Long.toUnsignedString(block.header().number()))
                    .append("\",\"hash\":\"")
                    .append(block.header().hash())
                    .append("\",\"header\":\"")
                    .append(Hex.prefixed(block.header().encoding()))
                    .append("\",\"body\":\"")
                    .append(Hex.prefixed(block.body().encode()))
                    .append("\",\"receipts\":\"")
                    .append(Hex.prefixed(Receipts.encodeEth68List(block.receipts())))
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }
}
