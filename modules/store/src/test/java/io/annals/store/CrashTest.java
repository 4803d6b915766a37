package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.store.testing.MainnetLikeChain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A killed writer loses nothing it acknowledged, and the store reopens consistent. */
class CrashTest {
    @TempDir Path dir;

    @Test
    void killedWriterLosesNothingAcknowledged() throws Exception {
        long acknowledged = CrashingWriter.FIRST_BLOCK - 1;
        for (int round = 0; round < 5; round++) {
            long acked = runAndKill(round, 2 + round);
            assertThat(acked).isGreaterThan(acknowledged);
            acknowledged = acked;
            try (HistoryStore store = TestStores.open(dir, CrashingWriter.FIRST_BLOCK)) {
                assertThat(store.contiguousHead().orElseThrow()).isGreaterThanOrEqualTo(acked);
                assertThat(store.presentRanges()).hasSize(1);
            }
        }
        try (HistoryStore store = TestStores.open(dir, CrashingWriter.FIRST_BLOCK)) {
            VerificationReport report = store.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.blocks())
                    .isGreaterThanOrEqualTo(acknowledged - CrashingWriter.FIRST_BLOCK + 1);
        }
    }

    /**
     * Starts a writer, lets it acknowledge {@code acks} writes and kills it at once; returns the
     * last acked block.
     */
    private long runAndKill(int round, int acks) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child =
                new ProcessBuilder(
                                java,
                                "-Xmx512m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                CrashingWriter.class.getName(),
                                dir.toString(),
                                Integer.toString(round))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        long last = -1;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            int seen = 0;
            String line;
            while (seen < acks && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    last = Long.parseLong(line.substring(4));
                    seen++;
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(last).as("the writer acknowledged writes before it was killed").isPositive();
        return last;
    }

    @Test
    void anUnreferencedSegmentTailIsCutOnOpen() throws IOException {
        List<FullBlock> blocks =
                new MainnetLikeChain(5, 10_000, MainnetLikeChain.Shape.SMALL, true).next(5);
        try (HistoryStore store = TestStores.open(dir, 10_000)) {
            store.write(blocks.subList(0, 4));
        }
        Path segment = dir.resolve("segments").resolve(SegmentFiles.fileName(1));
        long committed = Files.size(segment);
        // a write that appended its record but died before its LevelDB batch committed
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[5000]));
        }
        try (HistoryStore store = TestStores.open(dir, 10_000)) {
            assertThat(Files.size(segment)).isEqualTo(committed);
            store.write(blocks.get(4));
            blocks.forEach(b -> RoundTripTest.assertStoredAsWritten(store, b));
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void lostAcknowledgedSegmentBytesFailTheOpen() throws IOException {
        List<FullBlock> blocks =
                new MainnetLikeChain(6, 10_000, MainnetLikeChain.Shape.SMALL, true).next(4);
        try (HistoryStore store = TestStores.open(dir, 10_000)) {
            store.write(blocks);
        }
        Path segment = dir.resolve("segments").resolve(SegmentFiles.fileName(1));
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 10);
        }
        assertThatThrownBy(() -> TestStores.open(dir, 10_000))
                .isInstanceOf(StoreCorruptionException.class)
                .hasMessageContaining(SegmentFiles.fileName(1))
                .hasMessageContaining("acknowledged data was lost");
    }
}
