package io.annals.p2p.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    @Test
    void doublesUpToTheCap() {
        ReconnectBackoff backoff =
                new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

        assertThat(backoff.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(1000)).isEqualTo(Duration.ofSeconds(30));
    }
}
