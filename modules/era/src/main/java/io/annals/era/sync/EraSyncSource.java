package io.annals.era.sync;

import io.annals.core.chain.ChainSpec;
import io.annals.core.era.EpochAccumulator;
import io.annals.core.era.EraFormatException;
import io.annals.core.era.EraKind;
import io.annals.core.era.ReceiptForm;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.era.importer.ImportSettings;
import io.annals.era.source.EraListing;
import io.annals.era.source.EraSource;
import io.annals.sync.link.Fetched;
import io.annals.sync.link.PeerLink;
import io.annals.sync.link.RangeHint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Era files as a source for sync ({@code annals.history.era-sources}): a {@link PeerLink} that the
 * sync engine runs like a peer, marked as a fallback source, so the scheduler hands it only the
 * blocks no connected peer serves (history below every peer's earliest block, as EIP-4444 leaves
 * mainnet's pre-merge blocks) and blocks that escalated after failing at peers.
 *
 * <p>It announces the range its files cover. A file is fetched (downloaded, for a mirror) and
 * verified in full ({@link EpochFiles}: links, roots, total difficulty, the accumulator against the
 * chain's known roots) before any block of it is served; a refused file serves nothing, and its
 * blocks stay waiting, which the stall report shows. Everything served is then checked again as
 * blocks from peers are (bodies and receipts against their headers at the peer actor, links at the
 * writer). All requests run one at a time on one thread of its own; futures complete there.
 */
public final class EraSyncSource implements PeerLink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EraSyncSource.class);

    /** Hashes of served headers kept to answer body, receipt and by-hash requests. */
    private static final int KNOWN_HASHES = 1 << 16;

    private final String id;
    private final NavigableMap<Long, EraListing> byEpoch;
    private final EpochFiles files;
    private final ExecutorService thread;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<Hash, Long> numbers =
            Collections.synchronizedMap(
                    new LinkedHashMap<>(KNOWN_HASHES, 0.75f, true) {
                        private static final long serialVersionUID = 1L;

                        @Override
                        protected boolean removeEldestEntry(Map.Entry<Hash, Long> eldest) {
                            return size() > KNOWN_HASHES;
                        }
                    });
    private final RangeHint hint;

    private EraSyncSource(
            String id, NavigableMap<Long, EraListing> byEpoch, EpochFiles files, RangeHint hint) {
        this.id = id;
        this.byEpoch = byEpoch;
        this.files = files;
        this.hint = hint;
        this.thread =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "era-sync-source");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Lists the sources (blocking: call it off the actors' threads) and returns the source of the
     * epochs they hold, the first source's file of an epoch winning (era1 before eraE).
     *
     * @throws IOException when a source cannot be listed
     */
    public static EraSyncSource open(
            List<EraSource> sources, ChainSpec chain, ImportSettings settings) throws IOException {
        NavigableMap<Long, EraListing> byEpoch = new TreeMap<>();
        Map<EraListing, EraSource> origin = new java.util.HashMap<>();
        for (EraSource source : sources) {
            List<EraListing> listings = new ArrayList<>(source.list());
            listings.sort(
                    Comparator.comparing(
                            (EraListing l) -> l.name().kind() == EraKind.ERA1 ? 0 : 1));
            for (EraListing listing : listings) {
                if (listing.name().network().equals(chain.name())) {
                    if (byEpoch.putIfAbsent(listing.name().epoch(), listing) == null) {
                        origin.put(listing, source);
                    }
                }
            }
        }
        String name =
                "era:"
                        + (sources.isEmpty() ? "none" : sources.get(0).describe())
                        + (sources.size() > 1 ? "+" + (sources.size() - 1) : "");
        EpochFiles files = new EpochFiles(origin, chain, settings);
        RangeHint hint;
        if (byEpoch.isEmpty()) {
            LOG.warn("the era sources hold no file of {}: they serve nothing", chain.name());
            hint = new RangeHint(1, OptionalLong.of(0), chain.genesisHash());
        } else {
            // the head it announces is the last block of its last file, with that block's hash
            BlockHeader last = files.lastHeader(byEpoch.lastEntry().getValue());
            long first = byEpoch.firstKey() * EpochAccumulator.EPOCH_SIZE;
            hint = new RangeHint(first, OptionalLong.of(last.number()), last.hash());
            LOG.info(
                    "era sources {}: {} files of {}, epochs {}..{}, blocks {}..{}",
                    name,
                    byEpoch.size(),
                    chain.name(),
                    byEpoch.firstKey(),
                    byEpoch.lastKey(),
                    first,
                    last.number());
        }
        return new EraSyncSource(name, byEpoch, files, hint);
    }

    @Override
    public boolean isFallbackSource() {
        return true;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RangeHint hint() {
        return hint;
    }

    @Override
    public void onHintChanged(Consumer<RangeHint> listener) {
        // the files do not change while the node runs
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headers(long from, int count) {
        return on(
                () -> {
                    List<BlockHeader> out = new ArrayList<>();
                    long bytes = 0;
                    for (long n = from; n < from + count; n++) {
                        EpochFiles.Open file = fileOf(n);
                        if (file == null) {
                            break;
                        }
                        byte[] raw = file.era().header((int) (n - file.era().startBlock()));
                        BlockHeader header = BlockHeader.decode(raw);
                        numbers.put(header.hash(), n);
                        out.add(header);
                        bytes += raw.length;
                    }
                    return new Fetched<>(out, bytes);
                });
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> header(Hash hash) {
        return on(
                () -> {
                    Long number = numbers.get(hash);
                    EpochFiles.Open file = number == null ? null : fileOf(number);
                    if (file == null) {
                        return new Fetched<>(List.of(), 0);
                    }
                    byte[] raw = file.era().header((int) (number - file.era().startBlock()));
                    return new Fetched<>(List.of(BlockHeader.decode(raw)), raw.length);
                });
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headersBack(Hash from, int count) {
        return on(
                () -> {
                    Long top = numbers.get(from);
                    List<BlockHeader> out = new ArrayList<>();
                    long bytes = 0;
                    for (long n = top == null ? -1 : top; n >= 0 && out.size() < count; n--) {
                        EpochFiles.Open file = fileOf(n);
                        if (file == null) {
                            break;
                        }
                        byte[] raw = file.era().header((int) (n - file.era().startBlock()));
                        BlockHeader header = BlockHeader.decode(raw);
                        numbers.put(header.hash(), n);
                        out.add(header);
                        bytes += raw.length;
                    }
                    return new Fetched<>(out, bytes);
                });
    }

    @Override
    public CompletableFuture<Fetched<BlockBody>> bodies(List<Hash> hashes) {
        return on(
                () -> {
                    List<BlockBody> out = new ArrayList<>();
                    long bytes = 0;
                    for (Hash hash : hashes) {
                        Long number = numbers.get(hash);
                        EpochFiles.Open file = number == null ? null : fileOf(number);
                        if (file == null) {
                            break;
                        }
                        byte[] raw = file.era().body((int) (number - file.era().startBlock()));
                        out.add(BlockBody.decode(raw));
                        bytes += raw.length;
                    }
                    return new Fetched<>(out, bytes);
                });
    }

    @Override
    public CompletableFuture<Fetched<List<Receipt>>> receipts(List<BlockHeader> headers) {
        return on(
                () -> {
                    List<List<Receipt>> out = new ArrayList<>();
                    long bytes = 0;
                    for (BlockHeader header : headers) {
                        EpochFiles.Open file = fileOf(header.number());
                        if (file == null) {
                            break;
                        }
                        byte[] raw =
                                file.era()
                                        .receipts(
                                                (int) (header.number() - file.era().startBlock()));
                        out.add(
                                file.era().receiptForm().orElseThrow() == ReceiptForm.FULL
                                        ? Receipts.decodeEth68List(raw)
                                        : Receipts.decodeEth69List(raw));
                        bytes += raw.length;
                    }
                    return new Fetched<>(out, bytes);
                });
    }

    /** The verified file holding block {@code number}, or null when no usable file does. */
    private EpochFiles.Open fileOf(long number) {
        EraListing listing = byEpoch.get(number / EpochAccumulator.EPOCH_SIZE);
        if (listing == null) {
            return null;
        }
        EpochFiles.Open file = files.open(listing);
        return file != null && number <= file.era().lastBlock() ? file : null;
    }

    private <T> CompletableFuture<T> on(Supplier<T> request) {
        if (closed.isDone()) {
            return CompletableFuture.failedFuture(new IllegalStateException(id + " is closed"));
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return request.get();
                    } catch (UncheckedIOException | EraFormatException e) {
                        LOG.warn("{}: {}", id, e.getMessage());
                        throw e;
                    }
                },
                thread);
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public boolean isDisconnect(Throwable failure) {
        return closed.isDone();
    }

    @Override
    public void disconnect(String reason) {
        LOG.warn("{} stops serving: {}", id, reason);
        close();
    }

    @Override
    public void close() {
        if (closed.complete(null)) {
            thread.execute(files::close);
            thread.shutdown();
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
