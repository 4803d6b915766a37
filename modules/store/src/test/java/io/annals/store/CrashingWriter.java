package io.annals.store;

import io.annals.store.testing.MainnetLikeChain;
import java.nio.file.Path;
import java.util.Random;

/**
 * Run by {@link CrashTest} in a child JVM: continues the stored chain with sixty mainnet-sized
 * blocks in batches of one to six, printing {@code ACK n} once a write of blocks up to n has
 * returned. The parent kills it in the middle.
 */
public final class CrashingWriter {
    static final long FIRST_BLOCK = 10_000;

    private CrashingWriter() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        try (HistoryStore store = TestStores.open(dir, FIRST_BLOCK)) {
            MainnetLikeChain chain =
                    new MainnetLikeChain(
                            random.nextLong(), FIRST_BLOCK, MainnetLikeChain.Shape.MAINNET, true);
            store.contiguousHead().ifPresent(head -> chain.after(store.header(head).orElseThrow()));
            // blocks are made ahead, so that the process spends its time writing and a kill lands
            // mid-write
            var blocks = chain.next(60);
            for (int at = 0; at < blocks.size(); ) {
                int count = Math.min(blocks.size() - at, 1 + random.nextInt(6));
                store.write(blocks.subList(at, at + count));
                at += count;
                System.out.println("ACK " + blocks.get(at - 1).number());
                System.out.flush();
            }
        }
    }
}
