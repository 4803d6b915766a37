package io.annals.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Reads the published answers in {@code src/test/resources/golden} (see its README). */
final class Golden {
    private static final Pattern HEX_BYTES = Pattern.compile("HexBytes\\('(0x[0-9a-fA-F]*)'\\)");

    private Golden() {}

    static JsonNode json(String resource) {
        try {
            return HistoryNode.JSON.readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        try (InputStream raw =
                Golden.class.getClassLoader().getResourceAsStream("golden/" + resource)) {
            if (raw == null) {
                throw new IllegalStateException("missing test resource golden/" + resource);
            }
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * web3.py's printed receipts ({@code AttributeDict({...})}, one per line) as geth would write
     * them: integers become quantities, addresses and hex bytes lowercase hex, None null.
     */
    static ArrayNode web3pyReceipts(String resource) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (String line : text(resource).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String json =
                    HEX_BYTES
                            .matcher(line)
                            .replaceAll("'$1'")
                            .replace("AttributeDict(", "")
                            .replace("})", "}")
                            .replace('\'', '"')
                            .replace("None", "null")
                            .replace("False", "false")
                            .replace("True", "true");
            try {
                out.add(asGeth(HistoryNode.JSON.readTree(json)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static JsonNode asGeth(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.set(field.getKey(), asGeth(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(asGeth(element)));
            return out;
        }
        if (node.isIntegralNumber()) {
            return JsonNodeFactory.instance.textNode(
                    "0x" + new BigInteger(node.asText()).toString(16));
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(node.textValue().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    /**
     * A copy of {@code object} with {@code name: value} inserted right after member {@code after}.
     */
    static ObjectNode insertAfter(JsonNode object, String after, String name, JsonNode value) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            out.set(field.getKey(), field.getValue());
            if (field.getKey().equals(after)) {
                out.set(name, value);
            }
        }
        return out;
    }
}
