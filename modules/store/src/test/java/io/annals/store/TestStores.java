package io.annals.store;

import io.annals.core.testing.MainnetBlock;
import io.annals.core.types.Hash;
import java.nio.file.Path;

/** Opening stores in test folders. */
final class TestStores {
    static final ChainIdentity MAINNET =
            new ChainIdentity(
                    1,
                    Hash.fromHex(
                            "0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"));

    /** Test settings: no fsync (a process crash still loses nothing), small LevelDB buffers. */
    static final StoreSettings SETTINGS =
            StoreSettings.defaults().withSyncWrites(false).withLevelDb(1 << 20, 4 << 10, false);

    private TestStores() {}

    static HistoryStore open(Path dir) {
        return HistoryStore.open(dir, MAINNET, SETTINGS);
    }

    static HistoryStore open(Path dir, long startBlock) {
        return HistoryStore.open(dir, MAINNET, SETTINGS.withStartBlock(startBlock));
    }

    static FullBlock full(MainnetBlock block) {
        return new FullBlock(block.header(), block.body(), block.receipts());
    }
}
