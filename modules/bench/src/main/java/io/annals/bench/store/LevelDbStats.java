package io.annals.bench.store;

/** Reads LevelDB's {@code leveldb.stats} table. */
final class LevelDbStats {
    private LevelDbStats() {}

    /** The sum of the Write(MB) column: bytes written by memtable flushes and compactions. */
    static double compactionWriteMb(String stats) {
        double total = 0;
        for (String line : stats.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 6 && columns[0].matches("\\d")) {
                total += Double.parseDouble(columns[5]);
            }
        }
        return total;
    }
}
