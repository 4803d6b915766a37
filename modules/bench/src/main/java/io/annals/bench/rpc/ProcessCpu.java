package io.annals.bench.rpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system, all threads) of another process, from {@code /proc/<pid>/stat} (Linux):
 * what a server spent on a run, whatever else the machine was doing. Resolution is one clock tick
 * (10 ms), so a run should take at least a few seconds of CPU.
 */
final class ProcessCpu {
    private static final double MS_PER_TICK = 10.0;

    private ProcessCpu() {}

    /** CPU milliseconds used so far by process {@code pid}. */
    static double millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // utime and stime are fields 14 and 15 of proc(5): 11 and 12 after "(comm) "
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MS_PER_TICK;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }
}
