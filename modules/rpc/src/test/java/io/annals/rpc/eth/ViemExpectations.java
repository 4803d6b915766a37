package io.annals.rpc.eth;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The expectations file of {@code src/test/js/client.mjs}, computed from the blocks an endpoint
 * should serve (the reference chain), never from the endpoint's answers: the head, each block's
 * hash, transactions, senders, types, withdrawals and bloom, each receipt as viem shows it, ERC-20
 * {@code Transfer} queries decoded as viem decodes them, raw {@code eth_getLogs} queries answered
 * by reading every log ({@link BruteForceLogs}), and the address of the event filter. A query whose
 * answer is empty would check nothing, so none is accepted.
 */
public final class ViemExpectations {
    private final List<FullBlock> blocks;
    private final long from;
    private final long to;
    private final ObjectNode json = JsonNodeFactory.instance.objectNode();
    private final ArrayNode transferQueries;
    private final ArrayNode rawQueries;

    private ViemExpectations(List<FullBlock> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("expectations need at least one block");
        }
        this.blocks = List.copyOf(blocks);
        this.from = blocks.get(0).number();
        this.to = blocks.get(blocks.size() - 1).number();
        json.put("head", Long.toString(to));
        ArrayNode blockViews = json.putArray("blocks");
        ArrayNode receipts = json.putArray("receipts");
        for (FullBlock block : blocks) {
            blockViews.add(blockView(block));
            List<Transaction> txs = block.body().transactions();
            for (int i = 0; i < txs.size(); i++) {
                ObjectNode r = receipts.addObject();
                r.put("transactionHash", txs.get(i).hash().toHex());
                r.set("view", receiptView(block, txs.get(i), block.receipts().get(i)));
            }
        }
        transferQueries = json.putArray("transferQueries");
        rawQueries = json.putArray("rawQueries");
    }

    /**
     * Expectations for an endpoint whose head is the last of {@code blocks} (consecutive, lowest
     * first): each block and each receipt is checked, and the log queries added later span them
     * all.
     */
    public static ViemExpectations of(List<FullBlock> blocks) {
        return new ViemExpectations(blocks);
    }

    /**
     * A {@code getLogs} with viem's Transfer ABI item at {@code token}, from {@code sender} if not
     * null.
     */
    public ViemExpectations transfers(Address token, Address sender) {
        ArrayNode expected = transfers(blocks, token, sender);
        requireSome(
                expected,
                "Transfer events of " + token + (sender == null ? "" : " from " + sender));
        ObjectNode q = transferQueries.addObject();
        q.put("address", token.toHex());
        q.put("from", sender == null ? null : sender.toHex());
        q.put("fromBlock", Long.toString(from));
        q.put("toBlock", Long.toString(to));
        q.set("expected", expected);
        return this;
    }

    /**
     * A raw {@code eth_getLogs} over the whole range: any of {@code addresses} (all when empty),
     * and per topic position the allowed values (an empty list is a wildcard, written as {@code
     * null}). The answer is checked as the list of "block:logIndex" keys.
     */
    public ViemExpectations logs(List<Address> addresses, List<List<Hash>> topics) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        ObjectNode q = rawQueries.addObject();
        ObjectNode filter =
                q.putObject("filter")
                        .put("fromBlock", BruteForceLogs.quantity(from))
                        .put("toBlock", BruteForceLogs.quantity(to));
        if (!addresses.isEmpty()) {
            ArrayNode list = filter.putArray("address");
            addresses.forEach(a -> list.add(a.toHex()));
        }
        if (!topics.isEmpty()) {
            ArrayNode positions = filter.putArray("topics");
            for (List<Hash> position : topics) {
                if (position.isEmpty()) {
                    positions.addNull();
                } else {
                    ArrayNode values = positions.addArray();
                    position.forEach(t -> values.add(t.toHex()));
                }
            }
        }
        ArrayNode keys = factory.arrayNode();
        BruteForceLogs.select(blocks, from, to, addresses, topics)
                .forEach(
                        log ->
                                keys.add(
                                        number(log.get("blockNumber").asText())
                                                + ":"
                                                + number(log.get("logIndex").asText())));
        requireSome(keys, "logs of " + filter);
        q.set("expected", keys);
        return this;
    }

    /**
     * Adds the filter section: an event filter on {@code token}'s Transfer events, and a block
     * filter.
     */
    public ViemExpectations filter(Address token) {
        json.putObject("filter").put("address", token.toHex());
        return this;
    }

    /** Writes the expectations to {@code file} and returns it. */
    public Path writeTo(Path file) {
        return write(json, file);
    }

    /**
     * What the filters must report once {@code newBlocks} are stored (the "written" file): the
     * Transfer events of {@code token} in them, and their hashes.
     */
    public static Path writeNewBlocks(List<FullBlock> newBlocks, Address token, Path file) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode logs = transfers(newBlocks, token, null);
        requireSome(logs, "Transfer events of " + token + " in the new blocks");
        out.set("logs", logs);
        ArrayNode hashes = out.putArray("blockHashes");
        newBlocks.forEach(b -> hashes.add(b.hash().toHex()));
        return write(out, file);
    }

    /**
     * The Transfer events of {@code token} (from {@code sender}, if given), decoded as viem decodes
     * them.
     */
    static ArrayNode transfers(List<FullBlock> blocks, Address token, Address sender) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (FullBlock block : blocks) {
            int logIndex = 0;
            for (int tx = 0; tx < block.receipts().size(); tx++) {
                for (Log log : block.receipts().get(tx).logs()) {
                    if (isTransfer(log, token)
                            && (sender == null
                                    || log.topics().get(1).equals(Erc20.topic(sender)))) {
                        ObjectNode view = out.addObject();
                        view.put("blockNumber", Long.toString(block.number()));
                        view.put("logIndex", logIndex);
                        view.put(
                                "transactionHash",
                                block.body().transactions().get(tx).hash().toHex());
                        view.put("from", Erc20.address(log.topics().get(1)).toHex());
                        view.put("to", Erc20.address(log.topics().get(2)).toHex());
                        view.put("value", new BigInteger(1, log.unsafeData()).toString());
                    }
                    logIndex++;
                }
            }
        }
        return out;
    }

    /**
     * A log viem's {@code getLogs} with the Transfer ABI item asks for: {@code token}'s, Transfer
     * topic first.
     */
    private static boolean isTransfer(Log log, Address token) {
        return log.address().equals(token)
                && !log.topics().isEmpty()
                && log.topics().get(0).equals(Erc20.TRANSFER);
    }

    private static ObjectNode blockView(FullBlock block) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("number", Long.toString(block.number()));
        view.put("hash", block.hash().toHex());
        ArrayNode hashes = view.putArray("transactions");
        ArrayNode senders = view.putArray("senders");
        ArrayNode types = view.putArray("types");
        for (Transaction tx : block.body().transactions()) {
            hashes.add(tx.hash().toHex());
            senders.add(tx.sender().toHex());
            types.add("0x" + Integer.toHexString(tx.type()));
        }
        view.put("withdrawals", block.body().withdrawals().orElseThrow().size());
        view.put("logsBloom", Hex.prefixed(block.header().logsBloom().unsafeArray()));
        return view;
    }

    private static ObjectNode receiptView(FullBlock block, Transaction tx, Receipt receipt) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("blockNumber", Long.toString(block.number()));
        view.put("status", receipt.success() ? "success" : "reverted");
        view.put("from", tx.sender().toHex());
        Address to = tx.fields().to();
        view.put("to", to == null ? null : to.toHex());
        view.put("contractAddress", to == null ? created(tx.sender(), tx.fields().nonce()) : null);
        view.put("logs", receipt.logs().size());
        return view;
    }

    /**
     * keccak(rlp([sender, nonce]))[12:], the address a creation deploys to (yellow paper eq. 86).
     */
    private static String created(Address sender, long nonce) {
        RlpWriter w = new RlpWriter();
        int mark = w.startList();
        w.writeAddress(sender).writeLong(nonce);
        w.endList(mark);
        return Hex.prefixed(Arrays.copyOfRange(Keccak256.hash(w.toByteArray()), 12, 32));
    }

    private static long number(String quantity) {
        return Long.parseLong(quantity.substring(2), 16);
    }

    private static void requireSome(ArrayNode expected, String what) {
        if (expected.isEmpty()) {
            throw new IllegalArgumentException(
                    "the reference blocks hold no " + what + ": such a query checks nothing");
        }
    }

    private static Path write(ObjectNode json, Path file) {
        try {
            Files.writeString(file, json.toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
