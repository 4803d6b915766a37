package io.annals.rpc.eth.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;

/**
 * A result that writes itself, member by member, in go-ethereum's order. Jackson calls {@link
 * #writeTo} while it encodes the response on the RPC blocking pool, so nothing is built as an
 * intermediate tree and a large answer costs little more than its bytes.
 */
public interface JsonWritable extends JsonSerializable {

    void writeTo(JsonGenerator out) throws IOException;

    @Override
    default void serialize(JsonGenerator out, SerializerProvider provider) throws IOException {
        writeTo(out);
    }

    /** RPC results carry no type information; the value is written as it is. */
    @Override
    default void serializeWithType(
            JsonGenerator out, SerializerProvider provider, TypeSerializer types)
            throws IOException {
        writeTo(out);
    }
}
