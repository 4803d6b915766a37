package io.annals.cluster.read;

import io.annals.cluster.directory.Directory;
import io.annals.cluster.directory.DirectoryHolder;
import io.annals.cluster.directory.MemberCard;
import io.annals.cluster.directory.Route;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.store.BlockReceipts;
import io.annals.store.HistoryReader;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import io.annals.store.TransactionLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The whole cluster's history, read from any host: what the JSON-RPC history methods read here, so
 * that every host answers every query as one node holding the whole chain would, byte for byte (the
 * same methods render the same blocks). A block is read from the host that holds it, by the {@link
 * Directory} (its range's owner first; this host's store directly when that is this host): by
 * number one host, a log query cut by range and host and merged in order with the limits of one
 * store ({@link LogMerge}), a lookup by hash asked of every live host that holds blocks at once
 * (each answers from its own index; the first that knows the hash answers). Every remote read is
 * bounded by {@code read-timeout}; a block held only by hosts that do not answer is a clear,
 * temporary error ({@link ClusterErrors}), never "not found".
 *
 * <p>Why every host for a hash, and not a cluster-wide index: the store's hash index is the
 * transaction table itself (8 bytes of hash and the block number per transaction, billions on
 * mainnet); a second, cluster-wide copy would double it and put a remote write on every block's
 * path. Asking every holder costs one round trip in parallel per lookup (figures in
 * docs/benchmarks.md, "Cluster").
 */
public final class ClusterHistory implements HistoryReader {
    /** How often a read of a moving block looks at the directory again. */
    private static final long HOLDER_POLL_MILLIS = 50;

    private final HistoryReader local;
    private final DirectoryHolder directory;
    private final ReaderRoster.Readers readers;
    private final Scheduler scheduler;
    private final Duration timeout;

    public ClusterHistory(
            HistoryReader local,
            DirectoryHolder directory,
            ReaderRoster.Readers readers,
            Scheduler scheduler,
            Duration timeout) {
        this.local = local;
        this.directory = directory;
        this.readers = readers;
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    @Override
    public long startBlock() {
        return local.startBlock();
    }

    @Override
    public OptionalLong contiguousHead() {
        return directory.get().head();
    }

    @Override
    public OptionalLong earliestBlock() {
        return directory.get().earliest();
    }

    @Override
    public List<BlockRange> missingIn(long from, long to) {
        if (to < from) {
            return List.of();
        }
        return believed(BlockRange.of(from, to), seen -> missingAsRouted(from, to, seen));
    }

    private Optional<List<BlockRange>> missingAsRouted(long from, long to, Directory seen) {
        List<BlockRange> missing = new ArrayList<>();
        for (Route route : seen.route(BlockRange.of(from, to))) {
            if (route instanceof Route.Missing gap) {
                missing.add(gap.blocks());
            } else if (route instanceof Route.Unreachable gone) {
                throw ClusterErrors.unreachable(gone.blocks(), gone.member(), "is unreachable");
            } else {
                Route.Member at = (Route.Member) route;
                List<BlockRange> there =
                        read(
                                at,
                                store -> store.missingIn(at.blocks().first(), at.blocks().last()),
                                new ReadRequest.MissingIn(at.blocks().first(), at.blocks().last()),
                                reply -> ((ReadReply.Missing) reply).missing());
                if (lacksPublished(seen, at, there)) {
                    return Optional.empty();
                }
                missing.addAll(there);
            }
        }
        return Optional.of(joined(missing));
    }

    /** Whether the host {@code at} routes to lacks blocks it published in {@code seen}. */
    private static boolean lacksPublished(
            Directory seen, Route.Member at, List<BlockRange> lacked) {
        return lacked.stream().anyMatch(run -> seen.publishedAny(at.member(), run));
    }

    @Override
    public Optional<BlockHeader> header(long number) {
        return byNumber(
                number,
                store -> store.header(number),
                new ReadRequest.HeaderAt(number),
                reply -> ((ReadReply.Bytes) reply).bytes().map(BlockHeader::decode));
    }

    @Override
    public Optional<Hash> canonicalHash(long number) {
        return byNumber(
                number,
                store -> store.canonicalHash(number),
                new ReadRequest.HashAt(number),
                reply -> ((ReadReply.OneHash) reply).hash());
    }

    @Override
    public Optional<byte[]> bodyRlp(long number) {
        return byNumber(
                number,
                store -> store.bodyRlp(number),
                new ReadRequest.BodyAt(number),
                reply -> ((ReadReply.Bytes) reply).bytes());
    }

    @Override
    public Optional<List<Hash>> transactionHashes(long number) {
        return byNumber(
                number,
                store -> store.transactionHashes(number),
                new ReadRequest.TransactionHashesAt(number),
                reply -> ((ReadReply.Hashes) reply).hashes());
    }

    @Override
    public Optional<BlockReceipts> receipts(long number) {
        return byNumber(
                number,
                store -> store.receipts(number),
                new ReadRequest.ReceiptsAt(number),
                reply -> ((ReadReply.Receipts) reply).receipts());
    }

    @Override
    public OptionalLong blockNumber(Hash hash) {
        Optional<Long> found =
                byHash(
                        store -> {
                            OptionalLong n = store.blockNumber(hash);
                            return n.isPresent() ? Optional.of(n.getAsLong()) : Optional.empty();
                        },
                        new ReadRequest.NumberOf(hash),
                        reply -> {
                            OptionalLong n = ((ReadReply.Number) reply).number();
                            return n.isPresent() ? Optional.of(n.getAsLong()) : Optional.empty();
                        });
        return found.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public Optional<TransactionLocation> transaction(Hash hash) {
        return byHash(
                store -> store.transaction(hash),
                new ReadRequest.TransactionByHash(hash),
                reply -> ((ReadReply.Transaction) reply).location());
    }

    @Override
    public LogQueryResult logs(LogQuery query) {
        if (query.toBlock() < query.fromBlock()) {
            return new LogQueryResult.Complete(List.of());
        }
        return believed(
                BlockRange.of(query.fromBlock(), query.toBlock()),
                seen -> logsAsRouted(query, seen));
    }

    /**
     * The answer of {@code attempt} by the current directory; when it finds a host lacking blocks
     * it published (empty), asked again by each newer directory within the read timeout (see
     * byNumber), and else the temporary error for {@code blocks}.
     */
    private <T> T believed(BlockRange blocks, Function<Directory, Optional<T>> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Directory seen = directory.get();
        while (true) {
            Optional<T> answer = attempt.apply(seen);
            if (answer.isPresent()) {
                return answer.get();
            }
            seen = awaitNewer(seen, deadline);
            if (seen == null) {
                throw ClusterErrors.moving(blocks);
            }
        }
    }

    /**
     * The query cut by {@code seen}'s routes, asked and merged; empty when a host answered that it
     * lacks blocks {@code seen} says it published.
     */
    private Optional<LogQueryResult> logsAsRouted(LogQuery query, Directory seen) {
        List<Route> routes = seen.route(BlockRange.of(query.fromBlock(), query.toBlock()));
        List<CompletableFuture<LogMerge.Piece>> answers = new ArrayList<>();
        for (Route route : routes) {
            if (route instanceof Route.Missing gap) {
                answers.add(CompletableFuture.completedFuture(new LogMerge.Absent(gap.blocks())));
            } else if (route instanceof Route.Unreachable gone) {
                throw ClusterErrors.unreachable(gone.blocks(), gone.member(), "is unreachable");
            } else {
                Route.Member at = (Route.Member) route;
                LogQuery piece =
                        new LogQuery(
                                at.blocks().first(),
                                at.blocks().last(),
                                query.addresses(),
                                query.topics(),
                                query.maxResults());
                answers.add(
                        readAsync(
                                        at,
                                        store -> store.logs(piece),
                                        new ReadRequest.Logs(piece),
                                        reply -> ((ReadReply.Logs) reply).result())
                                .thenApply(result -> new LogMerge.Held(at.blocks(), result)));
            }
        }
        List<LogMerge.Piece> pieces = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            Route route = routes.get(i);
            LogMerge.Piece piece = await(answers.get(i), route);
            if (piece instanceof LogMerge.Held held
                    && held.result() instanceof LogQueryResult.Unavailable unavailable
                    && lacksPublished(seen, (Route.Member) route, unavailable.missing())) {
                return Optional.empty();
            }
            pieces.add(piece);
        }
        return Optional.of(LogMerge.merge(pieces, query.maxResults()));
    }

    // ---- routing

    private <T> Optional<T> byNumber(
            long number,
            Function<HistoryReader, Optional<T>> localRead,
            ReadRequest request,
            Function<ReadReply, Optional<T>> decode) {
        if (number < 0) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Directory seen = directory.get();
        Route route = seen.route(number);
        while (true) {
            if (route instanceof Route.Missing) {
                route = awaitHolder(number);
                if (route instanceof Route.Missing) {
                    return Optional.empty();
                }
                seen = directory.get();
            }
            if (route instanceof Route.Unreachable gone) {
                throw ClusterErrors.unreachable(gone.blocks(), gone.member(), "is unreachable");
            }
            Route.Member at = (Route.Member) route;
            Optional<T> answer = read(at, localRead, request, decode);
            if (answer.isPresent() || !seen.publishedHolding(at.member(), number)) {
                return answer;
            }
            // The host published the block and no longer has it: it handed its range over and
            // dropped the block once the new owner held it, before this host's directory learnt
            // of either change. Ask again when the directory has moved on.
            seen = awaitNewer(seen, deadline);
            if (seen == null) {
                throw ClusterErrors.moving(BlockRange.single(number));
            }
            route = seen.route(number);
        }
    }

    /** A directory newer than {@code seen}, or null if none came by the deadline. */
    private Directory awaitNewer(Directory seen, long deadlineNanos) {
        Directory now = directory.get();
        while (now == seen && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(HOLDER_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            now = directory.get();
        }
        return now == seen ? null : now;
    }

    /**
     * A sealed block nobody holds in this host's view is moving: a host that left handed it over,
     * and the new holder's holdings have not reached this host's directory yet (distributed data
     * gossips them within a publish interval or two). Waits for the directory to name a holder,
     * within the read timeout, rather than answer "no such block" for a block the cluster has; a
     * block past the sealed ones, or with no holder by then, is what it is: missing, or an error
     * saying it is on its way.
     */
    private Route awaitHolder(long number) {
        Directory current = directory.get();
        if (current.tip().isEmpty() || number > current.tip().get().sealedThrough()) {
            return current.route(number);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Route route = current.route(number);
        while (route instanceof Route.Missing && System.nanoTime() < deadline) {
            try {
                Thread.sleep(HOLDER_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            route = directory.get().route(number);
        }
        if (route instanceof Route.Missing missing) {
            throw ClusterErrors.moving(missing.blocks());
        }
        return route;
    }

    /**
     * Asks every live holder at once; the first answer that knows the hash wins (this host's store
     * is asked first and directly). Answers "not found" only when every holder answered.
     */
    private <T> Optional<T> byHash(
            Function<HistoryReader, Optional<T>> localRead,
            ReadRequest request,
            Function<ReadReply, Optional<T>> decode) {
        Optional<T> here = localRead.apply(local);
        if (here.isPresent()) {
            return here;
        }
        Directory current = directory.get();
        List<String> others =
                current.liveHolders().stream().filter(m -> !m.equals(current.self())).toList();
        List<CompletableFuture<Optional<T>>> asked = new ArrayList<>();
        for (String member : others) {
            asked.add(
                    ask(current, member, request).thenApply(decode).exceptionally(failure -> null));
        }
        String silent = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < asked.size(); i++) {
            Optional<T> answer = awaitQuietly(asked.get(i), deadline);
            if (answer == null) {
                silent = silent == null ? others.get(i) : silent;
            } else if (answer.isPresent()) {
                return answer;
            }
        }
        if (silent != null) {
            throw ClusterErrors.lookupIncomplete(silent);
        }
        if (!current.unreachableHolders().isEmpty()) {
            throw ClusterErrors.lookupIncomplete(current.unreachableHolders().get(0));
        }
        return Optional.empty();
    }

    private <T> T read(
            Route.Member at,
            Function<HistoryReader, T> localRead,
            ReadRequest request,
            Function<ReadReply, T> decode) {
        return await(readAsync(at, localRead, request, decode), at);
    }

    private <T> CompletableFuture<T> readAsync(
            Route.Member at,
            Function<HistoryReader, T> localRead,
            ReadRequest request,
            Function<ReadReply, T> decode) {
        Directory current = directory.get();
        if (at.member().equals(current.self())) {
            try {
                return CompletableFuture.completedFuture(localRead.apply(local));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return ask(current, at.member(), request).thenApply(decode);
    }

    private CompletableFuture<ReadReply> ask(
            Directory current, String member, ReadRequest request) {
        MemberCard card = current.members().get(member);
        Optional<ActorRef<ReadService.Command>> reader =
                card == null
                        ? Optional.empty()
                        : readers.at(AddressFromURIString.parse(card.address()));
        if (reader.isEmpty()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("no read service of member " + member + " known"));
        }
        return AskPattern.<ReadService.Command, ReadReply>ask(
                        reader.get(),
                        replyTo -> new ReadService.Read(request, replyTo),
                        timeout,
                        scheduler)
                .toCompletableFuture()
                .thenApply(
                        reply -> {
                            if (reply instanceof ReadReply.Failed failed) {
                                throw new IllegalStateException(failed.reason());
                            }
                            return reply;
                        });
    }

    private <T> T await(CompletableFuture<T> answer, Route route) {
        try {
            return answer.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClusterErrors.unreachable(route.blocks(), memberOf(route), "was interrupted");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof RuntimeException runtime
                    && memberOf(route).equals(directory.get().self())) {
                throw runtime; // this host's own store failed: that is not a cluster matter
            }
            throw ClusterErrors.unreachable(
                    route.blocks(),
                    memberOf(route),
                    "did not answer within " + timeout.toMillis() + " ms");
        }
    }

    private static <T> T awaitQuietly(CompletableFuture<T> answer, long deadlineNanos) {
        try {
            long left = Math.max(0, deadlineNanos - System.nanoTime());
            return answer.get(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private static String memberOf(Route route) {
        if (route instanceof Route.Member m) {
            return m.member();
        }
        if (route instanceof Route.Unreachable u) {
            return u.member();
        }
        return "-";
    }

    private static List<BlockRange> joined(List<BlockRange> runs) {
        List<BlockRange> out = new ArrayList<>();
        for (BlockRange run : runs) {
            if (!out.isEmpty() && out.get(out.size() - 1).last() + 1 >= run.first()) {
                BlockRange last = out.remove(out.size() - 1);
                out.add(BlockRange.of(last.first(), Math.max(last.last(), run.last())));
            } else {
                out.add(run);
            }
        }
        return out;
    }
}
