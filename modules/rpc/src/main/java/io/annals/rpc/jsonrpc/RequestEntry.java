package io.annals.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.rpc.methods.RpcError;

/**
 * One element of a request body: a call (or notification) to run, or an invalid message to answer.
 */
public sealed interface RequestEntry permits RequestEntry.Call, RequestEntry.Invalid {

    /**
     * A call of {@code method}. {@code id} is null for a notification, which runs but gets no
     * answer. {@code params} is the raw {@code params} member, null when absent.
     */
    record Call(RequestId id, String method, JsonNode params) implements RequestEntry {
        public boolean isNotification() {
            return id == null;
        }
    }

    /** A message that is not a valid request; answered with {@code error} under {@code id}. */
    record Invalid(RequestId id, RpcError error) implements RequestEntry {}
}
