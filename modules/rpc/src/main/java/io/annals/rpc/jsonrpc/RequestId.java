package io.annals.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;

/**
 * A request's {@code id}, kept as the JSON text to echo. Numbers keep their exact textual form
 * ({@code 1e400}, {@code 12345678901234567890123}, {@code 1.50}), so no id is ever rounded. As in
 * go-ethereum, any JSON scalar is accepted; objects and arrays are not ids.
 */
public record RequestId(String json) {
    public static final RequestId NULL = new RequestId("null");

    /** Reads the scalar at the parser's current token. */
    static RequestId read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return new RequestId(
                    '"'
                            + new String(
                                    JsonStringEncoder.getInstance().quoteAsString(parser.getText()))
                            + '"');
        }
        if (token == JsonToken.VALUE_NULL) {
            return NULL;
        }
        if (!token.isScalarValue()) {
            throw new IllegalStateException("not a scalar: " + token);
        }
        // for numbers this is the text as it appeared in the request, not a re-rendering
        return new RequestId(parser.getText());
    }

    @Override
    public String toString() {
        return json;
    }
}
