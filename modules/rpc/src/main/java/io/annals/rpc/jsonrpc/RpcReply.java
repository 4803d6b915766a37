package io.annals.rpc.jsonrpc;

import java.util.List;

/**
 * The JSON body answering one HTTP request, as chunks to send back to back (the parts of a batch
 * are never copied into one array). Empty when nothing is to be answered: a notification, or a
 * batch of notifications only.
 */
public record RpcReply(List<byte[]> chunks) {
    public static final RpcReply EMPTY = new RpcReply(List.of());

    public RpcReply {
        chunks = List.copyOf(chunks);
    }

    /** The body's length in bytes. */
    public int size() {
        int size = 0;
        for (byte[] chunk : chunks) {
            size += chunk.length;
        }
        return size;
    }

    public boolean isEmpty() {
        return chunks.isEmpty();
    }
}
