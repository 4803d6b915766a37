package io.annals.core.era;

/**
 * Bounds on what one entry of an era file may hold once decompressed: the same kind of bounds the
 * devp2p decoders apply (16 MiB messages there; a single mainnet body or receipt list is a few MB).
 * An entry's compressed value may exceed its bound only by snappy's framing overhead.
 */
public record EraLimits(int maxHeaderBytes, int maxBodyBytes, int maxReceiptsBytes) {
    /** 64 KiB for a header, 32 MiB for a body or a block's receipts. */
    public static final EraLimits DEFAULT = new EraLimits(64 << 10, 32 << 20, 32 << 20);

    public EraLimits {
        if (maxHeaderBytes < 1024 || maxBodyBytes < 1024 || maxReceiptsBytes < 1024) {
            throw new IllegalArgumentException("era entry limits below 1 KiB cannot hold a block");
        }
    }

    /**
     * The largest compressed value that can inflate to {@code decompressed} bytes: incompressible
     * data is stored raw in chunks of at most 64 KiB, each with a 8-byte chunk header, after a
     * 10-byte stream identifier.
     */
    static int framed(int decompressed) {
        return (int)
                Math.min(
                        Integer.MAX_VALUE - 64,
                        decompressed + 8L * (decompressed / 65536 + 1) + 64);
    }
}
