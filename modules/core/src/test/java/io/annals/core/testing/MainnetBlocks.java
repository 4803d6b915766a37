package io.annals.core.testing;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.Hash;
import io.annals.core.util.Hex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Real mainnet blocks from public test vectors of the Portal Network (ethereum/portal-spec-tests
 * and status-im/nimbus-eth1, both MIT; see {@code mainnet/README.md} in the test resources for
 * files and commits).
 *
 * <p>Two source layouts are read. The "block data" files hold a header, a body and an eth/69
 * receipt list as plain RLP. The older Portal format (the hive file for block 7,000,000 and the
 * Frontier range) wraps them in SSZ: the body as a list of transaction encodings plus the RLP list
 * of ommers, the receipts as a list of consensus encodings. This class unwraps the SSZ with a few
 * lines of offset arithmetic and rebuilds the devp2p body; the root checks in the tests prove the
 * conversion exact.
 */
public final class MainnetBlocks {
    /**
     * Ten consecutive Frontier blocks, 1,000,001 to 1,000,010, with pre-Byzantium (state root)
     * receipts.
     */
    public static final List<MainnetBlock> FRONTIER_RANGE = frontierRange();

    /**
     * Block 1,000,010: eleven transactions, one log, receipts carrying post-transaction state
     * roots.
     */
    public static final MainnetBlock FRONTIER = FRONTIER_RANGE.get(FRONTIER_RANGE.size() - 1);

    /** Byzantium (pre-London): 38 legacy transactions, 26 of them without EIP-155. */
    public static final MainnetBlock BYZANTIUM =
            hive("byzantium", 7_000_000L, "mainnet/hive-7000000.yaml.gz");

    /**
     * London (pre-merge, proof of work), with one ommer. Hash: headers_with_proof/14764013.yaml.
     */
    public static final MainnetBlock LONDON =
            blockData(
                    "london",
                    14_764_013L,
                    "0x720704f3aa11c53cf344ea069db95cecb81ad7453c8f276b2a1062979611f09c");

    /** Shanghai (Capella), with 16 withdrawals. Hash: headers_with_proof/17062257.yaml. */
    public static final MainnetBlock SHANGHAI =
            blockData(
                    "shanghai",
                    17_062_257L,
                    "0x059771c1aa04d33c99edffbb19044a6189721f339775e46bcb1b1c60edbfe79b");

    /**
     * Cancun (Deneb), with blob and access-list transactions. Hash:
     * headers_with_proof/22162263.yaml.
     */
    public static final MainnetBlock CANCUN =
            blockData(
                    "cancun",
                    22_162_263L,
                    "0xfbf884a87d9b41c39363242970cea015afbc9b5ba6ab1ed34f407b2621987353");

    /** The first Prague (Electra) block. Hash: hive/success/22431084.yaml. */
    public static final MainnetBlock PRAGUE =
            blockData(
                    "prague",
                    22_431_084L,
                    "0x50c8cab760b2948349c590461b166773c45d8f4858cccf5a43025ab2960152e8");

    /** A later Prague block with EIP-7702 set-code transactions. No public hash: roots only. */
    public static final MainnetBlock PRAGUE_SET_CODE = blockData("prague", 22_869_878L, null);

    private MainnetBlocks() {}

    public static List<MainnetBlock> all() {
        return List.of(FRONTIER, BYZANTIUM, LONDON, SHANGHAI, CANCUN, PRAGUE, PRAGUE_SET_CODE);
    }

    private static MainnetBlock blockData(String era, long number, String hash) {
        Map<String, String> fields = new HashMap<>();
        for (String line : lines("mainnet/block-data-" + number + ".yaml.gz")) {
            int colon = line.indexOf(": 0x");
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2).trim());
            }
        }
        List<byte[]> receipts = new ArrayList<>();
        RlpReader list = RlpReader.list(Hex.decode(fields.get("receipts")));
        while (list.hasNext()) {
            receipts.add(list.readRaw());
        }
        return new MainnetBlock(
                era,
                number,
                hash == null ? null : Hash.fromHex(hash),
                Hex.decode(fields.get("header")),
                Hex.decode(fields.get("body")),
                MainnetBlock.ReceiptForm.ETH69,
                receipts);
    }

    private static MainnetBlock hive(String era, long number, String resource) {
        Map<Integer, byte[]> byKeyType = new HashMap<>();
        Hash hash = null;
        String key = null;
        for (String line : lines(resource)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("- content_key:")) {
                key = unquote(trimmed.substring("- content_key:".length()));
            } else if (trimmed.startsWith("content_value:") && key != null) {
                byte[] keyBytes = Hex.decode(key);
                byKeyType.put(
                        keyBytes[0] & 0xff,
                        Hex.decode(unquote(trimmed.substring("content_value:".length()))));
                if (keyBytes[0] == 0) {
                    hash = Hash.wrap(Arrays.copyOfRange(keyBytes, 1, 33));
                }
            }
        }
        byte[] headerWithProof = byKeyType.get(0x00);
        byte[] header =
                Arrays.copyOfRange(
                        headerWithProof, u32(headerWithProof, 0), u32(headerWithProof, 4));
        return fromPortalSsz(era, number, hash, header, byKeyType.get(0x01), byKeyType.get(0x02));
    }

    /**
     * The nimbus-eth1 file: a JSON object from block hash to header RLP, SSZ body and SSZ receipts.
     */
    private static List<MainnetBlock> frontierRange() {
        ConfigObject blocks =
                ConfigFactory.parseString(
                                String.join(
                                        "\n", lines("mainnet/frontier-1000001-1000010.json.gz")),
                                ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON))
                        .root();
        List<MainnetBlock> out = new ArrayList<>();
        for (String hash : blocks.keySet()) {
            ConfigObject block = (ConfigObject) blocks.get(hash);
            out.add(
                    fromPortalSsz(
                            "frontier",
                            ((Number) block.get("number").unwrapped()).longValue(),
                            Hash.fromHex(hash),
                            Hex.decode((String) block.get("header").unwrapped()),
                            Hex.decode((String) block.get("body").unwrapped()),
                            Hex.decode((String) block.get("receipts").unwrapped())));
        }
        out.sort(Comparator.comparingLong(MainnetBlock::number));
        return List.copyOf(out);
    }

    private static MainnetBlock fromPortalSsz(
            String era, long number, Hash hash, byte[] header, byte[] sszBody, byte[] sszReceipts) {
        List<byte[]> transactions =
                sszByteLists(Arrays.copyOfRange(sszBody, u32(sszBody, 0), u32(sszBody, 4)));
        byte[] ommers = Arrays.copyOfRange(sszBody, u32(sszBody, 4), sszBody.length);
        RlpWriter body = new RlpWriter();
        int bodyMark = body.startList();
        int txMark = body.startList();
        for (byte[] tx : transactions) {
            if ((tx[0] & 0xff) >= 0xc0) {
                body.writeRaw(tx);
            } else {
                body.writeBytes(tx);
            }
        }
        body.endList(txMark);
        body.writeRaw(ommers);
        body.endList(bodyMark);
        return new MainnetBlock(
                era,
                number,
                hash,
                header,
                body.toByteArray(),
                MainnetBlock.ReceiptForm.CONSENSUS,
                sszByteLists(sszReceipts));
    }

    /**
     * An SSZ list of variable-size byte lists: a table of 4-byte little-endian offsets, then the
     * items.
     */
    private static List<byte[]> sszByteLists(byte[] ssz) {
        List<byte[]> out = new ArrayList<>();
        if (ssz.length == 0) {
            return out;
        }
        int count = u32(ssz, 0) / 4;
        for (int i = 0; i < count; i++) {
            int start = u32(ssz, 4 * i);
            int end = i + 1 < count ? u32(ssz, 4 * (i + 1)) : ssz.length;
            out.add(Arrays.copyOfRange(ssz, start, end));
        }
        return out;
    }

    private static int u32(byte[] b, int at) {
        return (b[at] & 0xff)
                | (b[at + 1] & 0xff) << 8
                | (b[at + 2] & 0xff) << 16
                | (b[at + 3] & 0xff) << 24;
    }

    private static String unquote(String s) {
        return s.trim().replace("\"", "");
    }

    private static List<String> lines(String resource) {
        try (InputStream raw = MainnetBlocks.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            try (BufferedReader r =
                    new BufferedReader(
                            new InputStreamReader(
                                    new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
                return r.lines().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
