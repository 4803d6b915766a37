package io.annals.rpc.methods;

/**
 * A JSON-RPC error object: {@code {"code": ..., "message": ..., "data": ...}}. {@code data} is any
 * value Jackson can write, or null for none (then the member is left out).
 */
public record RpcError(int code, String message, Object data) {
    public RpcError {
        if (message == null) {
            throw new IllegalArgumentException("an error has a message");
        }
    }
}
