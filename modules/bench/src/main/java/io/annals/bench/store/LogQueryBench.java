package io.annals.bench.store;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.store.HistoryStore;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import io.annals.store.StoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store half of a ranged {@code eth_getLogs}: {@link HistoryStore#logs} on the benchmark store
 * that {@code scripts/bench-rpc} generates (20,000 mainnet-like blocks, its filter values chosen to
 * return about 2,000 logs per query), in one JVM without JSON or HTTP. Each call queries a random
 * window of the stored range, as the RPC benchmark's load does. Run it after {@code
 * scripts/bench-rpc} made the store: {@code -p dir=<its directory>}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g"})
public class LogQueryBench {
    /**
     * The directory {@code scripts/bench-rpc} generated, holding {@code bench-chain.properties}.
     */
    @Param({"/var/tmp/annals-rpc-bench"})
    public String dir;

    private HistoryStore store;
    private long first;
    private long last;
    private Address address;
    private Hash topic0;
    private Address pairAddress;
    private Hash pairTopic0;
    private final SplittableRandom random = new SplittableRandom(1);

    @Setup(Level.Trial)
    public void open() throws IOException {
        Properties chain = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(dir, "bench-chain.properties"))) {
            chain.load(in);
        }
        first = Long.parseLong(chain.getProperty("first"));
        last = Long.parseLong(chain.getProperty("last"));
        address = Address.fromHex(chain.getProperty("address"));
        topic0 = Hash.fromHex(chain.getProperty("topic0"));
        pairAddress = Address.fromHex(chain.getProperty("pair.address"));
        pairTopic0 = Hash.fromHex(chain.getProperty("pair.topic0"));
        store = HistoryStore.openExisting(Path.of(dir, "store"), StoreSettings.defaults());
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    /** About 2,000 logs: 1,000 blocks of an address with 2 logs per block. */
    @Benchmark
    public int address1000Blocks() {
        return run(window(1_000).withAddresses(List.of(address)));
    }

    /** About 2,500 logs: 10,000 blocks of a topic0 with 0.25 logs per block. */
    @Benchmark
    public int topic10000Blocks() {
        return run(window(10_000).withTopics(List.of(List.of(topic0))));
    }

    /** About 2,000 logs: 10,000 blocks of an (address, topic0) pair with 0.2 logs per block. */
    @Benchmark
    public int pair10000Blocks() {
        return run(
                window(10_000)
                        .withAddresses(List.of(pairAddress))
                        .withTopics(List.of(List.of(pairTopic0))));
    }

    private LogQuery window(int blocks) {
        long from = first + random.nextLong(last - first + 2 - blocks);
        return LogQuery.range(from, from + blocks - 1).withMaxResults(100_000);
    }

    private int run(LogQuery query) {
        LogQueryResult result = store.logs(query);
        if (!(result instanceof LogQueryResult.Complete complete)) {
            throw new IllegalStateException("query " + query + " gave " + result);
        }
        return complete.logs().size();
    }
}
