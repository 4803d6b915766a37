package io.annals.rpc.jsonrpc;

/**
 * A result that is already JSON (UTF-8): the response encoder sends its bytes as they are, as one
 * chunk of the answer between the head and the closing brace, without copying or re-encoding them.
 */
public interface EncodedResult {
    /** The JSON bytes; never modified by the caller. */
    byte[] json();
}
