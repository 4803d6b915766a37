package io.annals.p2p.eth;

import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.eth.message.EthMessageCodes;
import io.annals.p2p.wire.DisconnectReason;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests in flight on one session, matched to responses by request id (<a
 * href="https://eips.ethereum.org/EIPS/eip-2481">EIP-2481</a>). Ids count up from 1 per session.
 * Each request has a timeout; a response with an unknown id, of the wrong kind or with more items
 * than asked is a protocol breach, except that an answer to a request that already timed out is
 * dropped quietly (the peer was slow, not hostile). Confined to the session's I/O thread.
 */
final class RequestTracker {
    /** Receives the outcome of one request, on the I/O thread. */
    interface Handler {
        void onResponse(EthMessage.Response response);

        void onFailure(EthRequestException failure);
    }

    private record Pending(
            long id,
            int responseCode,
            int maxItems,
            String description,
            Handler handler,
            ScheduledFuture<?> timeout) {}

    private static final Logger LOG = LoggerFactory.getLogger(RequestTracker.class);

    /**
     * How many timed-out ids are remembered, so that their late answers are not taken as
     * unsolicited.
     */
    private static final int EXPIRED_IDS_KEPT = 256;

    private final EthLink link;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final LinkedHashSet<Long> expired = new LinkedHashSet<>();
    private long nextId = 1;
    private int consecutiveTimeouts;
    private EthRequestException closedWith;

    RequestTracker(EthLink link) {
        this.link = link;
    }

    int outstanding() {
        return pending.size();
    }

    /**
     * Sends a request built for a fresh id and tracks it; the handler learns the outcome. Fails at
     * once when the session is closed or {@code max-outstanding-requests} are in flight.
     */
    void send(
            LongFunction<EthMessage> request,
            int responseCode,
            int maxItems,
            String description,
            Handler handler) {
        if (closedWith != null) {
            handler.onFailure(closedWith);
            return;
        }
        int limit = link.settings().maxOutstandingRequests();
        if (pending.size() >= limit) {
            handler.onFailure(
                    new TooManyRequestsException(
                            description
                                    + ": "
                                    + limit
                                    + " requests already in flight to "
                                    + link.peerName()));
            return;
        }
        long id = nextId++;
        long millis = link.settings().requestTimeout().toMillis();
        ScheduledFuture<?> timeout =
                link.loop().schedule(() -> expire(id), millis, TimeUnit.MILLISECONDS);
        pending.put(id, new Pending(id, responseCode, maxItems, description, handler, timeout));
        link.send(request.apply(id))
                .whenComplete(
                        (sent, error) -> {
                            if (error != null) {
                                link.onLoop(
                                        () ->
                                                abort(
                                                        id,
                                                        new PeerDisconnectedException(
                                                                DisconnectReason
                                                                        .TCP_SUBSYSTEM_ERROR,
                                                                description
                                                                        + " could not be sent to "
                                                                        + link.peerName()
                                                                        + ": "
                                                                        + error.getMessage())));
                            }
                        });
    }

    /**
     * Hands a response to its request's handler.
     *
     * @return why the response breaks the protocol, if it does; the caller disconnects
     */
    Optional<String> deliver(EthMessage.Response response) {
        String name = EthMessageCodes.name(response.code());
        Pending request = pending.get(response.requestId());
        if (request == null) {
            if (expired.contains(response.requestId())) {
                LOG.debug(
                        "dropping {} from {} for request {}, which timed out",
                        name,
                        link.peerName(),
                        Long.toUnsignedString(response.requestId()));
                return Optional.empty();
            }
            return Optional.of(
                    "unsolicited "
                            + name
                            + " with request id "
                            + Long.toUnsignedString(response.requestId()));
        }
        if (request.responseCode() != response.code()) {
            return refuse(
                    request,
                    name
                            + " answers request "
                            + request.id()
                            + " ("
                            + request.description()
                            + "), which wants "
                            + EthMessageCodes.name(request.responseCode()));
        }
        if (response.itemCount() > request.maxItems()) {
            return refuse(
                    request,
                    name
                            + " holds "
                            + response.itemCount()
                            + " items, request "
                            + request.id()
                            + " ("
                            + request.description()
                            + ") asked for at most "
                            + request.maxItems());
        }
        pending.remove(request.id());
        request.timeout().cancel(false);
        consecutiveTimeouts = 0;
        request.handler().onResponse(response);
        return Optional.empty();
    }

    /** Fails every request in flight and every later one: the session is gone. */
    void close(EthRequestException failure) {
        closedWith = failure;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending request = it.next();
            it.remove();
            request.timeout().cancel(false);
            request.handler().onFailure(failure);
        }
    }

    private void expire(long id) {
        Pending request = pending.remove(id);
        if (request == null) {
            return;
        }
        expired.add(id);
        if (expired.size() > EXPIRED_IDS_KEPT) {
            expired.remove(expired.iterator().next());
        }
        consecutiveTimeouts++;
        request.handler()
                .onFailure(
                        new RequestTimeoutException(
                                request.description()
                                        + ": no answer from "
                                        + link.peerName()
                                        + " within "
                                        + link.settings().requestTimeout().toMillis()
                                        + " ms"));
        int limit = link.settings().maxConsecutiveTimeouts();
        if (consecutiveTimeouts >= limit) {
            link.fail(
                    DisconnectReason.TIMEOUT, consecutiveTimeouts + " requests in a row timed out");
        }
    }

    /**
     * The request gets an answer that breaks the protocol: it fails with that, and the caller
     * disconnects.
     */
    private Optional<String> refuse(Pending request, String problem) {
        pending.remove(request.id());
        request.timeout().cancel(false);
        request.handler()
                .onFailure(new InvalidResponseException(problem + " from " + link.peerName()));
        return Optional.of(problem);
    }

    private void abort(long id, EthRequestException failure) {
        Pending request = pending.remove(id);
        if (request != null) {
            request.timeout().cancel(false);
            request.handler().onFailure(failure);
        }
    }
}
