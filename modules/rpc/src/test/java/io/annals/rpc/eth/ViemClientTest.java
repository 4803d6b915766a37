package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.types.Transaction;
import io.annals.core.util.Hex;
import io.annals.store.FullBlock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * viem (pinned in {@code src/test/js/package.json}, installed by the build with {@code npm ci})
 * drives the server like an indexer: head, blocks with and without transactions, receipts by hash
 * and by block, {@code getLogs} with an ABI event, an address and an indexed argument, raw topic
 * OR-arrays, and a polling loop over an event filter and a block filter while new blocks are
 * stored. The script takes the RPC URL and a file of expectations, so the same script can later
 * check a node synced from the devnet. Fails (does not skip) without Node.js or viem.
 */
class ViemClientTest {
    private static final long FIRST = 40_000;

    @TempDir
    Path dir;

    @Test
    void viemReadsWhatWeStoredAndFollowsNewBlocksThroughFilters() throws Exception {
        Path js = scriptDir();
        TransferChain generator = new TransferChain(51, FIRST);
        List<FullBlock> chain = generator.next(40);
        try (HistoryNode node = HistoryNode.open(dir.resolve("store"), FIRST)) {
            node.write(chain.subList(0, 30));
            Path expectations = dir.resolve("expectations.json");
            Files.writeString(expectations, expectations(generator, chain.subList(0, 30)).toString());
            Process client = new ProcessBuilder("node", "client.mjs", node.uri.toString(), expectations.toString())
                    .directory(js.toFile()).redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            List<String> transcript = new ArrayList<>();
            Thread reader = new Thread(() -> read(client, lines), "viem-output");
            reader.setDaemon(true);
            reader.start();
            try {
                awaitLine(lines, transcript, "filters-installed");
                node.write(chain.subList(30, 40));
                Path next = dir.resolve("written.json");
                Files.writeString(next, written(generator, chain.subList(30, 40)).toString());
                try (Writer stdin = client.outputWriter(StandardCharsets.UTF_8)) {
                    stdin.write("written " + next + "\n");
                }
                awaitLine(lines, transcript, "done ");
                assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(client.exitValue()).as(String.join("\n", transcript)).isZero();
                assertThat(transcript).contains("ok blocks", "ok receipts", "ok logs", "ok filters");
            } finally {
                client.destroyForcibly();
            }
        }
    }

    private static ObjectNode expectations(TransferChain generator, List<FullBlock> blocks) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode out = json.objectNode();
        out.put("head", Long.toString(blocks.get(blocks.size() - 1).number()));
        ArrayNode blockViews = out.putArray("blocks");
        ArrayNode receipts = out.putArray("receipts");
        for (FullBlock block : blocks) {
            ObjectNode view = blockViews.addObject();
            view.put("number", Long.toString(block.number()));
            view.put("hash", block.hash().toHex());
            ArrayNode hashes = view.putArray("transactions");
            ArrayNode senders = view.putArray("senders");
            ArrayNode types = view.putArray("types");
            List<Transaction> txs = block.body().transactions();
            for (int i = 0; i < txs.size(); i++) {
                Transaction tx = txs.get(i);
                hashes.add(tx.hash().toHex());
                senders.add(tx.sender().toHex());
                types.add("0x" + Integer.toHexString(tx.type()));
                Receipt receipt = block.receipts().get(i);
                ObjectNode r = receipts.addObject();
                r.put("transactionHash", tx.hash().toHex());
                ObjectNode expected = r.putObject("view");
                expected.put("blockNumber", Long.toString(block.number()));
                expected.put("status", receipt.success() ? "success" : "reverted");
                expected.put("from", tx.sender().toHex());
                Address to = tx.fields().to();
                expected.put("to", to == null ? null : to.toHex());
                expected.put("contractAddress", to == null ? created(tx.sender(), tx.fields().nonce()) : null);
                expected.put("logs", receipt.logs().size());
            }
            view.put("withdrawals", block.body().withdrawals().orElseThrow().size());
            view.put("logsBloom", Hex.prefixed(block.header().logsBloom().unsafeArray()));
        }
        long from = blocks.get(0).number();
        long to = blocks.get(blocks.size() - 1).number();
        ArrayNode transferQueries = out.putArray("transferQueries");
        for (Address token : generator.tokens) {
            for (Address sender : Arrays.asList(null, generator.holders.get(0))) {
                ObjectNode q = transferQueries.addObject();
                q.put("address", token.toHex());
                q.put("from", sender == null ? null : sender.toHex());
                q.put("fromBlock", Long.toString(from));
                q.put("toBlock", Long.toString(to));
                q.set("expected", transfers(blocks, token, sender));
            }
        }
        ArrayNode rawQueries = out.putArray("rawQueries");
        Hash holder = TransferChain.padded(generator.holders.get(1));
        ObjectNode raw = rawQueries.addObject();
        raw.putObject("filter").put("fromBlock", "0x" + Long.toHexString(from)).put("toBlock", "0x" + Long.toHexString(to))
                .set("topics", json.arrayNode().add(json.arrayNode().add(TransferChain.TRANSFER.toHex())
                        .add(TransferChain.APPROVAL.toHex())).addNull().add(holder.toHex()));
        ArrayNode keys = raw.putArray("expected");
        BruteForceLogs.select(blocks, from, to, List.of(),
                List.of(List.of(TransferChain.TRANSFER, TransferChain.APPROVAL), List.of(), List.of(holder)))
                .forEach(log -> keys.add(Long.parseLong(log.get("blockNumber").asText().substring(2), 16) + ":"
                        + Long.parseLong(log.get("logIndex").asText().substring(2), 16)));
        out.putObject("filter").put("address", generator.tokens.get(0).toHex());
        return out;
    }

    /** What the filters must report once these blocks are stored. */
    private static ObjectNode written(TransferChain generator, List<FullBlock> blocks) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("logs", transfers(blocks, generator.tokens.get(0), null));
        ArrayNode hashes = out.putArray("blockHashes");
        blocks.forEach(b -> hashes.add(b.hash().toHex()));
        return out;
    }

    /** The Transfer events of {@code token} (from {@code sender}, if given), decoded as viem decodes them. */
    private static ArrayNode transfers(List<FullBlock> blocks, Address token, Address sender) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (FullBlock block : blocks) {
            int logIndex = 0;
            for (int tx = 0; tx < block.receipts().size(); tx++) {
                for (Log log : block.receipts().get(tx).logs()) {
                    if (log.address().equals(token) && log.topics().get(0).equals(TransferChain.TRANSFER)
                            && (sender == null || log.topics().get(1).equals(TransferChain.padded(sender)))) {
                        ObjectNode view = out.addObject();
                        view.put("blockNumber", Long.toString(block.number()));
                        view.put("logIndex", logIndex);
                        view.put("transactionHash", block.body().transactions().get(tx).hash().toHex());
                        view.put("from", "0x" + log.topics().get(1).toHex().substring(26));
                        view.put("to", "0x" + log.topics().get(2).toHex().substring(26));
                        view.put("value", new BigInteger(1, log.unsafeData()).toString());
                    }
                    logIndex++;
                }
            }
        }
        return out;
    }

    /** keccak(rlp([sender, nonce]))[12:], the address a creation deploys to (yellow paper eq. 86). */
    private static String created(Address sender, long nonce) {
        RlpWriter w = new RlpWriter();
        int mark = w.startList();
        w.writeAddress(sender).writeLong(nonce);
        w.endList(mark);
        return Hex.prefixed(Arrays.copyOfRange(Keccak256.hash(w.toByteArray()), 12, 32));
    }

    private static void awaitLine(BlockingQueue<String> lines, List<String> transcript, String prefix)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals("\u0000end")) {
                fail("viem client ended or went silent before '" + prefix + "':\n" + String.join("\n", transcript));
            }
            transcript.add(line);
            if (line.startsWith("FAIL")) {
                fail("viem client: " + line + "\n" + String.join("\n", transcript));
            }
            if (line.startsWith(prefix)) {
                return;
            }
        }
    }

    private static void read(Process process, BlockingQueue<String> lines) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("FAIL reading the client's output: " + e);
        }
        lines.add("\u0000end");
    }

    private static Path scriptDir() throws InterruptedException {
        String configured = System.getenv("ANNALS_RPC_JS_DIR");
        Path dir = configured != null ? Path.of(configured) : Path.of("src", "test", "js");
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(20, TimeUnit.SECONDS) || version.exitValue() != 0) {
                fail("`node --version` failed: this test needs Node.js 18 or later on PATH");
            }
        } catch (IOException e) {
            fail("Node.js is not installed (no `node` on PATH): this test needs it, and `npm ci` in " + dir, e);
        }
        if (!Files.isRegularFile(dir.resolve("node_modules/viem/package.json"))) {
            fail("viem is not installed in " + dir.toAbsolutePath() + ": run `npm ci` there (the Maven build does)");
        }
        return dir;
    }
}
