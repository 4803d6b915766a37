package io.annals.core.rlp;

import io.annals.core.util.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoded RLP value as plain Java objects, for tests: a string item is its lowercase hex, a list
 * item is a {@code List<Object>} of items. Equality is by content.
 */
final class RlpTree {
    private RlpTree() {}

    /**
     * Decodes {@code encoded} as exactly one item, all the way down, the strict way: every
     * non-canonical form, truncation and trailing byte is an {@link RlpException}.
     */
    static Object decode(byte[] encoded) {
        RlpReader reader = RlpReader.of(encoded);
        Object item = decodeItem(reader);
        reader.ensureEnd();
        return item;
    }

    private static Object decodeItem(RlpReader reader) {
        if (!reader.nextIsList()) {
            return Hex.encode(reader.readBytes());
        }
        RlpReader list = reader.readList();
        List<Object> items = new ArrayList<>();
        while (list.hasNext()) {
            items.add(decodeItem(list));
        }
        list.ensureEnd();
        return items;
    }

    /** Encodes a tree of hex strings and lists. */
    static byte[] encode(Object tree) {
        RlpWriter writer = new RlpWriter();
        write(writer, tree);
        return writer.toByteArray();
    }

    private static void write(RlpWriter writer, Object tree) {
        if (tree instanceof String hex) {
            writer.writeBytes(Hex.decode(hex));
        } else if (tree instanceof List<?> items) {
            int mark = writer.startList();
            for (Object item : items) {
                write(writer, item);
            }
            writer.endList(mark);
        } else {
            throw new IllegalArgumentException("not an RLP tree node: " + tree);
        }
    }
}
