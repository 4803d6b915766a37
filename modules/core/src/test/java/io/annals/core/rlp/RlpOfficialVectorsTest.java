package io.annals.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import io.annals.core.util.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RLP tests of ethereum/tests (RLPTests/rlptest.json, invalidRLPTest.json and
 * RandomRLPTests/example.json; see src/test/resources/rlp/README.md for the commit).
 */
class RlpOfficialVectorsTest {

    static Stream<Arguments> validCases() {
        return cases("rlp/rlptest.json");
    }

    static Stream<Arguments> invalidCases() {
        return cases("rlp/invalidRLPTest.json");
    }

    static Stream<Arguments> randomCases() {
        return cases("rlp/randomRLPTest-example.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void encodingTheInputGivesTheOutput(String name, ConfigValue in, String out) {
        RlpWriter writer = new RlpWriter();
        write(writer, in);
        assertThat(Hex.encode(writer.toByteArray())).isEqualTo(normalise(out));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void decodingTheOutputGivesTheInput(String name, ConfigValue in, String out) {
        RlpReader reader = RlpReader.of(Hex.decode(out));
        expectValue(reader, in);
        reader.ensureEnd();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void theGenericDecoderRoundTripsTheOutput(String name, ConfigValue in, String out) {
        byte[] encoded = Hex.decode(out);
        assertThat(RlpTree.encode(RlpTree.decode(encoded))).isEqualTo(encoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void theStrictDecoderRejectsEveryInvalidEncoding(String name, ConfigValue in, String out) {
        assertThat(in.unwrapped()).isEqualTo("INVALID");
        byte[] encoded = Hex.decode(out);
        assertThatThrownBy(() -> RlpTree.decode(encoded)).isInstanceOf(RlpException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomCases")
    void randomValidEncodingsDecode(String name, ConfigValue in, String out) {
        assertThat(in.unwrapped()).isEqualTo("VALID");
        byte[] encoded = Hex.decode(out);
        assertThat(RlpTree.encode(RlpTree.decode(encoded))).isEqualTo(encoded);
    }

    @Test
    void theVectorFilesAreComplete() {
        assertThat(validCases()).hasSize(28);
        assertThat(invalidCases()).hasSize(26);
        assertThat(randomCases()).hasSize(1);
    }

    /** Writes a JSON test input: a string, an integer, "#decimal" for a big integer, or a list. */
    private static void write(RlpWriter writer, ConfigValue in) {
        switch (in.valueType()) {
            case NUMBER -> writer.writeLong(((Number) in.unwrapped()).longValue());
            case STRING -> {
                String s = (String) in.unwrapped();
                if (s.startsWith("#")) {
                    writer.writeBigInteger(new BigInteger(s.substring(1)));
                } else {
                    writer.writeBytes(bytesOf(s));
                }
            }
            case LIST -> {
                int mark = writer.startList();
                for (ConfigValue item : (ConfigList) in) {
                    write(writer, item);
                }
                writer.endList(mark);
            }
            default -> fail("unexpected test input " + in.render());
        }
    }

    /** Reads the next item as the type the JSON input has, and checks its value. */
    private static void expectValue(RlpReader reader, ConfigValue in) {
        switch (in.valueType()) {
            case NUMBER ->
                    assertThat(reader.readLong()).isEqualTo(((Number) in.unwrapped()).longValue());
            case STRING -> {
                String s = (String) in.unwrapped();
                if (s.startsWith("#")) {
                    assertThat(reader.readBigInteger(Integer.MAX_VALUE))
                            .isEqualTo(new BigInteger(s.substring(1)));
                } else {
                    assertThat(reader.readBytes()).isEqualTo(bytesOf(s));
                }
            }
            case LIST -> {
                RlpReader list = reader.readList();
                for (ConfigValue item : (ConfigList) in) {
                    expectValue(list, item);
                }
                list.ensureEnd();
            }
            default -> fail("unexpected test input " + in.render());
        }
    }

    /** The test strings are byte strings written as JSON text: each char is one byte. */
    private static byte[] bytesOf(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String normalise(String hex) {
        return Hex.encode(Hex.decode(hex));
    }

    private static Stream<Arguments> cases(String resource) {
        ConfigObject root =
                ConfigFactory.parseResources(
                                resource,
                                ConfigParseOptions.defaults()
                                        .setSyntax(ConfigSyntax.JSON)
                                        .setAllowMissing(false))
                        .root();
        List<Arguments> cases = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : root.entrySet()) {
            ConfigObject testCase = (ConfigObject) entry.getValue();
            cases.add(
                    Arguments.of(
                            entry.getKey(),
                            testCase.get("in"),
                            (String) testCase.get("out").unwrapped()));
        }
        return cases.stream();
    }
}
