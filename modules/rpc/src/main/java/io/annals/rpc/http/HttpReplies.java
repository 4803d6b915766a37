package io.annals.rpc.http;

import io.annals.rpc.jsonrpc.RpcReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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

    /**
     * The response with its body in one direct buffer from {@code alloc}, for writing on the
     * channel's event loop. Netty copies a heap body into a direct buffer before the socket write
     * anyway, and on the way merges a body of several arrays (a reply's chunks) into a fresh heap
     * array first: for a 250 KB answer, a second copy and a quarter of a megabyte of garbage each.
     */
    static FullHttpResponse direct(ByteBufAllocator alloc, FullHttpResponse response) {
        ByteBuf body = response.content();
        if (body.isDirect() || !body.isReadable()) {
            return response;
        }
        ByteBuf direct = alloc.directBuffer(body.readableBytes());
        try {
            body.getBytes(body.readerIndex(), direct, body.readableBytes());
            return response.replace(direct);
        } catch (RuntimeException e) {
            direct.release();
            throw e;
        } finally {
            response.release();
        }
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
