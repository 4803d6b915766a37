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
    private static final FuzzContract CONTRACT = FuzzContract.of(64);
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
