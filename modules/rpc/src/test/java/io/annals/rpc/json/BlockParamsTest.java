package io.annals.rpc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annals.core.types.Hash;
import org.junit.jupiter.api.Test;

/**
 * The default block parameter and its EIP-1898 object form; behaviour and messages follow
 * go-ethereum's rpc/types.go and rpc/types_test.go.
 */
class BlockParamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "0x" + "11".repeat(32);

    @Test
    void readsEveryTag() {
        for (BlockTag tag : BlockTag.values()) {
            assertThat(BlockNumberOrTag.parse(json("\"" + tag.jsonName() + "\"")))
                    .isEqualTo(BlockNumberOrTag.of(tag));
        }
        assertThat(BlockTag.LATEST.jsonName()).isEqualTo("latest");
    }

    @Test
    void readsNumbersUpToInt64() {
        assertThat(BlockNumberOrTag.parse(json("\"0x0\""))).isEqualTo(BlockNumberOrTag.of(0));
        assertThat(BlockNumberOrTag.parse(json("\"0x1b4\""))).isEqualTo(BlockNumberOrTag.of(436));
        assertThat(BlockNumberOrTag.parse("0x7fffffffffffffff"))
                .isEqualTo(BlockNumberOrTag.of(Long.MAX_VALUE));
        assertThatThrownBy(() -> BlockNumberOrTag.parse("0x8000000000000000"))
                .hasMessage("block number larger than int64");
    }

    @Test
    void refusesWhatGethRefuses() {
        assertThatThrownBy(() -> BlockNumberOrTag.parse("Latest"))
                .hasMessage("hex string without 0x prefix");
        assertThatThrownBy(() -> BlockNumberOrTag.parse("0x01"))
                .hasMessage("hex number with leading zero digits");
        assertThatThrownBy(() -> BlockNumberOrTag.parse("0x")).hasMessage("hex string \"0x\"");
        assertThatThrownBy(() -> BlockNumberOrTag.parse(json("1")))
                .hasMessage("cannot unmarshal non-string into block number");
    }

    @Test
    void writesBackTheJsonForm() {
        assertThat(BlockNumberOrTag.of(26).toJson()).isEqualTo("0x1a");
        assertThat(BlockNumberOrTag.of(BlockTag.FINALIZED).toJson()).isEqualTo("finalized");
    }

    @Test
    void blockNumberOrHashTakesStrings() {
        assertThat(BlockNumberOrHash.parse(json("\"safe\"")))
                .isEqualTo(new BlockNumberOrHash.ByNumber(BlockNumberOrTag.of(BlockTag.SAFE)));
        assertThat(BlockNumberOrHash.parse(json("\"0x10\"")))
                .isEqualTo(new BlockNumberOrHash.ByNumber(BlockNumberOrTag.of(16)));
        assertThat(BlockNumberOrHash.parse(json("\"" + HASH + "\"")))
                .isEqualTo(new BlockNumberOrHash.ByHash(Hash.fromHex(HASH), false));
        assertThatThrownBy(() -> BlockNumberOrHash.parse(json("\"0xffffffffffffffff\"")))
                .hasMessage("blocknumber too high");
    }

    @Test
    void blockNumberOrHashTakesTheEip1898Object() {
        assertThat(BlockNumberOrHash.parse(json("{\"blockNumber\":\"0x0\"}")))
                .isEqualTo(new BlockNumberOrHash.ByNumber(BlockNumberOrTag.of(0)));
        assertThat(BlockNumberOrHash.parse(json("{\"blockNumber\":\"earliest\"}")))
                .isEqualTo(new BlockNumberOrHash.ByNumber(BlockNumberOrTag.of(BlockTag.EARLIEST)));
        assertThat(BlockNumberOrHash.parse(json("{\"blockHash\":\"" + HASH + "\"}")))
                .isEqualTo(new BlockNumberOrHash.ByHash(Hash.fromHex(HASH), false));
        assertThat(
                        BlockNumberOrHash.parse(
                                json("{\"blockHash\":\"" + HASH + "\",\"requireCanonical\":true}")))
                .isEqualTo(new BlockNumberOrHash.ByHash(Hash.fromHex(HASH), true));
    }

    @Test
    void eip1898ObjectNeedsExactlyOneOfNumberAndHash() {
        assertThatThrownBy(
                        () ->
                                BlockNumberOrHash.parse(
                                        json(
                                                "{\"blockNumber\":\"0x1\",\"blockHash\":\""
                                                        + HASH
                                                        + "\"}")))
                .hasMessage(
                        "cannot specify both BlockHash and BlockNumber, choose one or the other");
        assertThatThrownBy(() -> BlockNumberOrHash.parse(json("{}")))
                .hasMessage("must specify either BlockHash or BlockNumber");
        assertThatThrownBy(
                        () ->
                                BlockNumberOrHash.parse(
                                        json(
                                                "{\"blockHash\":\""
                                                        + HASH
                                                        + "\",\"requireCanonical\":1}")))
                .hasMessage("cannot unmarshal non-bool into requireCanonical");
        assertThatThrownBy(() -> BlockNumberOrHash.parse(json("{\"blockHash\":\"0x12\"}")))
                .hasMessage("hex string has length 2, want 64 for common.Hash");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
