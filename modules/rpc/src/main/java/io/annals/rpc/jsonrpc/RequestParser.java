package io.annals.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON-RPC request body into {@link RequestEntry}s with go-ethereum's rules (rpc/json.go,
 * rpc/handler.go): a message is a call when {@code jsonrpc} is the string {@code "2.0"}, {@code
 * method} a non-empty string and {@code id} a scalar; a notification when the {@code id} member is
 * absent; anything else (including non-objects in a batch) is an invalid request, answered under
 * its id when the id is a scalar and under {@code null} otherwise.
 *
 * <p>Bounded: the body size is limited before it gets here, nesting depth and token sizes by the
 * mapper's {@code StreamReadConstraints} (see {@link RpcJson}), and entries past the batch limit
 * are only scanned, never kept. Syntax errors anywhere, or trailing content, reject the whole body.
 *
 * @see <a href="https://www.jsonrpc.org/specification#request_object">JSON-RPC 2.0 request
 *     object</a>
 */
final class RequestParser {
    private final ObjectMapper mapper;
    private final int maxBatchSize;

    RequestParser(ObjectMapper mapper, int maxBatchSize) {
        this.mapper = mapper;
        this.maxBatchSize = maxBatchSize;
    }

    ParsedBody parse(InputStream body) {
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return parseError();
            }
            ParsedBody parsed =
                    first == JsonToken.START_ARRAY
                            ? readBatch(parser)
                            : new ParsedBody.Single(readEntry(parser));
            if (parser.nextToken() != null) {
                return parseError(); // one JSON value per body
            }
            return parsed;
        } catch (IOException e) {
            // syntax errors and broken constraints (StreamConstraintsException) alike
            return parseError();
        }
    }

    private ParsedBody readBatch(JsonParser parser) throws IOException {
        List<RequestEntry> entries = new ArrayList<>();
        RequestId firstCallId = null;
        int count = 0;
        for (JsonToken token = parser.nextToken();
                token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
            if (token == null) {
                return parseError();
            }
            count++;
            if (count <= maxBatchSize || firstCallId == null) {
                RequestEntry entry = readEntry(parser);
                if (firstCallId == null
                        && entry instanceof RequestEntry.Call call
                        && !call.isNotification()) {
                    firstCallId = call.id();
                }
                if (count <= maxBatchSize) {
                    entries.add(entry);
                }
            } else {
                parser.skipChildren(); // still syntax-checked, never kept
            }
        }
        if (count == 0) {
            return new ParsedBody.Rejected(RequestId.NULL, ProtocolErrors.EMPTY_BATCH, false);
        }
        if (count > maxBatchSize) {
            // geth answers the first call's id: the protocol has no id for a whole batch
            return new ParsedBody.Rejected(
                    firstCallId == null ? RequestId.NULL : firstCallId,
                    ProtocolErrors.BATCH_TOO_LARGE,
                    true);
        }
        return new ParsedBody.Batch(List.copyOf(entries));
    }

    /** Reads the value at the current token, leaving the parser on its last token. */
    private RequestEntry readEntry(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return new RequestEntry.Invalid(RequestId.NULL, ProtocolErrors.INVALID_REQUEST);
        }
        boolean validVersion = false;
        boolean hasId = false;
        RequestId id = null;
        String method = null;
        JsonNode params = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "jsonrpc" ->
                        validVersion =
                                value == JsonToken.VALUE_STRING && "2.0".equals(parser.getText());
                case "id" -> {
                    hasId = true;
                    id = value.isScalarValue() ? RequestId.read(parser) : null;
                }
                case "method" -> method = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "params" -> params = parser.readValueAsTree();
                default -> {}
            }
            if (!"params".equals(field)) {
                parser.skipChildren();
            }
        }
        boolean hasMethod = method != null && !method.isEmpty();
        if (validVersion && hasMethod && !hasId) {
            return new RequestEntry.Call(null, method, params);
        }
        if (validVersion && hasMethod && id != null) {
            return new RequestEntry.Call(id, method, params);
        }
        return new RequestEntry.Invalid(
                id == null ? RequestId.NULL : id, ProtocolErrors.INVALID_REQUEST);
    }

    private static ParsedBody parseError() {
        return new ParsedBody.Rejected(RequestId.NULL, ProtocolErrors.PARSE_ERROR, false);
    }
}
