package io.annals.rpc.http;

import io.annals.rpc.jsonrpc.RpcDispatcher;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /}: checks the content type as geth does (415 otherwise), then hands the body to the
 * dispatcher. The body is parsed before {@link #handle} returns, so the request may be released.
 */
final class JsonRpcEndpoint {
    /** geth's list, after the JSON-RPC over HTTP draft. */
    private static final Set<String> ACCEPTED_TYPES =
            Set.of("application/json", "application/json-rpc", "application/jsonrequest");

    private final RpcDispatcher dispatcher;

    JsonRpcEndpoint(RpcDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    CompletableFuture<FullHttpResponse> handle(FullHttpRequest request) {
        CharSequence mimeType = HttpUtil.getMimeType(request);
        if (mimeType == null
                || !ACCEPTED_TYPES.contains(mimeType.toString().trim().toLowerCase(Locale.ROOT))) {
            return CompletableFuture.completedFuture(
                    HttpReplies.text(
                            HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                            "invalid content type, only application/json is supported"));
        }
        return dispatcher
                .dispatch(new ByteBufInputStream(request.content()))
                .thenApply(HttpReplies::rpc);
    }
}
