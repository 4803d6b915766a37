package io.annals.core.era;

/**
 * The e2store entry types of the execution-layer history files, as the little-endian 16-bit value
 * of the entry's first two bytes (the specs write them as bytes: Version is {@code [0x65, 0x32]}).
 *
 * <p>Sources: <a
 * href="https://github.com/eth-clients/e2store-format-specs/blob/main/types/README.md">e2store-format-specs,
 * types</a>; go-ethereum's internal/era/era.go uses the same values.
 */
public final class EntryTypes {
    public static final int VERSION = 0x3265;
    public static final int COMPRESSED_HEADER = 0x0003;
    public static final int COMPRESSED_BODY = 0x0004;
    public static final int COMPRESSED_RECEIPTS = 0x0005;
    public static final int TOTAL_DIFFICULTY = 0x0006;
    public static final int ACCUMULATOR = 0x0007;
    public static final int COMPRESSED_SLIM_RECEIPTS = 0x000a;
    public static final int PROOF = 0x000b;
    public static final int BLOCK_INDEX = 0x3266;
    public static final int DYNAMIC_BLOCK_INDEX = 0x3267;

    private EntryTypes() {}

    /**
     * The type's name for messages: {@code CompressedHeader (0x0300)}, in the specs' byte order.
     */
    public static String describe(int type) {
        String name =
                switch (type) {
                    case VERSION -> "Version";
                    case COMPRESSED_HEADER -> "CompressedHeader";
                    case COMPRESSED_BODY -> "CompressedBody";
                    case COMPRESSED_RECEIPTS -> "CompressedReceipts";
                    case TOTAL_DIFFICULTY -> "TotalDifficulty";
                    case ACCUMULATOR -> "Accumulator";
                    case COMPRESSED_SLIM_RECEIPTS -> "CompressedSlimReceipts";
                    case PROOF -> "Proof";
                    case BLOCK_INDEX -> "BlockIndex";
                    case DYNAMIC_BLOCK_INDEX -> "DynamicBlockIndex";
                    default -> "unknown type";
                };
        return String.format("%s (0x%02x%02x)", name, type & 0xff, (type >>> 8) & 0xff);
    }
}
