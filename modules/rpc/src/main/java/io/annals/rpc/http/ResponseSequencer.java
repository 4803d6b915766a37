package io.annals.rpc.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Writes one connection's responses in request order although they complete in any order (HTTP/1.1
 * pipelining). While a response is outstanding the channel stops reading, so a client cannot pile
 * up work on one connection; reading resumes when the queue drains. Confined to the channel's event
 * loop: completions from other threads are handed over to it.
 */
final class ResponseSequencer {
    private static final class Slot {
        FullHttpResponse ready;
    }

    private final ArrayDeque<Slot> pending = new ArrayDeque<>();
    private final Function<Throwable, FullHttpResponse> onFailure;

    ResponseSequencer(Function<Throwable, FullHttpResponse> onFailure) {
        this.onFailure = onFailure;
    }

    boolean isIdle() {
        return pending.isEmpty();
    }

    void enqueue(ChannelHandlerContext ctx, CompletableFuture<FullHttpResponse> response) {
        Slot slot = new Slot();
        pending.add(slot);
        ctx.channel().config().setAutoRead(false);
        response.whenComplete(
                (value, failure) -> {
                    FullHttpResponse ready = failure == null ? value : onFailure.apply(failure);
                    if (ctx.executor().inEventLoop()) {
                        complete(ctx, slot, ready);
                    } else {
                        ctx.executor().execute(() -> complete(ctx, slot, ready));
                    }
                });
    }

    private void complete(ChannelHandlerContext ctx, Slot slot, FullHttpResponse response) {
        slot.ready = response;
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peek().ready != null) {
            // a write on a closed channel fails and releases the response
            ctx.write(HttpReplies.direct(ctx.alloc(), pending.poll().ready));
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        if (pending.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
    }
}
