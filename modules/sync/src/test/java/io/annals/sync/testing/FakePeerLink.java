package io.annals.sync.testing;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.store.FullBlock;
import io.annals.sync.link.Fetched;
import io.annals.sync.link.PeerLink;
import io.annals.sync.link.RangeHint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A scripted peer serving a {@link TestChain}: full, partial (answers cut to a few items), empty,
 * failing (a seeded share of requests fail), slow, lying (bodies and receipts that do not match
 * their headers), disconnecting mid-batch (on its n-th bodies request), lagging (a head behind the
 * chain), announcing a false earliest block, or switching to a sibling chain (a reorg). Answers
 * complete on a shared pool of two threads, after the latency if one is set, as a transport's
 * would. It counts what it served, per block, and what it was asked for above its head. Thread-safe
 * (the counters are shared with the test).
 */
public final class FakePeerLink implements PeerLink {

    private static final ScheduledExecutorService ANSWERS =
            Executors.newScheduledThreadPool(
                    2,
                    runnable -> {
                        Thread thread = new Thread(runnable, "fake-peer-answers");
                        thread.setDaemon(true);
                        return thread;
                    });

    /** How a peer announces new blocks. */
    public enum Announcing {
        /** Every new head (eth/69 with a range-update interval of 1): the devnet's old way. */
        EVERY_BLOCK,
        /** At most once per 32 blocks (eth/69, EIP-7642). */
        EPOCH,
        /** Never: its Status head hash is all it says (eth/68 after the merge). */
        NONE
    }

    /** Where answers complete: a thread pool by default, a simulation's virtual time in one. */
    @FunctionalInterface
    public interface Answers {
        void after(long delayMillis, Runnable answer);
    }

    private static final Answers POOL =
            (delay, answer) -> ANSWERS.schedule(answer, delay, TimeUnit.MILLISECONDS);

    /** eth/69 announces at most once per epoch of this many blocks. */
    private static final long EPOCH_BLOCKS = 32;

    private final String id;
    private volatile TestChain chain;
    private final Random random;
    private final List<Consumer<RangeHint>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<Long, AtomicInteger> bodiesServed = new ConcurrentHashMap<>();
    private final AtomicLong askedAboveHead = new AtomicLong();
    private final AtomicLong highestAsked = new AtomicLong(-1);
    private final AtomicInteger bodiesRequests = new AtomicInteger();
    private volatile long head;
    private volatile long announcedEarliest;
    private volatile long servesFrom;
    private volatile double failureRate;
    private volatile int answerLimit = Integer.MAX_VALUE;
    private volatile boolean empty;
    private volatile boolean lying;
    private volatile int disconnectOnBodiesRequest = -1;
    private volatile Duration latency = Duration.ZERO;
    private volatile long announceLag;
    private volatile long withholdFrom = Long.MAX_VALUE;
    private volatile boolean silent;
    private volatile String disconnectReason;
    private volatile Answers answers = POOL;
    private volatile Announcing announcing = Announcing.EVERY_BLOCK;
    private volatile long lastAnnounced;
    private volatile Hash statusHeadHash;
    private volatile long claimsAhead;
    private final AtomicLong headerRequests = new AtomicLong();

    public FakePeerLink(String id, TestChain chain, long head, long seed) {
        this.id = id;
        this.chain = chain;
        this.head = Math.min(head, chain.length() - 1);
        this.random = new Random(seed);
        this.lastAnnounced = this.head;
        this.statusHeadHash = chain.block(this.head).hash();
    }

    /** Answers complete through {@code answers} (a simulation's scheduler) from now on. */
    public FakePeerLink answeringThrough(Answers through) {
        answers = through;
        return this;
    }

    public FakePeerLink announcing(Announcing mode) {
        announcing = mode;
        return this;
    }

    /**
     * Announces a head {@code blocks} above the one it serves, with a hash no chain has: a claim it
     * cannot back.
     */
    public FakePeerLink claimingAhead(long blocks) {
        claimsAhead = blocks;
        return this;
    }

    public FakePeerLink failing(double rate) {
        failureRate = rate;
        return this;
    }

    /** Bodies and receipts answers hold at most {@code items} (a response size limit). */
    public FakePeerLink answeringAtMost(int items) {
        answerLimit = items;
        return this;
    }

    /** Every bodies and receipts answer is empty. */
    public FakePeerLink empty() {
        empty = true;
        return this;
    }

    /**
     * Bodies carry an extra transaction and receipt lists an extra receipt: neither matches its
     * header.
     */
    public FakePeerLink lying() {
        lying = true;
        return this;
    }

    /**
     * The session ends on the {@code n}-th bodies request: its headers came, its bodies never do.
     */
    public FakePeerLink disconnectingOnBodiesRequest(int n) {
        disconnectOnBodiesRequest = n;
        return this;
    }

    public FakePeerLink slow(Duration perAnswer) {
        latency = perAnswer;
        return this;
    }

    /** Announces {@code announced} as its earliest block but serves bodies from {@code actual}. */
    public FakePeerLink earliest(long announced, long actual) {
        announcedEarliest = announced;
        servesFrom = actual;
        return this;
    }

    /**
     * Never answers a bodies request whose first block is {@code block} or above (a batch stuck in
     * flight).
     */
    public FakePeerLink withholdingFrom(long block) {
        withholdFrom = block;
        return this;
    }

    /** Answers nothing at all (requests stay pending, as with a transport without timeouts). */
    public FakePeerLink silent() {
        silent = true;
        return this;
    }

    /** Announces a head this many blocks below the one it serves (announcements lag). */
    public FakePeerLink announcingBehind(long blocks) {
        announceLag = blocks;
        return this;
    }

    /**
     * The chain grows at this peer: it serves up to {@code newHead} and announces it as its
     * announcement mode says.
     */
    public void growTo(long newHead) {
        head = Math.min(newHead, chain.length() - 1);
        boolean announce =
                switch (announcing) {
                    case EVERY_BLOCK -> true;
                    case EPOCH -> head - lastAnnounced >= EPOCH_BLOCKS || head < lastAnnounced;
                    case NONE -> false;
                };
        if (announce) {
            lastAnnounced = head;
            RangeHint hint = hint();
            listeners.forEach(listener -> listener.accept(hint));
        }
    }

    /**
     * The peer switches to another chain (a reorg it heard of): it serves {@code newChain} up to
     * {@code newHead} from now on and announces that head.
     */
    public void switchTo(TestChain newChain, long newHead) {
        chain = newChain;
        growTo(newHead);
    }

    public void disconnect() {
        closed.complete(null);
    }

    /** Why the engine disconnected this peer, if it did. */
    public java.util.Optional<String> disconnectedBecause() {
        return java.util.Optional.ofNullable(disconnectReason);
    }

    public long head() {
        return head;
    }

    /** How many times each block's body was served. */
    public Map<Long, Integer> bodiesServed() {
        Map<Long, Integer> copy = new java.util.TreeMap<>();
        bodiesServed.forEach((block, count) -> copy.put(block, count.get()));
        return copy;
    }

    /** Requests that asked for a body, receipt list or header batch above this peer's head. */
    public long askedAboveHead() {
        return askedAboveHead.get();
    }

    /** The highest block whose body or receipts were asked for, -1 when none. */
    public long highestAsked() {
        return highestAsked.get();
    }

    @Override
    public String id() {
        return id;
    }

    /** Header requests answered or pending (by number, by hash, walks back). */
    public long headerRequests() {
        return headerRequests.get();
    }

    @Override
    public RangeHint hint() {
        if (claimsAhead > 0) {
            return new RangeHint(
                    announcedEarliest,
                    OptionalLong.of(head + claimsAhead),
                    Hash.fromHex("0x" + "ee".repeat(32)));
        }
        return switch (announcing) {
            case NONE -> new RangeHint(0, OptionalLong.empty(), statusHeadHash);
            case EPOCH ->
                    new RangeHint(
                            announcedEarliest,
                            OptionalLong.of(lastAnnounced),
                            chain.block(lastAnnounced).hash());
            case EVERY_BLOCK -> {
                long announced = Math.max(0, head - announceLag);
                yield new RangeHint(
                        announcedEarliest,
                        OptionalLong.of(announced),
                        chain.block(announced).hash());
            }
        };
    }

    @Override
    public void onHintChanged(Consumer<RangeHint> listener) {
        listeners.add(listener);
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headers(long from, int count) {
        headerRequests.incrementAndGet();
        return answer(
                () -> {
                    if (from > head) {
                        askedAboveHead.incrementAndGet();
                    }
                    TestChain serving = chain;
                    List<BlockHeader> headers = new ArrayList<>();
                    for (long n = from; n <= head && n < from + count; n++) {
                        headers.add(serving.block(n).header());
                    }
                    return new Fetched<>(headers, 500L * headers.size());
                });
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> header(Hash hash) {
        headerRequests.incrementAndGet();
        return answer(
                () -> {
                    long number = chain.numberOf(hash);
                    List<BlockHeader> headers =
                            number >= 0 && number <= head
                                    ? List.of(chain.block(number).header())
                                    : List.of();
                    return new Fetched<>(headers, 500L * headers.size());
                });
    }

    @Override
    public CompletableFuture<Fetched<BlockHeader>> headersBack(Hash from, int count) {
        headerRequests.incrementAndGet();
        return answer(
                () -> {
                    TestChain serving = chain;
                    long number = serving.numberOf(from);
                    List<BlockHeader> headers = new ArrayList<>();
                    for (long n = number;
                            number >= 0 && number <= head && n >= 0 && n > number - count;
                            n--) {
                        headers.add(serving.block(n).header());
                    }
                    return new Fetched<>(headers, 500L * headers.size());
                });
    }

    @Override
    public void disconnect(String reason) {
        disconnectReason = reason;
        disconnect();
    }

    @Override
    public CompletableFuture<Fetched<BlockBody>> bodies(List<Hash> hashes) {
        if (bodiesRequests.incrementAndGet() == disconnectOnBodiesRequest) {
            disconnect();
        }
        if (!hashes.isEmpty() && chain.numberOf(hashes.get(0)) >= withholdFrom) {
            return new CompletableFuture<>();
        }
        return answer(() -> new Fetched<>(serve(hashes, this::body), 300L * hashes.size()));
    }

    @Override
    public CompletableFuture<Fetched<List<Receipt>>> receipts(List<BlockHeader> headers) {
        List<Hash> hashes = headers.stream().map(BlockHeader::hash).toList();
        return answer(() -> new Fetched<>(serve(hashes, this::receipts), 400L * hashes.size()));
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public boolean isDisconnect(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        return cause instanceof ScriptedDisconnect;
    }

    @Override
    public String toString() {
        return "FakePeerLink[" + id + " head " + head + "]";
    }

    private <T> List<T> serve(List<Hash> hashes, Function<FullBlock, T> part) {
        TestChain serving = chain;
        List<T> items = new ArrayList<>();
        for (Hash hash : hashes) {
            long number = serving.numberOf(hash);
            highestAsked.accumulateAndGet(number, Math::max);
            if (number > head) {
                askedAboveHead.incrementAndGet();
            }
            if (empty
                    || number < 0
                    || number > head
                    || number < servesFrom
                    || items.size() >= answerLimit) {
                break;
            }
            items.add(part.apply(serving.block(number)));
        }
        return items;
    }

    private BlockBody body(FullBlock block) {
        bodiesServed.computeIfAbsent(block.number(), n -> new AtomicInteger()).incrementAndGet();
        return lying ? LyingAnswers.body(block) : block.body();
    }

    private List<Receipt> receipts(FullBlock block) {
        return lying ? LyingAnswers.receipts(block) : block.receipts();
    }

    private <T> CompletableFuture<T> answer(java.util.function.Supplier<T> response) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (silent) {
            return result;
        }
        if (closed.isDone()) {
            result.completeExceptionally(new ScriptedDisconnect(id));
            return result;
        }
        boolean fail;
        synchronized (random) {
            fail = random.nextDouble() < failureRate;
        }
        Runnable complete =
                () -> {
                    if (closed.isDone()) {
                        result.completeExceptionally(new ScriptedDisconnect(id));
                    } else if (fail) {
                        result.completeExceptionally(
                                new ScriptedFailure(id + ": scripted failure"));
                    } else {
                        try {
                            result.complete(response.get());
                        } catch (RuntimeException e) {
                            result.completeExceptionally(e);
                        }
                    }
                };
        answers.after(latency.toMillis(), complete);
        return result;
    }
}
