package io.annals.rpc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Encoding and strict parsing of quantities. Cases and messages follow go-ethereum's common/hexutil
 * tests (hexutil_test.go, json_test.go).
 */
class QuantityTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0x0",
        "1, 0x1",
        "26, 0x1a",
        "255, 0xff",
        "4096, 0x1000",
        "9223372036854775807, 0x7fffffffffffffff",
    })
    void encodesLongsWithoutLeadingZeros(long value, String expected) {
        assertThat(Quantity.encode(value)).isEqualTo(expected);
    }

    @Test
    void encodesLongBitsAsUnsigned() {
        assertThat(Quantity.encode(-1L)).isEqualTo("0xffffffffffffffff");
        assertThat(Quantity.encode(Long.MIN_VALUE)).isEqualTo("0x8000000000000000");
    }

    @Test
    void encodesBigIntegers() {
        assertThat(Quantity.encode(BigInteger.ZERO)).isEqualTo("0x0");
        assertThat(Quantity.encode(BigInteger.ONE.shiftLeft(255)))
                .isEqualTo("0x8" + "0".repeat(63));
        assertThatThrownBy(() -> Quantity.encode(BigInteger.valueOf(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "0x0, 0",
        "0x1, 1",
        "0x1a, 26",
        "0X1A, 26",
        "0xAbC, 2748",
        "0x7fffffffffffffff, 9223372036854775807",
    })
    void parsesUint64(String text, long expected) {
        assertThat(Quantity.parseUint64(text)).isEqualTo(expected);
    }

    @Test
    void parsesTheFullUint64Range() {
        assertThat(Quantity.parseUint64("0xffffffffffffffff")).isEqualTo(-1L);
        assertThat(Long.toUnsignedString(Quantity.parseUint64("0xffffffffffffffff")))
                .isEqualTo("18446744073709551615");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|empty hex string",
                "0|hex string without 0x prefix",
                "1a|hex string without 0x prefix",
                "0x|hex string \"0x\"",
                "0x01|hex number with leading zero digits",
                "0x00|hex number with leading zero digits",
                "0xfffffffffffffffff|hex number > 64 bits",
                "0x10000000000000000|hex number > 64 bits",
                "0xg|invalid hex string",
                "0x1z|invalid hex string",
                "0x-1|invalid hex string",
            })
    void rejectsMalformedUint64WithGethMessages(String text, String message) {
        assertThatThrownBy(() -> Quantity.parseUint64(text))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage(message);
    }

    @Test
    void parsesUpTo256Bits() {
        String max = "0x" + "f".repeat(64);
        assertThat(Quantity.parseBig256(max))
                .isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
        assertThatThrownBy(() -> Quantity.parseBig256("0x1" + "0".repeat(64)))
                .hasMessage("hex number > 256 bits");
        assertThatThrownBy(() -> Quantity.parseBig256("0x0" + "1"))
                .hasMessage("hex number with leading zero digits");
    }

    @Test
    void jsonValuesMustBeStrings() {
        assertThat(Quantity.parseUint64(TextNode.valueOf("0x10"))).isEqualTo(16);
        assertThatThrownBy(() -> Quantity.parseUint64(IntNode.valueOf(16)))
                .hasMessage("cannot unmarshal non-string into quantity");
    }

    @Test
    void roundTrips() {
        for (long v : new long[] {0, 1, 15, 16, 255, 256, 1L << 40, Long.MAX_VALUE, -1}) {
            assertThat(Quantity.parseUint64(Quantity.encode(v))).isEqualTo(v);
        }
    }
}
