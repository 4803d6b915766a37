package io.annals.p2p.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.p2p.RlpxSession;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import java.net.ConnectException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dial limit and the retry after a failed dial, with a stand-in for the network dialer. */
class StaticPeerDialerTest {
    private record Attempt(Enode enode, CompletableFuture<RlpxSession> result) {}

    private final BlockingQueue<Attempt> attempts = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void neverMoreDialsInFlightThanAllowedAndFailedDialsAreRetried() throws Exception {
        Enode a = enode(1);
        Enode b = enode(2);
        StaticPeerDialer dialer =
                new StaticPeerDialer(
                        this::record,
                        executor,
                        new ReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(50)),
                        1);

        dialer.start(List.of(a, b));
        Attempt first = next();
        assertThat(first.enode()).isEqualTo(a);
        assertThat(attempts.poll(200, TimeUnit.MILLISECONDS))
                .as("second dial while the first is in flight")
                .isNull();

        first.result().completeExceptionally(new ConnectException("refused"));
        Attempt second = next();
        assertThat(second.enode()).isEqualTo(b);
        second.result().completeExceptionally(new ConnectException("refused"));
        // both are retried after their backoff, still one at a time
        Attempt retry = next();
        assertThat(retry.enode()).isIn(a, b);
        dialer.close();
    }

    private CompletableFuture<RlpxSession> record(Enode enode) {
        CompletableFuture<RlpxSession> result = new CompletableFuture<>();
        attempts.add(new Attempt(enode, result));
        return result;
    }

    private Attempt next() throws InterruptedException {
        Attempt attempt = attempts.poll(10, TimeUnit.SECONDS);
        assertThat(attempt).as("a dial attempt").isNotNull();
        return attempt;
    }

    private static Enode enode(int port) {
        return new Enode(NodeKey.generate(new SecureRandom()).nodeId(), "127.0.0.1", port);
    }
}
