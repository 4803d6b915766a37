package io.annals.era.export;

import io.annals.core.chain.ChainSpec;
import io.annals.core.era.EpochAccumulator;
import io.annals.core.era.Era1Writer;
import io.annals.core.era.EraEWriter;
import io.annals.core.era.EraFileName;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipts;
import io.annals.core.util.Hex;
import io.annals.era.source.Checksums;
import io.annals.store.HistoryStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes stored history as the era files other clients import: per 8,192-block epoch an era1 file
 * of its pre-merge blocks, and an eraE file of every epoch that holds post-merge blocks (the
 * merge's epoch gets both, as mainnet's published era1 file of epoch 1896 stops at the last
 * proof-of-work block), then a {@code checksums.txt} (SHA-256, {@code sha256sum} format) listing
 * them. Files are written under a temporary name and renamed once complete, so a directory never
 * holds half a file under an era name.
 *
 * <p>Total difficulty is not stored; it is summed from the stored headers, so exporting pre-merge
 * blocks needs the store to hold every header from genesis.
 */
public final class EraExporter {
    private final HistoryStore store;
    private final ChainSpec chain;

    public EraExporter(HistoryStore store, ChainSpec chain) {
        this.store = store;
        this.chain = chain;
    }

    /** One file written. */
    public record Exported(String fileName, long firstBlock, long lastBlock, String sha256) {}

    /**
     * Exports blocks {@code from..to}.
     *
     * @throws IllegalArgumentException when {@code from} is not the first block of an epoch, or a
     *     block of the range (or, for pre-merge blocks, below it) is not stored
     */
    public List<Exported> export(long from, long to, Path outDir) throws IOException {
        checkRange(from, to);
        if (!store.missingIn(from, to).isEmpty()) {
            throw new IllegalArgumentException(
                    "blocks "
                            + store.missingIn(from, to).get(0)
                            + " are not stored: nothing to export there");
        }
        return write(from, to, outDir);
    }

    /**
     * @throws IllegalArgumentException when {@code from} is not the first block of an epoch or
     *     {@code to} is below it
     */
    public static void checkRange(long from, long to) {
        if (from < 0 || from % EpochAccumulator.EPOCH_SIZE != 0) {
            throw new IllegalArgumentException(
                    "--from must be the first block of an epoch (a multiple of 8192): era files"
                            + " start there, and their names say which epoch; "
                            + from
                            + " is not");
        }
        if (to < from) {
            throw new IllegalArgumentException("--to " + to + " is below --from " + from);
        }
    }

    private List<Exported> write(long from, long to, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        long firstPos = chain.merge().map(m -> m.firstBlock()).orElse(Long.MAX_VALUE);
        BigInteger td = from < firstPos ? totalDifficultyBelow(from) : null;
        List<Exported> out = new ArrayList<>();
        for (long start = from; start <= to; start += EpochAccumulator.EPOCH_SIZE) {
            long end = Math.min(to, start + EpochAccumulator.EPOCH_SIZE - 1);
            long epoch = start / EpochAccumulator.EPOCH_SIZE;
            int count = (int) (end - start + 1);
            BigInteger[] tds = new BigInteger[count];
            for (int i = 0; i < count && start + i < firstPos; i++) {
                td = td.add(StoredEpoch.header(store, start + i).difficulty());
                tds[i] = td;
            }
            long lastPreMerge = Math.min(end, firstPos - 1);
            if (lastPreMerge >= start) {
                out.add(era1(epoch, start, lastPreMerge, tds, outDir));
            }
            if (end >= firstPos) {
                out.add(eraE(epoch, start, count, tds, outDir));
            }
        }
        writeChecksums(outDir, out);
        return out;
    }

    private Exported era1(long epoch, long start, long end, BigInteger[] tds, Path dir)
            throws IOException {
        Path temporary = dir.resolve(chain.name() + "-" + epoch + ".era1.tmp");
        MessageDigest sha = sha256();
        Hash root;
        try (OutputStream file = Files.newOutputStream(temporary);
                OutputStream out =
                        new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha)) {
            Era1Writer writer = new Era1Writer(out);
            for (long n = start; n <= end; n++) {
                BlockHeader header = StoredEpoch.header(store, n);
                writer.add(
                        n,
                        header.encoding(),
                        header.hash(),
                        StoredEpoch.body(store, n),
                        Receipts.encodeEth68List(StoredEpoch.receipts(store, n)),
                        tds[(int) (n - start)]);
            }
            root = writer.finish();
        }
        return finish(temporary, EraFileName.era1(chain.name(), epoch, root), start, end, sha);
    }

    private Exported eraE(long epoch, long start, int count, BigInteger[] tds, Path dir)
            throws IOException {
        Path temporary = dir.resolve(chain.name() + "-" + epoch + ".ere.tmp");
        MessageDigest sha = sha256();
        EraEWriter.Written written;
        try (OutputStream file = Files.newOutputStream(temporary);
                OutputStream out =
                        new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha)) {
            written = EraEWriter.write(out, new StoredEpoch(store, start, count, tds));
        }
        return finish(
                temporary,
                EraFileName.eraE(chain.name(), epoch, written.lastHash()),
                start,
                start + count - 1,
                sha);
    }

    private static Exported finish(
            Path temporary, EraFileName name, long first, long last, MessageDigest sha)
            throws IOException {
        Path target = temporary.resolveSibling(name.toString());
        Files.move(
                temporary,
                target,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return new Exported(name.toString(), first, last, Hex.encode(sha.digest()));
    }

    /** The total difficulty of block {@code from - 1}: the stored difficulties from genesis. */
    private BigInteger totalDifficultyBelow(long from) {
        if (from > 0 && (store.startBlock() > 0 || !store.missingIn(0, from - 1).isEmpty())) {
            throw new IllegalArgumentException(
                    "exporting pre-merge blocks from "
                            + from
                            + " needs every header from genesis (total difficulty is summed from"
                            + " them), and this store does not hold them all");
        }
        BigInteger td = BigInteger.ZERO;
        for (long n = 0; n < from; n++) {
            td = td.add(StoredEpoch.header(store, n).difficulty());
        }
        return td;
    }

    /**
     * Adds the written files to the directory's checksums.txt (replacing older lines of theirs).
     */
    private static void writeChecksums(Path dir, List<Exported> written) throws IOException {
        Path file = dir.resolve(Checksums.FILE_NAME);
        Map<String, String> lines =
                new TreeMap<>(
                        Files.isRegularFile(file)
                                ? Checksums.parse(Files.readString(file, StandardCharsets.UTF_8))
                                : Map.of());
        written.forEach(e -> lines.put(e.fileName(), e.sha256()));
        StringBuilder text = new StringBuilder();
        lines.forEach((name, sha) -> text.append(sha).append("  ").append(name).append('\n'));
        Path temporary = dir.resolve(Checksums.FILE_NAME + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(
                temporary,
                file,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
