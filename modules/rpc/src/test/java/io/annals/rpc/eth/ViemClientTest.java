package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Address;
import io.annals.store.FullBlock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * viem (pinned in {@code src/test/js/package.json}, installed by the build with {@code npm ci})
 * drives the server like an indexer: head, blocks with and without transactions, receipts by hash
 * and by block, {@code getLogs} with an ABI event, an address and an indexed argument, raw topic
 * OR-arrays, and a polling loop over an event filter and a block filter while new blocks are
 * stored. The script takes the RPC URL and a file of expectations ({@link ViemExpectations}), so
 * the same script checks a node synced from the devnet (the node module's {@code NodeViemTest}).
 * Fails (does not skip) without Node.js or viem.
 */
class ViemClientTest {
    private static final long FIRST = 40_000;

    @TempDir Path dir;

    @Test
    void viemReadsWhatWeStoredAndFollowsNewBlocksThroughFilters() throws Exception {
        Path js = ViemClient.scriptDir(ViemClient.RPC_MODULE_SCRIPT_DIR);
        TransferChain generator = new TransferChain(51, FIRST);
        List<FullBlock> chain = generator.next(40);
        try (HistoryNode node = HistoryNode.open(dir.resolve("store"), FIRST)) {
            node.write(chain.subList(0, 30));
            Path expectations =
                    expectations(generator, chain.subList(0, 30))
                            .writeTo(dir.resolve("expectations.json"));
            try (ViemClient client = ViemClient.start(js, node.uri, expectations)) {
                client.awaitLine("filters-installed");
                node.write(chain.subList(30, 40));
                client.written(
                        ViemExpectations.writeNewBlocks(
                                chain.subList(30, 40),
                                generator.tokens.get(0),
                                dir.resolve("written.json")));
                assertThat(client.finish())
                        .contains("ok blocks", "ok receipts", "ok logs", "ok filters");
            }
        }
    }

    private static ViemExpectations expectations(TransferChain generator, List<FullBlock> blocks) {
        ViemExpectations expectations = ViemExpectations.of(blocks);
        for (Address token : generator.tokens) {
            expectations.transfers(token, null).transfers(token, generator.holders.get(0));
        }
        return expectations
                .logs(
                        List.of(),
                        List.of(
                                List.of(Erc20.TRANSFER, Erc20.APPROVAL),
                                List.of(),
                                List.of(Erc20.topic(generator.holders.get(1)))))
                .filter(generator.tokens.get(0));
    }
}
