package io.annals.node;

import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.sync.write.SyncStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, at the store's door, how often each block was actually written: the sync engine writes
 * through the {@link SyncStore} this wraps. Before each write it asks the store which blocks are
 * absent (the writer is the only writer and writes one batch at a time, so the answer holds), and
 * after the write succeeded it counts those. A proxy, so that it passes every other call through
 * whatever the interface grows.
 */
final class WriteCounter implements InvocationHandler {
    private final SyncStore store;
    private final Map<Long, Integer> writes = new ConcurrentHashMap<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong offeredAgain = new AtomicLong();

    private WriteCounter(SyncStore store) {
        this.store = store;
    }

    /** The counter and the store to hand the engine. */
    static WriteCounter around(SyncStore store) {
        return new WriteCounter(store);
    }

    SyncStore store() {
        return (SyncStore)
                Proxy.newProxyInstance(
                        SyncStore.class.getClassLoader(), new Class<?>[] {SyncStore.class}, this);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (!method.getName().equals("write") || args == null || args.length != 1) {
            return call(method, args);
        }
        @SuppressWarnings("unchecked")
        List<FullBlock> blocks = (List<FullBlock>) args[0];
        List<Long> absent =
                blocks.stream().map(FullBlock::number).filter(n -> !store.isPresent(n)).toList();
        HistoryStore.WriteResult result = (HistoryStore.WriteResult) call(method, args);
        batches.incrementAndGet();
        absent.forEach(n -> writes.merge(n, 1, Integer::sum));
        offeredAgain.addAndGet(blocks.size() - absent.size());
        if (result.blocksWritten() != absent.size()) {
            throw new AssertionError(
                    "the store wrote "
                            + result.blocksWritten()
                            + " blocks of a batch with "
                            + absent.size()
                            + " absent");
        }
        return result;
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(store, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Times each block number was written. */
    Map<Long, Integer> writes() {
        return Map.copyOf(writes);
    }

    long batches() {
        return batches.get();
    }

    /** Blocks handed to the store again while already stored (skipped by it). */
    long offeredAgain() {
        return offeredAgain.get();
    }
}
