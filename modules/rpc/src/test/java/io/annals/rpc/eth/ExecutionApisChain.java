package io.annals.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.Fork;
import io.annals.core.chain.Hardfork;
import io.annals.core.chain.Merge;
import io.annals.core.rlp.RlpReader;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.types.ReceiptCodec;
import io.annals.core.types.Receipts;
import io.annals.rpc.json.HexData;
import io.annals.store.FullBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The test chain of ethereum/execution-apis ({@code tests/chain.rlp}, {@code tests/forkenv.json},
 * commit 033ca6e, copied unchanged into {@code execution-apis/}): 54 blocks after a genesis,
 * through every fork up to BPO2, and the {@code .io} files of request and geth's answer recorded on
 * it.
 *
 * <p>The files hold headers and bodies but no receipts (they come from executing the chain). The
 * real receipts of blocks 1, 3 and 54 are taken from recorded answers ({@code eth_getBlockReceipts}
 * of 1 and latest, {@code debug_getRawReceipts} of 3) and accepted only when they hash to the
 * header's receipts root. Every other block is stored with <b>placeholder receipts</b> (successful,
 * no logs, cumulative gas spread evenly): tests on this chain check answers that read no receipts
 * there, and {@link #hasRealReceipts} says which blocks are real. The genesis block is the one of
 * {@code debug_getRawBlock(0x0)}, accepted because its hash is block 1's parent hash.
 */
final class ExecutionApisChain {
    static final String DIR = "/execution-apis/";

    private final List<FullBlock> blocks;
    private final boolean[] real;

    private ExecutionApisChain(List<FullBlock> blocks, boolean[] real) {
        this.blocks = blocks;
        this.real = real;
    }

    static ExecutionApisChain load() {
        List<FullBlock> blocks = new ArrayList<>();
        BlockAndBody genesis =
                split(HexData.decode(result("debug_getRawBlock/get-genesis.io").textValue()));
        List<BlockAndBody> chain = new ArrayList<>();
        chain.add(genesis);
        RlpReader file = RlpReader.of(resource("chain.rlp"));
        while (file.hasNext()) {
            chain.add(split(file.readRaw()));
        }
        Map<Long, List<Receipt>> known =
                Map.of(
                        0L, List.of(),
                        1L, jsonReceipts(result("eth_getBlockReceipts/get-block-receipts-n.io")),
                        3L, rawReceipts(result("debug_getRawReceipts/get-block-n.io")),
                        54L,
                                jsonReceipts(
                                        result(
                                                "eth_getBlockReceipts/get-block-receipts-latest.io")));
        boolean[] real = new boolean[chain.size()];
        for (BlockAndBody b : chain) {
            long n = b.header().number();
            if (n > 0 && !chain.get((int) n - 1).header().hash().equals(b.header().parentHash())) {
                throw new IllegalStateException("block " + n + " does not link to its parent");
            }
            List<Receipt> receipts = known.get(n);
            if (receipts != null) {
                Hash root = Receipts.root(receipts);
                if (!root.equals(b.header().receiptsRoot())) {
                    throw new IllegalStateException("the receipts of block " + n + " are not real");
                }
                real[(int) n] = true;
            } else {
                receipts = placeholders(b);
            }
            blocks.add(new FullBlock(b.header(), b.body(), receipts));
        }
        return new ExecutionApisChain(List.copyOf(blocks), real);
    }

    List<FullBlock> blocks() {
        return blocks;
    }

    FullBlock block(long number) {
        return blocks.get((int) number);
    }

    boolean hasRealReceipts(long number) {
        return real[(int) number];
    }

    /** The chain's fork schedule from {@code forkenv.json} (hive's names), merged at block 36. */
    ChainSpec spec() {
        JsonNode env = json(resource("forkenv.json"));
        List<Fork> forks = new ArrayList<>();
        forks.add(Fork.atBlock(Hardfork.HOMESTEAD, num(env, "HIVE_FORK_HOMESTEAD")));
        forks.add(Fork.atBlock(Hardfork.TANGERINE_WHISTLE, num(env, "HIVE_FORK_TANGERINE")));
        forks.add(Fork.atBlock(Hardfork.SPURIOUS_DRAGON, num(env, "HIVE_FORK_SPURIOUS")));
        forks.add(Fork.atBlock(Hardfork.BYZANTIUM, num(env, "HIVE_FORK_BYZANTIUM")));
        forks.add(Fork.atBlock(Hardfork.CONSTANTINOPLE, num(env, "HIVE_FORK_CONSTANTINOPLE")));
        forks.add(Fork.atBlock(Hardfork.PETERSBURG, num(env, "HIVE_FORK_PETERSBURG")));
        forks.add(Fork.atBlock(Hardfork.ISTANBUL, num(env, "HIVE_FORK_ISTANBUL")));
        forks.add(Fork.atBlock(Hardfork.MUIR_GLACIER, num(env, "HIVE_FORK_MUIR_GLACIER")));
        forks.add(Fork.atBlock(Hardfork.BERLIN, num(env, "HIVE_FORK_BERLIN")));
        forks.add(Fork.atBlock(Hardfork.LONDON, num(env, "HIVE_FORK_LONDON")));
        forks.add(Fork.atBlock(Hardfork.ARROW_GLACIER, num(env, "HIVE_FORK_ARROW_GLACIER")));
        forks.add(Fork.atBlock(Hardfork.GRAY_GLACIER, num(env, "HIVE_FORK_GRAY_GLACIER")));
        forks.add(Fork.atTimestamp(Hardfork.SHANGHAI, num(env, "HIVE_SHANGHAI_TIMESTAMP")));
        forks.add(Fork.atTimestamp(Hardfork.CANCUN, num(env, "HIVE_CANCUN_TIMESTAMP")));
        forks.add(Fork.atTimestamp(Hardfork.PRAGUE, num(env, "HIVE_PRAGUE_TIMESTAMP")));
        forks.add(Fork.atTimestamp(Hardfork.OSAKA, num(env, "HIVE_OSAKA_TIMESTAMP")));
        forks.add(Fork.atTimestamp(Hardfork.BPO1, num(env, "HIVE_BPO1_TIMESTAMP")));
        forks.add(Fork.atTimestamp(Hardfork.BPO2, num(env, "HIVE_BPO2_TIMESTAMP")));
        return new ChainSpec(
                "execution-apis",
                num(env, "HIVE_NETWORK_ID"),
                num(env, "HIVE_CHAIN_ID"),
                block(0).hash(),
                block(0).header().timestamp(),
                forks,
                Optional.of(
                        new Merge(
                                new BigInteger(env.get("HIVE_TERMINAL_TOTAL_DIFFICULTY").asText()),
                                num(env, "HIVE_MERGE_BLOCK_ID"))));
    }

    /** One recorded exchange of an {@code .io} file: the request line and geth's answer line. */
    record Exchange(String comment, String request, String response) {}

    static Exchange exchange(String file) {
        String text = new String(resource(file), StandardCharsets.UTF_8);
        String comment = "";
        String request = null;
        String response = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("//")) {
                comment += line.substring(2).trim() + " ";
            } else if (line.startsWith(">> ")) {
                request = line.substring(3);
            } else if (line.startsWith("<< ")) {
                response = line.substring(3);
            }
        }
        return new Exchange(comment.trim(), request, response);
    }

    static JsonNode result(String file) {
        return json(exchange(file).response().getBytes(StandardCharsets.UTF_8)).get("result");
    }

    private record BlockAndBody(BlockHeader header, BlockBody body) {}

    /** rlp([header, txs, ommers(, withdrawals)]) into the header and the body list. */
    private static BlockAndBody split(byte[] block) {
        RlpReader items = RlpReader.list(block);
        BlockHeader header = BlockHeader.decode(items.readRaw());
        List<byte[]> rest = new ArrayList<>();
        int size = 0;
        while (items.hasNext()) {
            byte[] item = items.readRaw();
            rest.add(item);
            size += item.length;
        }
        byte[] payload = new byte[size];
        int at = 0;
        for (byte[] item : rest) {
            System.arraycopy(item, 0, payload, at, item.length);
            at += item.length;
        }
        return new BlockAndBody(header, BlockBody.decode(listOf(payload)));
    }

    private static byte[] listOf(byte[] payload) {
        int length = payload.length;
        byte[] head;
        if (length < 56) {
            head = new byte[] {(byte) (0xc0 + length)};
        } else {
            int bytes = 0;
            for (int rest = length; rest != 0; rest >>>= 8) {
                bytes++;
            }
            head = new byte[1 + bytes];
            head[0] = (byte) (0xf7 + bytes);
            for (int i = bytes, rest = length; i >= 1; i--, rest >>>= 8) {
                head[i] = (byte) rest;
            }
        }
        byte[] out = new byte[head.length + length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, length);
        return out;
    }

    private static List<Receipt> jsonReceipts(JsonNode receipts) {
        List<Receipt> out = new ArrayList<>();
        for (JsonNode r : receipts) {
            List<Log> logs = new ArrayList<>();
            for (JsonNode log : r.get("logs")) {
                List<Hash> topics = new ArrayList<>();
                log.get("topics").forEach(t -> topics.add(HexData.parseHash(t)));
                logs.add(
                        Log.of(
                                HexData.parseAddress(log.get("address")),
                                topics,
                                HexData.decode(log.get("data"))));
            }
            int type = Integer.decode(r.get("type").asText());
            long gas = Long.decode(r.get("cumulativeGasUsed").asText());
            out.add(
                    r.has("root")
                            ? Receipt.withPostState(
                                    type, HexData.parseHash(r.get("root")), gas, logs)
                            : Receipt.withStatus(
                                    type, "0x1".equals(r.get("status").asText()), gas, logs));
        }
        return out;
    }

    private static List<Receipt> rawReceipts(JsonNode receipts) {
        List<Receipt> out = new ArrayList<>();
        receipts.forEach(r -> out.add(ReceiptCodec.decodeConsensus(HexData.decode(r))));
        return out;
    }

    private static List<Receipt> placeholders(BlockAndBody b) {
        List<Receipt> out = new ArrayList<>();
        int n = b.body().transactions().size();
        for (int i = 0; i < n; i++) {
            out.add(
                    Receipt.withStatus(
                            b.body().transactions().get(i).type(),
                            true,
                            b.header().gasUsed() * (i + 1) / n,
                            List.of()));
        }
        return out;
    }

    private static long num(JsonNode env, String key) {
        return Long.parseLong(env.get(key).asText());
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return HistoryNode.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ExecutionApisChain.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
