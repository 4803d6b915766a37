package io.annals.rpc.jsonrpc;

import io.annals.rpc.methods.RpcError;
import java.util.List;

/** What a request body holds once parsed. */
sealed interface ParsedBody permits ParsedBody.Single, ParsedBody.Batch, ParsedBody.Rejected {

    /** One message, answered with one object (or nothing, for a notification). */
    record Single(RequestEntry entry) implements ParsedBody {}

    /** A batch of at least one and at most the batch limit messages, answered with an array. */
    record Batch(List<RequestEntry> entries) implements ParsedBody {}

    /**
     * A body refused as a whole: unparsable JSON or an empty batch (one error object), or a batch
     * over the limit ({@code inArray}: an array holding one error, as geth answers).
     */
    record Rejected(RequestId id, RpcError error, boolean inArray) implements ParsedBody {}
}
