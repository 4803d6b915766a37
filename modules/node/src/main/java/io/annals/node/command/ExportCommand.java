package io.annals.node.command;

import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.node.ExitCodes;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code annals export FILE}: a range of blocks in the format of {@code geth export}, which {@code
 * geth import} and other clients read: the blocks' RLP one after another, each {@code [header,
 * transactions, uncles]} with {@code withdrawals} appended from Shanghai on (go-ethereum's block
 * encoding, core/types/block.go {@code extblock}; cmd/utils ExportChain writes them in order, and
 * gzips when the file name ends in {@code .gz}). The stored header and body bytes are written as
 * received, so each block's hash is the one its peers served. Receipts are not part of the format.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Write blocks as concatenated RLP (geth export format; .gz compresses).")
public final class ExportCommand implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write (.gz: gzip).")
    Path file;

    @Option(
            names = "--from",
            paramLabel = "N",
            description = "First block (default: the start block).")
    Long from;

    @Option(
            names = "--to",
            paramLabel = "N",
            description = "Last block (default: the contiguous head).")
    Long to;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (HistoryStore opened = store.open()) {
            long first = from != null ? from : opened.startBlock();
            long last =
                    to != null
                            ? to
                            : opened.contiguousHead()
                                    .orElseThrow(
                                            () ->
                                                    new IllegalArgumentException(
                                                            "the store holds no block from its start block on; give --from and --to"));
            if (last < first) {
                throw new IllegalArgumentException("--to " + last + " is below --from " + first);
            }
            List<BlockRange> missing = opened.missingIn(first, last);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        "blocks " + missing.get(0) + " are not stored; nothing written");
            }
            Path temporary = file.resolveSibling(file.getFileName() + ".partial");
            try (OutputStream out = open(temporary)) {
                for (long n = first; n <= last; n++) {
                    out.write(block(opened, n));
                }
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "exported blocks %d..%d (%,d blocks) to %s%n",
                            first, last, last - first + 1, file);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    private OutputStream open(Path path) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20);
        return path.getFileName().toString().endsWith(".gz.partial")
                ? new GZIPOutputStream(out, 1 << 16)
                : out;
    }

    /** {@code rlp([header, transactions, uncles(, withdrawals)])} from the stored bytes. */
    static byte[] block(HistoryStore store, long number) {
        byte[] header = store.header(number).orElseThrow(() -> gone(number)).encoding();
        byte[] body = store.bodyRlp(number).orElseThrow(() -> gone(number));
        RlpWriter w = new RlpWriter(header.length + body.length + 8);
        int list = w.startList();
        w.writeRaw(header);
        RlpReader parts = RlpReader.list(body);
        while (parts.hasNext()) {
            w.writeRaw(parts.readRawSlice());
        }
        return w.endList(list).toByteArray();
    }

    private static UncheckedIOException gone(long number) {
        return new UncheckedIOException(
                new IOException("block " + number + " disappeared while exporting"));
    }
}
