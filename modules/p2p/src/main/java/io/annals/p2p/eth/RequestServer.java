package io.annals.p2p.eth;

import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.eth.message.EthMessageCodes;
import io.annals.p2p.wire.DisconnectReason;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one peer's requests: one at a time and in arrival order, on the worker executor (the chain
 * reader may block), each answer echoing its request's id. At most {@code max-queued-requests}
 * wait; a peer that sends more than that without waiting for answers is disconnected. The queue
 * count is kept on the session's I/O thread.
 */
final class RequestServer {
    private static final Logger LOG = LoggerFactory.getLogger(RequestServer.class);

    private final EthLink link;
    private final ChainServer chain;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private int queued;

    RequestServer(EthLink link, ChainServer chain) {
        this.link = link;
        this.chain = chain;
    }

    /** Queues a request; on the I/O thread. */
    void submit(EthMessage request) {
        int limit = link.settings().maxQueuedRequests();
        if (queued >= limit) {
            link.fail(
                    DisconnectReason.BREACH_OF_PROTOCOL,
                    "more than " + limit + " requests waiting to be served");
            return;
        }
        queued++;
        tail =
                tail.<Void>handleAsync(
                                (ignored, error) -> {
                                    serve(request);
                                    return null;
                                },
                                link.worker())
                        .whenComplete((ignored, error) -> link.onLoop(() -> queued--));
    }

    private void serve(EthMessage request) {
        EthMessage response;
        try {
            response = answer(request);
        } catch (RuntimeException e) {
            // the reader failed (a store error, a corrupt entry): our fault, not the peer's
            LOG.error(
                    "could not serve {} to {}",
                    EthMessageCodes.name(request.code()),
                    link.peerName(),
                    e);
            return;
        }
        link.send(response)
                .whenComplete(
                        (sent, error) -> {
                            if (error != null) {
                                LOG.debug(
                                        "answer {} to {} not sent: {}",
                                        EthMessageCodes.name(response.code()),
                                        link.peerName(),
                                        error.toString());
                            }
                        });
    }

    private EthMessage answer(EthMessage request) {
        if (request instanceof EthMessage.GetBlockHeaders headers) {
            return chain.headers(headers);
        }
        if (request instanceof EthMessage.GetBlockBodies bodies) {
            return chain.bodies(bodies);
        }
        if (request instanceof EthMessage.GetReceipts receipts) {
            return chain.receipts(receipts, link.version());
        }
        throw new IllegalArgumentException("not a request this node serves: " + request);
    }
}
