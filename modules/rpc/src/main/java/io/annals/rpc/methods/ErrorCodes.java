package io.annals.rpc.methods;

/**
 * JSON-RPC error codes: the reserved codes of JSON-RPC 2.0, the server codes go-ethereum uses, and
 * the Ethereum-specific ones.
 *
 * @see <a href="https://www.jsonrpc.org/specification#error_object">JSON-RPC 2.0 error object</a>
 * @see <a href="https://eips.ethereum.org/EIPS/eip-1474">EIP-1474 error codes</a>
 */
public final class ErrorCodes {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    /** geth's code for an error that has no code of its own. */
    public static final int SERVER_ERROR = -32000;

    /** EIP-1474 "resource not found". */
    public static final int RESOURCE_NOT_FOUND = -32001;

    /** geth: the request ran past its deadline. */
    public static final int TIMEOUT = -32002;

    /** geth: the (batch) response grew past the response size limit. */
    public static final int RESPONSE_TOO_LARGE = -32003;

    /** EIP-1474 "limit exceeded": a request-size or rate limit, such as too many logs. */
    public static final int LIMIT_EXCEEDED = -32005;

    /** geth's {@code PrunedHistoryError}: the requested history is not kept by this node. */
    public static final int PRUNED_HISTORY = 4444;

    private ErrorCodes() {}
}
