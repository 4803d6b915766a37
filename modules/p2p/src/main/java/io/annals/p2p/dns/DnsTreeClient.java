package io.annals.p2p.dns;

import io.annals.p2p.enr.Enr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reads EIP-1459 trees (devp2p dnsdisc.md, "Client Protocol"): resolve the root, check its
 * signature against the list's key and that its seq is not below the last one seen, then walk the
 * node subtree and the link subtree, checking every entry against the hash it was fetched by and
 * never visiting a hash twice. Queries are spaced to at most {@code queriesPerSecond}, one walk
 * reads at most {@code maxEntries} entries, and entries already read are cached by hash (they are
 * content-addressed), so a re-sync of a tree whose seq moved fetches only what changed.
 *
 * <p>Runs on one single-threaded executor; the resolver's futures hop back onto it.
 */
public final class DnsTreeClient {
    /** What one sync of a tree found. {@code changed} is false when the root's seq did not move. */
    public record Sync(long seq, boolean changed, List<Enr> nodes, List<EnrTreeUrl> links) {}

    private final TxtResolver resolver;
    private final ScheduledExecutorService loop;
    private final LongSupplier clock;
    private final long spacingMillis;
    private final int maxEntries;
    private final Map<String, TreeEntry> cache;
    private long nextQueryAt;

    public DnsTreeClient(
            TxtResolver resolver,
            ScheduledExecutorService loop,
            LongSupplier clock,
            int queriesPerSecond,
            int maxEntries) {
        this.resolver = resolver;
        this.loop = loop;
        this.clock = clock;
        this.spacingMillis = Math.max(1, 1000 / queriesPerSecond);
        this.maxEntries = maxEntries;
        this.cache =
                new LinkedHashMap<>(256, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, TreeEntry> eldest) {
                        return size() > 4 * maxEntries;
                    }
                };
    }

    /**
     * Syncs one tree; {@code lastSeq} is the seq of the previous sync (-1 for none). Fails with
     * {@link DnsTreeException} when the root is missing, malformed, badly signed or older.
     */
    public CompletableFuture<Sync> sync(EnrTreeUrl url, long lastSeq) {
        CompletableFuture<Sync> result = new CompletableFuture<>();
        loop.execute(
                () ->
                        query(url.domain())
                                .thenCompose(
                                        text -> {
                                            TreeEntry.Root root = root(url, text, lastSeq);
                                            if (root.seq() == lastSeq) {
                                                return CompletableFuture.completedFuture(
                                                        new Sync(
                                                                root.seq(),
                                                                false,
                                                                List.of(),
                                                                List.of()));
                                            }
                                            Walk walk = new Walk(url.domain());
                                            return walk.from(root.enrRoot())
                                                    .thenCompose(
                                                            ignored -> walk.from(root.linkRoot()))
                                                    .thenApply(
                                                            ignored ->
                                                                    new Sync(
                                                                            root.seq(),
                                                                            true,
                                                                            List.copyOf(walk.nodes),
                                                                            List.copyOf(
                                                                                    walk.links)));
                                        })
                                .whenComplete(
                                        (sync, error) -> {
                                            if (error != null) {
                                                result.completeExceptionally(unwrap(error));
                                            } else {
                                                result.complete(sync);
                                            }
                                        }));
        return result;
    }

    private static TreeEntry.Root root(EnrTreeUrl url, Optional<String> text, long lastSeq) {
        TreeEntry entry =
                TreeEntry.parse(
                        text.orElseThrow(() -> new DnsTreeException("no root at " + url.domain())));
        if (!(entry instanceof TreeEntry.Root root)) {
            throw new DnsTreeException("the TXT record at " + url.domain() + " is not a root");
        }
        if (!root.verify(url.publicKey())) {
            throw new DnsTreeException(
                    "the root of " + url.domain() + " is not signed by the list's key");
        }
        if (root.seq() < lastSeq) {
            throw new DnsTreeException(
                    "the root of "
                            + url.domain()
                            + " went back from seq "
                            + lastSeq
                            + " to "
                            + root.seq());
        }
        return root;
    }

    /** One walk over a tree: a breadth-first queue of hashes, each fetched once. */
    private final class Walk {
        final String domain;
        final Set<String> visited = new HashSet<>();
        final List<Enr> nodes = new ArrayList<>();
        final List<EnrTreeUrl> links = new ArrayList<>();

        Walk(String domain) {
            this.domain = domain;
        }

        CompletableFuture<Void> from(String top) {
            Deque<String> queue = new ArrayDeque<>(Collections.singletonList(top));
            return next(queue);
        }

        private CompletableFuture<Void> next(Deque<String> queue) {
            String label = queue.pollFirst();
            if (label == null) {
                return CompletableFuture.completedFuture(null);
            }
            if (!visited.add(label)) {
                return next(queue);
            }
            if (visited.size() > maxEntries) {
                return CompletableFuture.failedFuture(
                        new DnsTreeException(
                                "tree " + domain + " has more than " + maxEntries + " entries"));
            }
            return entry(label, domain)
                    .thenCompose(
                            entry -> {
                                if (entry instanceof TreeEntry.Branch branch) {
                                    queue.addAll(branch.children());
                                } else if (entry instanceof TreeEntry.EnrLeaf leaf) {
                                    nodes.add(leaf.record());
                                } else if (entry instanceof TreeEntry.LinkLeaf link) {
                                    links.add(link.link());
                                }
                                return next(queue);
                            });
        }
    }

    private CompletableFuture<TreeEntry> entry(String label, String domain) {
        TreeEntry cached = cache.get(label);
        if (cached != null) {
            // through the loop, so a walk over many cached entries does not nest on the stack
            return CompletableFuture.supplyAsync(() -> cached, loop);
        }
        return query(label + "." + domain)
                .thenApply(
                        text -> {
                            TreeEntry entry =
                                    TreeEntry.parseAt(
                                            label,
                                            text.orElseThrow(
                                                    () ->
                                                            new DnsTreeException(
                                                                    "missing entry "
                                                                            + label
                                                                            + "."
                                                                            + domain)));
                            cache.put(label, entry);
                            return entry;
                        });
    }

    /** A query no sooner than the rate allows; completes on the loop. */
    private CompletableFuture<Optional<String>> query(String name) {
        long now = clock.getAsLong();
        long at = Math.max(now, nextQueryAt);
        nextQueryAt = at + spacingMillis;
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        loop.schedule(
                () ->
                        resolver.txt(name)
                                .whenCompleteAsync(
                                        (text, error) -> {
                                            if (error != null) {
                                                result.completeExceptionally(error);
                                            } else {
                                                result.complete(text);
                                            }
                                        },
                                        loop),
                at - now,
                TimeUnit.MILLISECONDS);
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        while (error instanceof java.util.concurrent.CompletionException
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
