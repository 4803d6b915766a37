package io.annals.p2p.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Records every leak Netty's detector reports, so that {@link LeakCheckExtension} can fail the test
 * class that leaked. Installed as a launcher session listener: it runs before any test class
 * touches Netty, which is when the detectors of ByteBuf and friends are created. Surefire runs the
 * module with {@code -Dio.netty.leakDetection.level=PARANOID}, so every buffer is tracked.
 */
public final class LeakRecorder implements LauncherSessionListener {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    static void install() {
        if (!(ResourceLeakDetectorFactory.instance() instanceof RecordingFactory)) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        }
    }

    /**
     * Collects garbage and allocates a few tracked buffers (each allocation drains the detector's
     * queue of collected, unreleased buffers), then returns and forgets the leaks seen so far.
     */
    public static List<String> drainLeaks() {
        for (int round = 0; round < 4; round++) {
            System.gc();
            System.runFinalization();
            for (int i = 0; i < 8; i++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
                probe.release();
            }
        }
        List<String> seen = new ArrayList<>(LEAKS);
        LEAKS.removeAll(seen);
        return seen;
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<?> resourceType, int samplingInterval) {
            super(resourceType, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add(resourceType + " leaked:" + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add(resourceType + " leaked (untraced)");
            super.reportUntracedLeak(resourceType);
        }
    }
}
