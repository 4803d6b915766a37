package io.annals.rpc.methods;

/**
 * A method's answer that is an error: thrown by a handler (or completing its future) to reply with
 * this code, message and optional {@code data}. The factories cover the codes this node uses; a
 * handler may also construct one with any code. Expected errors carry no stack trace.
 */
public class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final transient Object data;

    public RpcException(int code, String message, Object data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public RpcException(int code, String message) {
        this(code, message, null);
    }

    public int code() {
        return code;
    }

    /** The error's {@code data} member, or null. */
    public Object data() {
        return data;
    }

    public RpcError toError() {
        return new RpcError(code, getMessage(), data);
    }

    /** -32602 with the reason, e.g. {@code "missing value for required argument 0"}. */
    public static RpcException invalidParams(String reason) {
        return new RpcException(ErrorCodes.INVALID_PARAMS, reason);
    }

    /** -32601 in geth's words. */
    public static RpcException methodNotFound(String method) {
        return new RpcException(
                ErrorCodes.METHOD_NOT_FOUND,
                "the method " + method + " does not exist/is not available");
    }

    /**
     * -32000, geth's code for plain errors such as {@code "exceed max addresses or topics per
     * search position"}.
     */
    public static RpcException serverError(String message) {
        return new RpcException(ErrorCodes.SERVER_ERROR, message);
    }

    /** -32001, EIP-1474's "resource not found". */
    public static RpcException resourceNotFound(String message) {
        return new RpcException(ErrorCodes.RESOURCE_NOT_FOUND, message);
    }

    /** -32005, EIP-1474's "limit exceeded"; {@code data} may say what the limit is. */
    public static RpcException limitExceeded(String message, Object data) {
        return new RpcException(ErrorCodes.LIMIT_EXCEEDED, message, data);
    }

    /** 4444, geth's answer for history this node does not keep. */
    public static RpcException prunedHistory() {
        return new RpcException(ErrorCodes.PRUNED_HISTORY, "pruned history unavailable");
    }
}
