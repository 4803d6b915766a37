package io.annals.sync.chain;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.sync.link.Fetched;
import io.annals.sync.link.PeerLink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Walks a chain back from one block hash, by parent hash, asking peers for headers in reverse
 * ({@code GetBlockHeaders} by hash, reverse). Every header is checked to be the parent of the one
 * above it, so what the walk returns is the chain below that hash whichever peer served it: a peer
 * that answers nothing, fails, or answers headers that do not link is passed over for the next one.
 * The state lives in the future chain, whose stages run one after another; no actor is touched.
 */
final class HeaderWalk {

    /** Headers asked per request: one round trip covers the rollback window. */
    static final int CHUNK = 128;

    private final List<PeerLink> links;
    private final long lowest;
    private final Duration timeout;
    private final Function<List<BlockHeader>, CompletableFuture<Boolean>> stopAfter;
    private final List<BlockHeader> headers = new ArrayList<>();

    private HeaderWalk(
            List<PeerLink> links,
            long lowest,
            Duration timeout,
            Function<List<BlockHeader>, CompletableFuture<Boolean>> stopAfter) {
        this.links = List.copyOf(links);
        this.lowest = lowest;
        this.timeout = timeout;
        this.stopAfter = stopAfter;
    }

    /**
     * The headers from block {@code number} (hash {@code from}) down to {@code lowest}, descending,
     * or fewer when {@code stopAfter} says so after a chunk, or when no peer serves further.
     */
    static CompletableFuture<List<BlockHeader>> down(
            List<PeerLink> links,
            Hash from,
            long number,
            long lowest,
            Duration timeout,
            Function<List<BlockHeader>, CompletableFuture<Boolean>> stopAfter) {
        HeaderWalk walk = new HeaderWalk(links, lowest, timeout, stopAfter);
        return walk.next(from, number, 0).thenApply(done -> List.copyOf(walk.headers));
    }

    private CompletableFuture<Void> next(Hash hash, long number, int link) {
        if (number < lowest || link >= links.size()) {
            return CompletableFuture.completedFuture(null);
        }
        int count = (int) Math.min(CHUNK, number - lowest + 1);
        CompletableFuture<Fetched<BlockHeader>> answer;
        try {
            answer =
                    links.get(link)
                            .headersBack(hash, count)
                            .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle(
                        (fetched, failure) -> {
                            List<BlockHeader> chunk =
                                    failure == null
                                            ? linked(fetched.items(), hash, number)
                                            : List.of();
                            if (chunk.isEmpty()) {
                                return next(hash, number, link + 1);
                            }
                            headers.addAll(chunk);
                            BlockHeader last = chunk.get(chunk.size() - 1);
                            return stopAfter
                                    .apply(chunk)
                                    .thenCompose(
                                            stop ->
                                                    stop
                                                            ? CompletableFuture
                                                                    .<Void>completedFuture(null)
                                                            : next(
                                                                    last.parentHash(),
                                                                    last.number() - 1,
                                                                    link));
                        })
                .thenCompose(step -> step);
    }

    /**
     * The prefix of {@code answer} that is block {@code number} with this hash and its ancestors in
     * order.
     */
    static List<BlockHeader> linked(List<BlockHeader> answer, Hash hash, long number) {
        List<BlockHeader> out = new ArrayList<>(answer.size());
        Hash expected = hash;
        long expectedNumber = number;
        for (BlockHeader header : answer) {
            if (header.number() != expectedNumber || !header.hash().equals(expected)) {
                break;
            }
            out.add(header);
            expected = header.parentHash();
            expectedNumber--;
        }
        return out;
    }
}
