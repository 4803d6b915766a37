package io.annals.rpc.jsonrpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.annals.core.testing.FuzzContract;
import java.io.ByteArrayInputStream;

/**
 * The JSON-RPC request body, as the server reads it: any bytes give a {@link ParsedBody} (calls,
 * invalid entries answered under their ids, or a rejection such as a parse error), never an
 * exception, within Jackson's constraints (nesting, number and string lengths) and a batch limit.
 */
class RequestParserFuzzTest {
    private static final int MAX_BATCH = 16;

    /**
     * 64 bytes per input byte plus 4 MiB: a body Jackson rejects costs about 30 KB in a plain JVM
     * (the campaign's three inputs, measured by hand after the first call), but about 1.3 MB under
     * Jazzer's hooks, on every run, which the 1 MiB default slack counted against the parser.
     */
    private static final FuzzContract CONTRACT = FuzzContract.of(64, 4 << 20);

    private static final RequestParser PARSER =
            new RequestParser(RpcJson.newMapper(1 << 20), MAX_BATCH);

    @FuzzTest
    void parsesAnyBodyIntoEntriesOrARejection(byte[] input) {
        ParsedBody body =
                CONTRACT.decode(input.length, () -> PARSER.parse(new ByteArrayInputStream(input)));
        if (body == null) {
            throw new AssertionError("no parsed body");
        }
        if (body instanceof ParsedBody.Batch batch
                && (batch.entries().isEmpty() || batch.entries().size() > MAX_BATCH)) {
            throw new AssertionError("a batch of " + batch.entries().size() + " entries");
        }
    }
}
