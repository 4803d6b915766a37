package io.annals.rpc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unformatted data, addresses and hashes; messages follow go-ethereum's common/hexutil. */
class HexDataTest {

    @Test
    void encodesLowercaseWithPrefix() {
        assertThat(HexData.encode(new byte[0])).isEqualTo("0x");
        assertThat(HexData.encode(new byte[] {0, 1, (byte) 0xab, (byte) 0xff}))
                .isEqualTo("0x0001abff");
    }

    @Test
    void decodesEitherCase() {
        assertThat(HexData.decode("0x")).isEmpty();
        assertThat(HexData.decode("0x0001ABff")).containsExactly(0, 1, 0xab, 0xff);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|empty hex string",
                "0001|hex string without 0x prefix",
                "0x0|hex string of odd length",
                "0x123|hex string of odd length",
                "0xzz|invalid hex string",
                "0x0g|invalid hex string",
            })
    void rejectsMalformedData(String text, String message) {
        assertThatThrownBy(() -> HexData.decode(text))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage(message);
    }

    @Test
    void parsesAddressesOfExactlyTwentyBytes() {
        String hex = "0x" + "ab".repeat(20);
        assertThat(HexData.parseAddress(hex)).isEqualTo(Address.fromHex(hex));
        assertThatThrownBy(() -> HexData.parseAddress("0x" + "ab".repeat(19)))
                .hasMessage("hex string has length 38, want 40 for common.Address");
        assertThatThrownBy(() -> HexData.parseAddress("ab".repeat(20)))
                .hasMessage(
                        "json: cannot unmarshal hex string without 0x prefix into Go value of"
                                + " type common.Address");
        assertThatThrownBy(() -> HexData.parseAddress(IntNode.valueOf(1)))
                .hasMessage("cannot unmarshal non-string into address");
    }

    @Test
    void parsesHashesOfExactlyThirtyTwoBytes() {
        String hex = "0x" + "0123456789abcdef".repeat(4);
        assertThat(HexData.parseHash(hex)).isEqualTo(Hash.fromHex(hex));
        assertThatThrownBy(() -> HexData.parseHash("0x" + "00".repeat(33)))
                .hasMessage("hex string has length 66, want 64 for common.Hash");
        assertThatThrownBy(() -> HexData.parseHash("0x" + "zz".repeat(32)))
                .hasMessage(
                        "json: cannot unmarshal invalid hex string into Go value of type"
                                + " common.Hash");
    }
}
