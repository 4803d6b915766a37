package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class SharedWorkTest {
    @Test
    void everyItemRunsExactlyOnceAndHelpersTakeSome() throws Exception {
        try (SharedWork work = SharedWork.withHelpers(2, "test-helper")) {
            AtomicIntegerArray runs = new AtomicIntegerArray(500);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            // each side holds its first item until the other has taken one, so both take some
            // whichever starts first
            CountDownLatch helperTook = new CountDownLatch(1);
            CountDownLatch callerTook = new CountDownLatch(1);
            String caller = Thread.currentThread().getName();
            work.run(
                    500,
                    i -> {
                        runs.incrementAndGet(i);
                        threads.add(Thread.currentThread().getName());
                        if (Thread.currentThread().getName().equals(caller)) {
                            callerTook.countDown();
                            await(helperTook);
                        } else {
                            helperTook.countDown();
                            await(callerTook);
                        }
                    });
            for (int i = 0; i < 500; i++) {
                assertThat(runs.get(i)).as("item %d", i).isEqualTo(1);
            }
            assertThat(threads).contains(Thread.currentThread().getName());
            assertThat(threads).anyMatch(name -> name.startsWith("test-helper-"));
        }
    }

    @Test
    void aFailureReachesTheCallerAfterTheItemsInFlightFinish() {
        try (SharedWork work = SharedWork.withHelpers(1, "test-helper")) {
            AtomicIntegerArray runs = new AtomicIntegerArray(100);
            assertThatThrownBy(
                            () ->
                                    work.run(
                                            100,
                                            i -> {
                                                runs.incrementAndGet(i);
                                                if (i == 3) {
                                                    throw new StoreCorruptionException("item 3");
                                                }
                                            }))
                    .isInstanceOf(StoreCorruptionException.class)
                    .hasMessage("item 3");
            for (int i = 0; i < 100; i++) {
                assertThat(runs.get(i)).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void withoutHelpersOrAfterCloseTheCallerDoesEverything() {
        SharedWork none = SharedWork.withHelpers(0, "unused");
        SharedWork closed = SharedWork.withHelpers(2, "test-closed");
        closed.close();
        for (SharedWork work : new SharedWork[] {none, closed}) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            AtomicIntegerArray runs = new AtomicIntegerArray(50);
            work.run(
                    50,
                    i -> {
                        runs.incrementAndGet(i);
                        threads.add(Thread.currentThread().getName());
                    });
            for (int i = 0; i < 50; i++) {
                assertThat(runs.get(i)).isEqualTo(1);
            }
            assertThat(threads).containsExactly(Thread.currentThread().getName());
        }
        none.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS))
                    .as("the other side took an item")
                    .isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
