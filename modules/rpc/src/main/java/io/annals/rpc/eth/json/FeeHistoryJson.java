package io.annals.rpc.eth.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * go-ethereum's {@code feeHistoryResult} ({@code internal/ethapi/api.go}), members in the struct's
 * order: {@code oldestBlock}; {@code reward} only with percentiles (omitempty); {@code
 * baseFeePerGas} (one more than blocks); {@code gasUsedRatio} (null when nothing was retrievable);
 * {@code baseFeePerBlobGas} and {@code blobGasUsedRatio}. Ratios are written as Go writes floats.
 *
 * @param rewards null when no percentiles were asked for
 * @param baseFees empty when nothing was retrievable (then every list but the ratios is left out)
 */
public record FeeHistoryJson(
        long oldestBlock,
        List<List<BigInteger>> rewards,
        List<BigInteger> baseFees,
        List<Double> gasUsedRatios,
        List<BigInteger> blobBaseFees,
        List<Double> blobGasUsedRatios)
        implements JsonWritable {

    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        out.writeStartObject();
        JsonOut.quantity(out, "oldestBlock", oldestBlock);
        if (rewards != null && !rewards.isEmpty()) {
            out.writeArrayFieldStart("reward");
            for (List<BigInteger> block : rewards) {
                out.writeStartArray();
                for (BigInteger reward : block) {
                    JsonOut.quantity(out, reward);
                }
                out.writeEndArray();
            }
            out.writeEndArray();
        }
        quantities(out, "baseFeePerGas", baseFees);
        out.writeFieldName("gasUsedRatio");
        if (gasUsedRatios.isEmpty()) {
            out.writeNull();
        } else {
            floats(out, gasUsedRatios);
        }
        quantities(out, "baseFeePerBlobGas", blobBaseFees);
        if (!blobGasUsedRatios.isEmpty()) {
            out.writeFieldName("blobGasUsedRatio");
            floats(out, blobGasUsedRatios);
        }
        out.writeEndObject();
    }

    private static void quantities(JsonGenerator out, String name, List<BigInteger> values)
            throws IOException {
        if (values.isEmpty()) {
            return;
        }
        out.writeArrayFieldStart(name);
        for (BigInteger value : values) {
            JsonOut.quantity(out, value);
        }
        out.writeEndArray();
    }

    private static void floats(JsonGenerator out, List<Double> values) throws IOException {
        out.writeStartArray();
        for (double value : values) {
            out.writeNumber(GoFloats.json(value));
        }
        out.writeEndArray();
    }
}
