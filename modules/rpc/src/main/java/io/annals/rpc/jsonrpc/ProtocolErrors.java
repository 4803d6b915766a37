package io.annals.rpc.jsonrpc;

import io.annals.rpc.methods.ErrorCodes;
import io.annals.rpc.methods.RpcError;

/** The errors the protocol layer itself answers, worded as go-ethereum words them. */
final class ProtocolErrors {
    static final RpcError PARSE_ERROR = new RpcError(ErrorCodes.PARSE_ERROR, "parse error", null);
    static final RpcError INVALID_REQUEST =
            new RpcError(ErrorCodes.INVALID_REQUEST, "invalid request", null);
    static final RpcError EMPTY_BATCH =
            new RpcError(ErrorCodes.INVALID_REQUEST, "empty batch", null);
    static final RpcError BATCH_TOO_LARGE =
            new RpcError(ErrorCodes.INVALID_REQUEST, "batch too large", null);
    static final RpcError TIMEOUT = new RpcError(ErrorCodes.TIMEOUT, "request timed out", null);
    static final RpcError RESPONSE_TOO_LARGE =
            new RpcError(ErrorCodes.RESPONSE_TOO_LARGE, "response too large", null);
    static final RpcError INTERNAL_ERROR =
            new RpcError(ErrorCodes.INTERNAL_ERROR, "internal error", null);

    private ProtocolErrors() {}
}
