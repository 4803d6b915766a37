package io.annals.bench.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time per thread group from {@code /proc/self/task/<tid>/stat} (Linux), which also sees the
 * native threads LevelDB starts for compaction. Such a thread inherits the name of the Java thread
 * that started it, so giving the store its own writer thread (and opening the store there) puts the
 * writer and LevelDB's background work under one name. Resolution is one clock tick (10 ms).
 */
final class CpuAccounting {
    private static final double MS_PER_TICK = 10.0;

    private CpuAccounting() {}

    /** The calling thread's Linux thread id. */
    static String currentTid() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return target.substring(target.lastIndexOf('/') + 1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/thread-self (Linux only)", e);
        }
    }

    /** CPU milliseconds of one thread, by Linux thread id; 0 when it has ended. */
    static double threadMillis(String tid) {
        try {
            return millis(Files.readString(Path.of("/proc/self/task", tid, "stat")));
        } catch (IOException e) {
            return 0;
        }
    }

    /** utime + stime: fields 14 and 15 of proc(5), that is 11 and 12 after "(comm) ". */
    private static double millis(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MS_PER_TICK;
    }

    /**
     * Milliseconds of CPU (user + system) used so far by the threads of each name, dead threads
     * excluded.
     */
    static Map<String, Double> byThreadName() {
        Map<String, Double> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    out.merge(name, millis(stat), Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked: its time is gone from /proc either way
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/task (Linux only)", e);
        }
        return out;
    }

    /** Total process CPU in milliseconds, including threads that have ended. */
    static double processMillis() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e6;
    }
}
