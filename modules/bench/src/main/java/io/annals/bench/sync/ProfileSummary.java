package io.annals.bench.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a process's CPU went, from a flight recording: the Java execution samples counted by the
 * method on top of the stack (self time), by the thread that ran them, and by work kind (inclusive:
 * a sample counts for a kind when any of its frames belongs to it, so the kinds overlap). Threads
 * in native code (LevelDB through JNI) are sampled separately by JFR, blocked or not; their top
 * methods are listed apart.
 *
 * <p>Usage: {@code ProfileSummary FILE.jfr [--top N]}.
 */
public final class ProfileSummary {
    /** Work kinds worth telling apart in a sync: a frame's class name containing the fragment. */
    private static final Map<String, Predicate<String>> KINDS = kinds();

    private ProfileSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ProfileSummary FILE.jfr [--top N]");
        }
        int top = args.length >= 3 && args[1].equals("--top") ? Integer.parseInt(args[2]) : 15;
        Map<String, Long> selfByMethod = new HashMap<>();
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> byKind = new LinkedHashMap<>();
        Map<String, Long> nativeTop = new HashMap<>();
        long samples = 0;
        long nativeSamples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                selfByMethod.merge(methodName(frames.get(0)), 1L, Long::sum);
                byThread.merge(threadGroup(event), 1L, Long::sum);
                for (Map.Entry<String, Predicate<String>> kind : KINDS.entrySet()) {
                    if (frames.stream().anyMatch(frame -> kind.getValue().test(className(frame)))) {
                        byKind.merge(kind.getKey(), 1L, Long::sum);
                    }
                }
            } else if (type.equals("jdk.NativeMethodSample")) {
                nativeSamples++;
                nativeTop.merge(
                        methodName(frames.get(0)) + "  [" + threadGroup(event) + "]",
                        1L,
                        Long::sum);
            }
        }
        System.out.printf(
                "profile: %d Java execution samples, %d native-method samples%n",
                samples, nativeSamples);
        print("self time by method (top of stack)", selfByMethod, samples, top);
        print("samples by thread", byThread, samples, top);
        print("inclusive by kind (overlapping)", byKind, samples, KINDS.size());
        print(
                "threads in native code, by method (blocked or running)",
                nativeTop,
                nativeSamples,
                8);
    }

    private static Map<String, Predicate<String>> kinds() {
        Map<String, Predicate<String>> kinds = new LinkedHashMap<>();
        kinds.put("Keccak-256 (all callers)", name -> name.contains("Keccak"));
        kinds.put(
                "RLPx framing, MAC, AES (p2p.rlpx)", name -> name.startsWith("io.annals.p2p.rlpx"));
        kinds.put("Snappy", name -> name.contains("Snappy"));
        kinds.put("AES-CTR (JDK cipher)", name -> name.startsWith("com.sun.crypto.provider"));
        kinds.put(
                "RLP reading and writing (core.rlp)",
                name -> name.startsWith("io.annals.core.rlp"));
        kinds.put("ordered trie roots (core.trie)", name -> name.startsWith("io.annals.core.trie"));
        kinds.put("history store (store)", name -> name.startsWith("io.annals.store"));
        kinds.put(
                "LevelDB JNI",
                name -> name.startsWith("org.fusesource") || name.startsWith("org.iq80"));
        kinds.put("sync engine (sync)", name -> name.startsWith("io.annals.sync"));
        kinds.put("eth protocol (p2p.eth)", name -> name.startsWith("io.annals.p2p.eth"));
        kinds.put("Netty", name -> name.startsWith("io.netty"));
        kinds.put(
                "Pekko", name -> name.startsWith("org.apache.pekko") || name.startsWith("scala."));
        kinds.put("JSON-RPC (rpc)", name -> name.startsWith("io.annals.rpc"));
        return kinds;
    }

    private static void print(String title, Map<String, Long> counts, long total, int top) {
        System.out.printf("%n%s:%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .forEach(
                        entry ->
                                System.out.printf(
                                        Locale.ROOT,
                                        "  %5.1f %%  %7d  %s%n",
                                        100.0 * entry.getValue() / Math.max(1, total),
                                        entry.getValue(),
                                        entry.getKey()));
    }

    private static String className(RecordedFrame frame) {
        return frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
    }

    private static String methodName(RecordedFrame frame) {
        return frame.getMethod() == null
                ? "?"
                : className(frame) + "." + frame.getMethod().getName();
    }

    /** The sampled thread's name with its numbers dropped, so that a pool's threads add up. */
    private static String threadGroup(RecordedEvent event) {
        var thread = event.getThread("sampledThread");
        String name = thread == null ? "?" : thread.getJavaName();
        return name == null ? "?" : name.replaceAll("\\d+", "N");
    }
}
