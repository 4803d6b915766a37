package io.annals.p2p.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/**
 * Proves that the leak hook sees a leaked buffer, so that a leak elsewhere fails its test class.
 */
class LeakDetectionTest {
    @Test
    void aLeakedBufferIsReported() {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        leak();

        assertThat(LeakRecorder.drainLeaks())
                .anySatisfy(leak -> assertThat(leak).contains("ByteBuf"));
    }

    private static void leak() {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(64);
        buffer.writeLong(42);
        // dropped without release()
    }
}
