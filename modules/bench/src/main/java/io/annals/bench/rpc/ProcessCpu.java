package io.annals.bench.rpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (all threads) of a process, from {@code /proc/<pid>/stat} (Linux): what a server spent
 * on a run, whatever else the machine was doing, split into user and system (kernel) time; the
 * kernel's share is mostly the socket writes, which both sides of a comparison pay per byte.
 * Resolution is one clock tick (10 ms), so a run should take at least a few seconds of CPU.
 */
record ProcessCpu(double userMillis, double systemMillis) {
    private static final double MS_PER_TICK = 10.0;

    /** The CPU used so far by process {@code pid}. */
    static ProcessCpu of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // utime and stime are fields 14 and 15 of proc(5): 11 and 12 after "(comm) "
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new ProcessCpu(
                    Long.parseLong(fields[11]) * MS_PER_TICK,
                    Long.parseLong(fields[12]) * MS_PER_TICK);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    double totalMillis() {
        return userMillis + systemMillis;
    }

    /** What was spent since {@code before}, divided by {@code count}. */
    ProcessCpu since(ProcessCpu before, int count) {
        return new ProcessCpu(
                (userMillis - before.userMillis) / count,
                (systemMillis - before.systemMillis) / count);
    }
}
