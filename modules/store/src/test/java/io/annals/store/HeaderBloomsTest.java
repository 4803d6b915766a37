package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.Address;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-place header bloom check agrees with core's {@code LogsBloom} on real headers. */
class HeaderBloomsTest {
    @Test
    void agreesWithLogsBloomOnMainnetHeaders() {
        RandomChain random = new RandomChain(4);
        for (MainnetBlock block : MainnetBlocks.all()) {
            BlockHeader header = block.header();
            List<Log> logs = block.receipts().stream().flatMap(r -> r.logs().stream()).toList();
            for (Log log : logs) {
                assertThat(
                                mightMatch(
                                        header,
                                        LogQuery.range(0, 0).withAddresses(List.of(log.address()))))
                        .isTrue();
            }
            for (int i = 0; i < 200; i++) {
                Address address = random.address();
                Hash topic = random.hash();
                assertThat(mightMatch(header, LogQuery.range(0, 0).withAddresses(List.of(address))))
                        .isEqualTo(header.logsBloom().mightContain(address));
                assertThat(
                                mightMatch(
                                        header,
                                        LogQuery.range(0, 0)
                                                .withTopics(List.of(List.of(), List.of(topic)))))
                        .isEqualTo(header.logsBloom().mightContain(topic));
            }
        }
    }

    private static boolean mightMatch(BlockHeader header, LogQuery query) {
        return new HeaderBlooms(new CompiledLogFilter(query)).mightMatch(header.unsafeEncoding());
    }
}
