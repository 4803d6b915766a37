package io.annals.rpc.json;

/**
 * A JSON value that does not have the shape an Ethereum JSON-RPC parameter needs. The message is
 * the reason alone (geth's wording where geth has one, such as {@code hex number with leading zero
 * digits}); the RPC layer prefixes it with the argument's position.
 */
public final class JsonFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JsonFormatException(String message) {
        super(message);
    }

    /** The reason is the whole story: no stack trace is captured. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
