package io.annals.store;

import io.annals.store.codec.ByteSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opens a store directory: {@code index/} (LevelDB) and {@code segments/}. Checks the metadata,
 * loads the presence runs and cuts each segment file back to the end its last committed batch
 * recorded, so whatever an interrupted write appended is gone before the first read.
 */
final class StoreOpener {
    /** The parts of an opened store. */
    record Opened(
            LevelDb db, SegmentFiles segments, StoreMetadata metadata, PresenceRuns presence) {}

    private StoreOpener() {}

    static Opened open(
            Path directory, ChainIdentity chain, StoreSettings settings, LevelDb.WriteGate gate) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the store directory " + directory, e);
        }
        LevelDb db = LevelDb.open(directory.resolve("index"), settings, gate);
        try {
            Map<Long, Long> runs = new TreeMap<>();
            Map<Long, Long> ends;
            boolean empty;
            try (LevelDb.ReadView view = db.view()) {
                empty = isEmpty(view);
                view.scan(
                        Keys.tableStart(Keys.PRESENCE),
                        Keys.tableEnd(Keys.PRESENCE),
                        (key, value) -> {
                            runs.put(
                                    Keys.number(key),
                                    new ByteSource(value, "presence run").readLong());
                            return true;
                        });
                ends = committedEnds(view);
            }
            StoreMetadata metadata = StoreMetadata.openOrCreate(db, chain, settings, empty);
            SegmentFiles segments = SegmentFiles.open(directory.resolve("segments"), ends);
            return new Opened(db, segments, metadata, PresenceRuns.of(runs));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * What the store in {@code directory} was created with; opens its LevelDB briefly.
     *
     * @throws StoreException when there is no store there
     */
    static StoreMetadata.Stored storedIdentity(Path directory, StoreSettings settings) {
        if (!Files.isDirectory(directory.resolve("index"))) {
            throw new StoreException("no history store in " + directory);
        }
        try (LevelDb db =
                LevelDb.open(directory.resolve("index"), settings, LevelDb.WriteGate.DIRECT)) {
            return StoreMetadata.stored(db);
        }
    }

    /** Each segment file's committed end, as the last committed batch recorded it. */
    static Map<Long, Long> committedEnds(LevelDb.ReadView view) {
        Map<Long, Long> ends = new HashMap<>();
        view.scan(
                Keys.tableStart(Keys.SEGMENT_END),
                Keys.tableEnd(Keys.SEGMENT_END),
                (key, value) -> {
                    ends.put(Keys.number(key), new ByteSource(value, "segment end").readVarLong());
                    return true;
                });
        return ends;
    }

    private static boolean isEmpty(LevelDb.ReadView view) {
        boolean[] empty = {true};
        view.scan(
                new byte[] {0},
                new byte[] {(byte) 0xff},
                (key, value) -> {
                    empty[0] = false;
                    return false; // one entry is enough
                });
        return empty[0];
    }
}
