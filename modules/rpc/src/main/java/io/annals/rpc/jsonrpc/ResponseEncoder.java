package io.annals.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annals.rpc.methods.RpcError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes response objects in go-ethereum's member order: {@code
 * {"jsonrpc":"2.0","id":...,"result":...}} or {@code {"jsonrpc":"2.0","id":...,"error":{...}}}. The
 * id is written as the text it was received as.
 *
 * @see <a href="https://www.jsonrpc.org/specification#response_object">JSON-RPC 2.0 response
 *     object</a>
 */
final class ResponseEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseEncoder.class);

    private static final byte[] CLOSE = {'}'};

    private final ObjectMapper mapper;

    ResponseEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Encodes a result answer of at most {@code maxBytes}, as the chunks it was written into.
     *
     * @throws IOException {@link LimitedOutputStream.LimitExceeded} past the limit, or Jackson's
     *     exception when the result cannot be written as JSON
     */
    List<byte[]> result(RequestId id, Object result, long maxBytes) throws IOException {
        if (result instanceof EncodedResult encoded) {
            return encoded(id, encoded.json(), maxBytes);
        }
        LimitedOutputStream out = new LimitedOutputStream(maxBytes);
        try (JsonGenerator gen = mapper.createGenerator(out)) {
            writeHead(gen, id);
            gen.writeFieldName("result");
            mapper.writeValue(gen, result);
            gen.writeEndObject();
        }
        return out.chunks();
    }

    /**
     * {@code {"jsonrpc":"2.0","id":...,"result":} + the bytes + {@code }}, the bytes not copied.
     */
    private static List<byte[]> encoded(RequestId id, byte[] json, long maxBytes)
            throws IOException {
        // what writeHead writes: the id is echoed as the JSON text it came as
        byte[] head =
                ("{\"jsonrpc\":\"2.0\",\"id\":" + id.json() + ",\"result\":")
                        .getBytes(StandardCharsets.UTF_8);
        if (head.length + json.length + 1L > maxBytes) {
            throw new LimitedOutputStream.LimitExceeded();
        }
        return List.of(head, json, CLOSE);
    }

    /**
     * Encodes an error answer; if its {@code data} cannot be written, the answer goes without it.
     */
    byte[] error(RequestId id, RpcError error) {
        try {
            return writeError(id, error);
        } catch (IOException e) {
            LOG.warn(
                    "error data of code {} cannot be written as JSON, answering without it",
                    error.code(),
                    e);
            try {
                return writeError(id, new RpcError(error.code(), error.message(), null));
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
        }
    }

    private byte[] writeError(RequestId id, RpcError error) throws IOException {
        LimitedOutputStream out = new LimitedOutputStream(Long.MAX_VALUE);
        try (JsonGenerator gen = mapper.createGenerator(out)) {
            writeHead(gen, id);
            gen.writeObjectFieldStart("error");
            gen.writeNumberField("code", error.code());
            gen.writeStringField("message", error.message());
            if (error.data() != null) {
                gen.writeFieldName("data");
                mapper.writeValue(gen, error.data());
            }
            gen.writeEndObject();
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeHead(JsonGenerator gen, RequestId id) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("jsonrpc", "2.0");
        gen.writeFieldName("id");
        gen.writeRawValue(id.json());
    }
}
