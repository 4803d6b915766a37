package io.annals.rpc.http;

import io.annals.rpc.jsonrpc.RpcReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds the server's complete HTTP responses; each carries its Content-Length. */
final class HttpReplies {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    private HttpReplies() {}

    /** A JSON-RPC reply: always 200, as geth answers, with an empty body for notifications. */
    static FullHttpResponse rpc(RpcReply reply) {
        ByteBuf body =
                reply.isEmpty()
                        ? Unpooled.EMPTY_BUFFER
                        : Unpooled.wrappedBuffer(reply.chunks().toArray(new byte[0][]));
        return response(HttpResponseStatus.OK, JSON, body);
    }

    static FullHttpResponse json(HttpResponseStatus status, byte[] body) {
        return response(status, JSON, Unpooled.wrappedBuffer(body));
    }

    /** A short plain-text answer; a newline is added. */
    static FullHttpResponse text(HttpResponseStatus status, String message) {
        return text(status, TEXT, message + "\n");
    }

    static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
        return response(status, contentType, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }

    private static FullHttpResponse response(
            HttpResponseStatus status, String contentType, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }
}
