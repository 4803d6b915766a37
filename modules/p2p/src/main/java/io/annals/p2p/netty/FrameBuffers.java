package io.annals.p2p.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The heap buffers that hold opened frames, from one pool for the whole process.
 *
 * <p>The channel's own allocator hands out buffers of more than about a mebibyte unpooled, and eth
 * responses are frames of one to a few: each was a fresh array, and above half a G1 region (512 KiB
 * at a 512 MiB heap) a humongous one, which can start a concurrent mark. Here frames of up to 8 MiB
 * come from one arena of 8 MiB chunks. A frame lives only until its message is decoded, so one
 * chunk serves all connections and the pool holds 8 MiB (more only while frames overlap). Larger
 * frames are still allocated as they come.
 */
final class FrameBuffers {
    private static final int PAGE_SIZE = 8192;

    /** Chunks of {@code PAGE_SIZE << MAX_ORDER} = 8 MiB. */
    private static final int MAX_ORDER = 10;

    private static final ByteBufAllocator POOL =
            new PooledByteBufAllocator(false, 1, 0, PAGE_SIZE, MAX_ORDER, 0, 0, false);

    private FrameBuffers() {}

    /** A heap buffer of {@code capacity} bytes; its reader releases it. */
    static ByteBuf allocate(int capacity) {
        return POOL.heapBuffer(capacity, capacity);
    }
}
