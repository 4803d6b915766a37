package io.annals.rpc.eth.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.store.LogEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte writer against a plain Jackson rendering of go-ethereum's log JSON ({@code
 * core/types/gen_log_json.go}: member order, {@code hexutil.Uint64} quantities, {@code
 * hexutil.Bytes} data), member by member through the generator's string writer, over logs of every
 * shape: 0 to 4 topics, empty and long data, zero and 64-bit quantities, several logs per
 * transaction, removed or not.
 */
class LogJsonBytesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyLogShapeIsWrittenAsJacksonWritesItMemberByMember() throws IOException {
        Random random = new Random(16);
        List<LogEntry> entries = randomBlock(random, 0, 0, 300);
        for (LogEntry entry : entries) {
            assertThat(text(LogJsonBytes.log(entry, false))).isEqualTo(reference(entry, false));
            assertThat(text(LogJsonBytes.log(entry, true))).isEqualTo(reference(entry, true));
            assertThat(text(LogJson.of(entry).json())).isEqualTo(reference(entry, false));
        }
        StringBuilder array = new StringBuilder("[");
        for (LogEntry entry : entries) {
            array.append(array.length() > 1 ? "," : "").append(reference(entry, false));
        }
        assertThat(text(LogJson.array(entries))).isEqualTo(array.append(']').toString());
    }

    @Test
    void extremeQuantitiesAndEmptyArrays() throws IOException {
        Random random = new Random(7);
        List<LogEntry> entries = new ArrayList<>();
        entries.addAll(randomBlock(random, Long.MAX_VALUE, -1L, 3));
        entries.addAll(randomBlock(random, 0x10, 0xffff_ffffL, 3));
        entries.addAll(randomBlock(random, 1L << 60, 15, 3));
        for (LogEntry entry : entries) {
            assertThat(text(LogJsonBytes.log(entry, false))).isEqualTo(reference(entry, false));
        }
        assertThat(text(LogJson.array(List.of()))).isEqualTo("[]");
        assertThat(text(LogJson.array(entries.subList(0, 1))))
                .isEqualTo("[" + reference(entries.get(0), false) + "]");
    }

    @Test
    void writtenThroughAGeneratorTheLogIsOneValueAmongOthers() throws IOException {
        LogEntry entry = randomBlock(new Random(3), 5, 6, 1).get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = new JsonFactory().createGenerator(out)) {
            gen.writeStartArray();
            LogJson.of(entry).writeTo(gen);
            LogJson.of(entry).asRemoved().writeTo(gen);
            gen.writeEndArray();
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("[" + reference(entry, false) + "," + reference(entry, true) + "]");
    }

    /** Logs of one block: transactions of 1 to 4 logs each, {@code count} logs in all. */
    private static List<LogEntry> randomBlock(
            Random random, long number, long timestamp, int count) {
        Hash blockHash = Hash.wrap(bytes(random, 32));
        List<LogEntry> entries = new ArrayList<>();
        int tx = 0;
        while (entries.size() < count) {
            Hash txHash = Hash.wrap(bytes(random, 32));
            int logs = 1 + random.nextInt(4);
            for (int i = 0; i < logs && entries.size() < count; i++) {
                List<Hash> topics = new ArrayList<>();
                int topicCount = random.nextInt(5);
                for (int t = 0; t < topicCount; t++) {
                    topics.add(Hash.wrap(bytes(random, 32)));
                }
                int dataLength = random.nextInt(4) == 0 ? 0 : random.nextInt(300);
                Log log =
                        Log.of(Address.wrap(bytes(random, 20)), topics, bytes(random, dataLength));
                entries.add(
                        new LogEntry(
                                number, blockHash, timestamp, tx, txHash, entries.size(), log));
            }
            tx++;
        }
        return entries;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    private static String reference(LogEntry entry, boolean removed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = new JsonFactory().createGenerator(out)) {
            Log log = entry.log();
            gen.writeStartObject();
            gen.writeStringField("address", "0x" + HEX.formatHex(log.address().unsafeArray()));
            gen.writeArrayFieldStart("topics");
            for (Hash topic : log.topics()) {
                gen.writeString("0x" + HEX.formatHex(topic.unsafeArray()));
            }
            gen.writeEndArray();
            gen.writeStringField("data", "0x" + HEX.formatHex(log.unsafeData()));
            gen.writeStringField("blockNumber", quantity(entry.blockNumber()));
            gen.writeStringField(
                    "transactionHash", "0x" + HEX.formatHex(entry.transactionHash().unsafeArray()));
            gen.writeStringField("transactionIndex", quantity(entry.transactionIndex()));
            gen.writeStringField(
                    "blockHash", "0x" + HEX.formatHex(entry.blockHash().unsafeArray()));
            gen.writeStringField("blockTimestamp", quantity(entry.blockTimestamp()));
            gen.writeStringField("logIndex", quantity(entry.logIndex()));
            gen.writeBooleanField("removed", removed);
            gen.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String quantity(long value) {
        return "0x" + Long.toUnsignedString(value, 16);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
