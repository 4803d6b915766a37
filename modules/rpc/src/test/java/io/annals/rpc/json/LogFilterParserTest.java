package io.annals.rpc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The eth_getLogs filter object. Shapes, limits and messages follow go-ethereum's
 * eth/filters/api.go (FilterCriteria.UnmarshalJSON) and its api_test.go.
 */
class LogFilterParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS_1 = "0x" + "aa".repeat(20);
    private static final String ADDRESS_2 = "0x" + "bb".repeat(20);
    private static final String TOPIC_1 = "0x" + "01".repeat(32);
    private static final String TOPIC_2 = "0x" + "02".repeat(32);
    private static final String BLOCK_HASH = "0x" + "cc".repeat(32);

    @Test
    void emptyFilterIsLatestToLatestMatchingEverything() {
        LogFilter filter = parse("{}");
        BlockNumberOrTag latest = BlockNumberOrTag.of(BlockTag.LATEST);
        assertThat(filter.scope()).isEqualTo(new LogFilter.BlockRange(latest, latest));
        assertThat(filter.addresses()).isEmpty();
        assertThat(filter.topics()).isEmpty();
    }

    @Test
    void readsARange() {
        LogFilter filter = parse("{\"fromBlock\":\"0x10\",\"toBlock\":\"finalized\"}");
        assertThat(filter.scope())
                .isEqualTo(
                        new LogFilter.BlockRange(
                                BlockNumberOrTag.of(16), BlockNumberOrTag.of(BlockTag.FINALIZED)));
        assertThat(parse("{\"fromBlock\":null,\"toBlock\":\"0x1\"}").scope())
                .isEqualTo(
                        new LogFilter.BlockRange(
                                BlockNumberOrTag.of(BlockTag.LATEST), BlockNumberOrTag.of(1)));
    }

    @Test
    void readsABlockHashAlone() {
        assertThat(parse("{\"blockHash\":\"" + BLOCK_HASH + "\"}").scope())
                .isEqualTo(new LogFilter.AtBlockHash(Hash.fromHex(BLOCK_HASH)));
        String message =
                "cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other";
        assertThatThrownBy(
                        () -> parse("{\"blockHash\":\"" + BLOCK_HASH + "\",\"fromBlock\":\"0x1\"}"))
                .hasMessage(message);
        assertThatThrownBy(
                        () ->
                                parse(
                                        "{\"blockHash\":\""
                                                + BLOCK_HASH
                                                + "\",\"toBlock\":\"latest\"}"))
                .hasMessage(message);
    }

    @Test
    void readsOneAddressOrMany() {
        assertThat(parse("{\"address\":\"" + ADDRESS_1 + "\"}").addresses())
                .containsExactly(Address.fromHex(ADDRESS_1));
        assertThat(parse("{\"address\":[\"" + ADDRESS_1 + "\",\"" + ADDRESS_2 + "\"]}").addresses())
                .containsExactly(Address.fromHex(ADDRESS_1), Address.fromHex(ADDRESS_2));
        assertThat(parse("{\"address\":[]}").addresses()).isEmpty();
        assertThat(parse("{\"address\":null}").addresses()).isEmpty();
    }

    @Test
    void refusesBadAddressesWithGethMessages() {
        assertThatThrownBy(() -> parse("{\"address\":\"0x1234\"}"))
                .hasMessage(
                        "invalid address: hex has invalid length 2 after decoding; expected 20 for address");
        assertThatThrownBy(() -> parse("{\"address\":[\"" + ADDRESS_1 + "\",\"0xzz\"]}"))
                .hasMessage("invalid address at index 1: invalid hex string");
        assertThatThrownBy(() -> parse("{\"address\":[\"" + ADDRESS_1 + "\",7]}"))
                .hasMessage("non-string address at index 1");
        assertThatThrownBy(() -> parse("{\"address\":{}}"))
                .hasMessage("invalid addresses in query");
    }

    @Test
    void readsTopicPositions() {
        LogFilter filter =
                parse(
                        "{\"topics\":[\""
                                + TOPIC_1
                                + "\",null,[\""
                                + TOPIC_1
                                + "\",\""
                                + TOPIC_2
                                + "\"],[]]}");
        assertThat(filter.topics())
                .containsExactly(
                        List.of(Hash.fromHex(TOPIC_1)),
                        List.of(),
                        List.of(Hash.fromHex(TOPIC_1), Hash.fromHex(TOPIC_2)),
                        List.of());
    }

    @Test
    void aNullAlternativeMakesThePositionAWildcard() {
        assertThat(parse("{\"topics\":[[\"" + TOPIC_1 + "\",null]]}").topics())
                .containsExactly(List.of());
        assertThat(parse("{\"topics\":[[null,\"" + TOPIC_1 + "\"]]}").topics())
                .containsExactly(List.of());
    }

    @Test
    void enforcesGethTopicLimits() {
        String five = "[null,null,null,null,null]";
        assertThatThrownBy(() -> parse("{\"topics\":" + five + "}"))
                .hasMessage("exceed max topics");
        String many =
                IntStream.range(0, LogFilter.MAX_TOPICS_PER_POSITION + 1)
                        .mapToObj(i -> "\"" + TOPIC_1 + "\"")
                        .collect(Collectors.joining(",", "[", "]"));
        assertThatThrownBy(() -> parse("{\"topics\":[" + many + "]}"))
                .hasMessage("exceed max topics");
    }

    @Test
    void refusesBadTopics() {
        assertThatThrownBy(() -> parse("{\"topics\":[1]}")).hasMessage("invalid topic(s)");
        assertThatThrownBy(() -> parse("{\"topics\":[[1]]}")).hasMessage("invalid topic(s)");
        assertThatThrownBy(() -> parse("{\"topics\":\"" + TOPIC_1 + "\"}"))
                .hasMessage("invalid topic(s)");
        assertThatThrownBy(() -> parse("{\"topics\":[\"0x01\"]}"))
                .hasMessage("hex has invalid length 1 after decoding; expected 32 for topic");
        assertThatThrownBy(() -> parse("[]")).hasMessage("cannot unmarshal non-object into filter");
    }

    @Test
    void queryLimitCountsAddressesAndEachTopicPosition() {
        LogFilter filter =
                parse(
                        "{\"address\":[\""
                                + ADDRESS_1
                                + "\",\""
                                + ADDRESS_2
                                + "\"],"
                                + "\"topics\":[[\""
                                + TOPIC_1
                                + "\",\""
                                + TOPIC_2
                                + "\"],\""
                                + TOPIC_1
                                + "\"]}");
        assertThat(filter.exceedsQueryLimit(2)).isFalse();
        assertThat(filter.exceedsQueryLimit(1)).isTrue();
        assertThat(
                        parse("{\"topics\":[[\"" + TOPIC_1 + "\",\"" + TOPIC_2 + "\"]]}")
                                .exceedsQueryLimit(1))
                .isTrue();
    }

    private static LogFilter parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return LogFilterParser.parse(node);
        } catch (JsonFormatException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
