package io.annals.rpc.eth.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.annals.store.LogEntry;
import java.io.IOException;
import java.util.List;

/**
 * A log as go-ethereum writes it ({@code core/types/gen_log_json.go}): address, topics, data,
 * blockNumber, transactionHash, transactionIndex, blockHash, blockTimestamp, logIndex (within the
 * block), removed. {@code removed} is true only for a log of a block a reorg dropped, reported
 * again by {@code eth_getFilterChanges}.
 */
public record LogJson(LogEntry entry, boolean removed) implements JsonWritable {
    public static LogJson of(LogEntry entry) {
        return new LogJson(entry, false);
    }

    public static List<LogJson> all(List<LogEntry> entries) {
        return entries.stream().map(LogJson::of).toList();
    }

    /** The logs, each written from {@code cache} when it holds it (logs of the newest blocks). */
    public static List<JsonWritable> all(List<LogEntry> entries, AnswerCache cache) {
        List<JsonWritable> out = new java.util.ArrayList<>(entries.size());
        for (LogEntry e : entries) {
            out.add(
                    cache.cached(
                            AnswerCache.Kind.LOG,
                            e.blockHash(),
                            e.blockNumber(),
                            e.logIndex(),
                            LogJson.of(e)));
        }
        return out;
    }

    /** The same log, reported as dropped by a reorg. */
    public LogJson asRemoved() {
        return new LogJson(entry, true);
    }

    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        out.writeRawValue(new RawJson(json()));
    }

    /** This log's JSON object, as {@link LogJsonBytes} writes it. */
    public byte[] json() {
        return LogJsonBytes.log(entry, removed);
    }

    /** A JSON array of every log of {@code entries} (none removed), in their order. */
    public static byte[] array(List<LogEntry> entries) {
        return LogJsonBytes.array(entries);
    }
}
