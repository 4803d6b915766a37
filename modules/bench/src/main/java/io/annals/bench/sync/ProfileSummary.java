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
    private static final Map<String, Predicate<List<String>>> KINDS = kinds();

    /** How many of the hottest methods are listed with their callers. */
    private static final int TOP_FRAMES = 10;

    private static final int CALLERS_PER_FRAME = 3;
    private static final int CALLER_DEPTH = 4;

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
        Map<String, Map<String, Long>> callersByMethod = new HashMap<>();
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
                String self = methodName(frames.get(0));
                selfByMethod.merge(self, 1L, Long::sum);
                callersByMethod
                        .computeIfAbsent(self, m -> new HashMap<>())
                        .merge(callerChain(frames), 1L, Long::sum);
                byThread.merge(threadGroup(event), 1L, Long::sum);
                List<String> classes = frames.stream().map(ProfileSummary::className).toList();
                for (Map.Entry<String, Predicate<List<String>>> kind : KINDS.entrySet()) {
                    if (kind.getValue().test(classes)) {
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
        printFrames(selfByMethod, callersByMethod, samples, TOP_FRAMES);
        print("samples by thread", byThread, samples, top);
        print("inclusive by kind (overlapping)", byKind, samples, KINDS.size());
        print(
                "threads in native code, by method (blocked or running)",
                nativeTop,
                nativeSamples,
                8);
    }

    /**
     * The hottest methods again, each with the call chains that led to it most often: which caller
     * (a trie root, a receipt bloom, the frame MAC) a shared method like Keccak's works for.
     */
    private static void printFrames(
            Map<String, Long> selfByMethod,
            Map<String, Map<String, Long>> callersByMethod,
            long total,
            int top) {
        System.out.printf("%ntop %d frames (self time) and their most frequent callers:%n", top);
        selfByMethod.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .forEach(
                        entry -> {
                            System.out.printf(
                                    Locale.ROOT,
                                    "  %5.1f %%  %s%n",
                                    100.0 * entry.getValue() / Math.max(1, total),
                                    entry.getKey());
                            callersByMethod.get(entry.getKey()).entrySet().stream()
                                    .sorted(
                                            Map.Entry.<String, Long>comparingByValue(
                                                    Comparator.reverseOrder()))
                                    .limit(CALLERS_PER_FRAME)
                                    .forEach(
                                            caller ->
                                                    System.out.printf(
                                                            Locale.ROOT,
                                                            "           %5.1f %%  <- %s%n",
                                                            100.0
                                                                    * caller.getValue()
                                                                    / Math.max(1, total),
                                                            caller.getKey()));
                        });
    }

    /**
     * The frames below the top one, up to {@link #CALLER_DEPTH} distinct methods (recursion and the
     * batch machinery collapsed), as {@code a <- b <- c}.
     */
    private static String callerChain(List<RecordedFrame> frames) {
        StringBuilder chain = new StringBuilder();
        String previous = methodName(frames.get(0));
        int depth = 0;
        for (int i = 1; i < frames.size() && depth < CALLER_DEPTH; i++) {
            String name = shortName(frames.get(i));
            if (name.equals(previous)) {
                continue;
            }
            if (depth > 0) {
                chain.append(" <- ");
            }
            chain.append(name);
            previous = name;
            depth++;
        }
        return depth == 0 ? "(no caller)" : chain.toString();
    }

    /** A frame as {@code Class.method}, the class without its package. */
    private static String shortName(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "?";
        }
        String type = className(frame);
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static Map<String, Predicate<List<String>>> kinds() {
        Map<String, Predicate<List<String>>> kinds = new LinkedHashMap<>();
        Predicate<List<String>> keccak = any(name -> name.contains("Keccak"));
        kinds.put("Keccak-256 (all callers)", keccak);
        kinds.put(
                "- for trie roots (core.trie)",
                keccak.and(any(name -> name.startsWith("io.annals.core.trie"))));
        kinds.put(
                "- for logs blooms (LogsBloom)",
                keccak.and(
                        any(
                                name ->
                                        name.endsWith("LogsBloom$Memo")
                                                || name.endsWith("LogsBloom"))));
        kinds.put(
                "- for transaction hashes (Transaction, Transactions)",
                keccak.and(
                        any(
                                name ->
                                        name.endsWith("core.types.Transactions")
                                                || name.endsWith("core.types.Transaction"))));
        kinds.put(
                "- for the RLPx frame MACs (p2p.rlpx)",
                keccak.and(any(name -> name.startsWith("io.annals.p2p.rlpx"))));
        kinds.put(
                "RLPx framing, MAC, AES (p2p.rlpx)",
                any(name -> name.startsWith("io.annals.p2p.rlpx")));
        kinds.put("Snappy", any(name -> name.contains("Snappy")));
        kinds.put("AES-CTR (JDK cipher)", any(name -> name.startsWith("com.sun.crypto.provider")));
        kinds.put(
                "RLP reading and writing (core.rlp)",
                any(name -> name.startsWith("io.annals.core.rlp")));
        kinds.put(
                "ordered trie roots (core.trie)",
                any(name -> name.startsWith("io.annals.core.trie")));
        kinds.put("history store (store)", any(name -> name.startsWith("io.annals.store")));
        kinds.put(
                "LevelDB JNI",
                any(name -> name.startsWith("org.fusesource") || name.startsWith("org.iq80")));
        kinds.put("sync engine (sync)", any(name -> name.startsWith("io.annals.sync")));
        kinds.put("eth protocol (p2p.eth)", any(name -> name.startsWith("io.annals.p2p.eth")));
        kinds.put("Netty", any(name -> name.startsWith("io.netty")));
        kinds.put(
                "Pekko",
                any(name -> name.startsWith("org.apache.pekko") || name.startsWith("scala.")));
        kinds.put("JSON-RPC (rpc)", any(name -> name.startsWith("io.annals.rpc")));
        return kinds;
    }

    /** A sample is of a kind when any of its frames' classes is. */
    private static Predicate<List<String>> any(Predicate<String> className) {
        return classes -> classes.stream().anyMatch(className);
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
