package io.annals.rpc.eth.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.annals.rpc.jsonrpc.EncodedResult;
import java.io.IOException;

/**
 * A value already encoded as JSON (UTF-8): written raw inside other JSON, or, as a whole result,
 * sent as it is (the response encoder neither copies nor re-encodes it). The bytes are never
 * modified once wrapped.
 */
public record EncodedJson(byte[] json) implements JsonWritable, EncodedResult {
    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        out.writeRawValue(new RawJson(json));
    }
}
