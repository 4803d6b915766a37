package io.annals.rpc.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.annals.rpc.eth.json.JsonWritable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A subscription's message as geth sends it: {@code
 * {"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":ID,"result":...}}}.
 */
final class Notifications {
    private static final JsonFactory JSON = new JsonFactory();

    private Notifications() {}

    static byte[] encode(String subscription, JsonWritable result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("jsonrpc", "2.0");
            gen.writeStringField("method", "eth_subscription");
            gen.writeObjectFieldStart("params");
            gen.writeStringField("subscription", subscription);
            gen.writeFieldName("result");
            result.writeTo(gen);
            gen.writeEndObject();
            gen.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }
}
