package io.annals.devnet.peer;

import io.annals.devnet.chain.SplitMix;
import io.annals.devnet.fault.Disconnects;
import io.annals.devnet.fault.FaultPlan;
import io.annals.devnet.fault.Latency;
import io.annals.devnet.fault.Part;
import io.annals.devnet.fault.PartialAnswers;
import io.annals.p2p.CapabilityHandler;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.SubProtocol;
import io.annals.p2p.eth.EthSettings;
import io.annals.p2p.eth.HeaderQuery;
import io.annals.p2p.eth.message.EthDecoder;
import io.annals.p2p.eth.message.EthEncoder;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.eth.message.EthMessageCodes;
import io.annals.p2p.wire.DisconnectReason;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The session faults of a fault plan, as a {@link SubProtocol} wrapped around the peer's eth
 * protocol: it sees each request before the eth layer does and may drop the session instead
 * (disconnect fault), cut the request to a prefix of what it asks (partial answers: the server then
 * answers a prefix, as a real peer at its size limit does), or hand it on late (latency: the answer
 * is late by as much). Everything else passes through untouched, so the handshake, Status and
 * BlockRangeUpdate are those of the real eth layer. Every request is counted in {@link PeerStats}.
 *
 * <p>Each session draws its randomness from (seed, peer, session ordinal), so a run with the same
 * client behaviour replays. Per-session state lives on the session's I/O thread, where every
 * handler call and every task it schedules runs.
 */
final class SessionFaults implements SubProtocol {
    private static final Set<Integer> REQUESTS =
            Set.of(
                    EthMessageCodes.GET_BLOCK_HEADERS,
                    EthMessageCodes.GET_BLOCK_BODIES,
                    EthMessageCodes.GET_RECEIPTS);

    private final SubProtocol eth;
    private final FaultPlan plan;
    private final EthSettings settings;
    private final long seed;
    private final int peer;
    private final PeerStats stats;
    private final AtomicLong sessionOrdinals = new AtomicLong();

    SessionFaults(
            SubProtocol eth,
            FaultPlan plan,
            EthSettings settings,
            long seed,
            int peer,
            PeerStats stats) {
        this.eth = eth;
        this.plan = plan;
        this.settings = settings;
        this.seed = seed;
        this.peer = peer;
        this.stats = stats;
    }

    @Override
    public String name() {
        return eth.name();
    }

    @Override
    public Set<Integer> versions() {
        return eth.versions();
    }

    @Override
    public int messageCount(int version) {
        return eth.messageCount(version);
    }

    @Override
    public CapabilityHandler attach(RlpxSession session, int version) {
        stats.countSession();
        CapabilityHandler inner = eth.attach(session, version);
        SplitMix random = SplitMix.of(seed, 0x73657373L, peer, sessionOrdinals.getAndIncrement());
        return new Handler(inner, session, version, random);
    }

    private final class Handler implements CapabilityHandler {
        private final CapabilityHandler inner;
        private final RlpxSession session;
        private final EthDecoder decoder;
        private final EthEncoder encoder;
        private final SplitMix random;
        private int requests;
        private boolean closed;

        Handler(CapabilityHandler inner, RlpxSession session, int version, SplitMix random) {
            this.inner = inner;
            this.session = session;
            this.decoder =
                    new EthDecoder(version, settings.maxResponseItems(), settings.maxServedItems());
            this.encoder = new EthEncoder(version);
            this.random = random;
        }

        @Override
        public void onMessage(int code, byte[] payload) {
            if (closed || !REQUESTS.contains(code)) {
                inner.onMessage(code, payload);
                return;
            }
            stats.countRequest(code == EthMessageCodes.GET_BLOCK_HEADERS);
            requests++;
            if (plan.disconnects().isPresent() && drops(plan.disconnects().get())) {
                stats.countDrop();
                closed = true;
                session.disconnect(plan.disconnects().get().reason());
                return;
            }
            byte[] forwarded =
                    plan.partial().isPresent()
                            ? shortened(plan.partial().get(), code, payload)
                            : payload;
            if (plan.latency().isEmpty()) {
                inner.onMessage(code, forwarded);
                return;
            }
            Latency latency = plan.latency().get();
            long delay = random.between(latency.min().toMillis(), latency.max().toMillis());
            stats.countDelayed();
            session.executor()
                    .schedule(
                            () -> {
                                if (!closed) {
                                    inner.onMessage(code, forwarded);
                                }
                            },
                            delay,
                            TimeUnit.MILLISECONDS);
        }

        private boolean drops(Disconnects disconnects) {
            boolean afterCount =
                    disconnects.afterRequests() > 0 && requests > disconnects.afterRequests();
            boolean byChance =
                    disconnects.probability() > 0 && random.chance(disconnects.probability());
            return afterCount || byChance;
        }

        /**
         * The request asking only for the prefix the plan answers; a malformed one is left for the
         * eth layer to refuse.
         */
        private byte[] shortened(PartialAnswers partial, int code, byte[] payload) {
            EthMessage request;
            try {
                request = decoder.decode(code, payload);
            } catch (RuntimeException malformed) {
                return payload;
            }
            EthMessage cut = null;
            if (request instanceof EthMessage.GetBlockHeaders headers
                    && partial.parts().contains(Part.HEADERS)) {
                HeaderQuery query = headers.query();
                long amount = partial.answered(query.amount());
                if (amount < query.amount()) {
                    cut =
                            new EthMessage.GetBlockHeaders(
                                    headers.requestId(),
                                    new HeaderQuery(
                                            query.origin(), amount, query.skip(), query.reverse()));
                }
            } else if (request instanceof EthMessage.GetBlockBodies bodies
                    && partial.parts().contains(Part.BODIES)) {
                int keep = (int) partial.answered(bodies.hashes().size());
                if (keep < bodies.hashes().size()) {
                    cut =
                            new EthMessage.GetBlockBodies(
                                    bodies.requestId(), bodies.hashes().subList(0, keep));
                }
            } else if (request instanceof EthMessage.GetReceipts receipts
                    && partial.parts().contains(Part.RECEIPTS)) {
                int keep = (int) partial.answered(receipts.hashes().size());
                if (keep < receipts.hashes().size()) {
                    cut =
                            new EthMessage.GetReceipts(
                                    receipts.requestId(),
                                    receipts.firstBlockReceiptIndex(),
                                    receipts.hashes().subList(0, keep));
                }
            }
            if (cut == null) {
                return payload;
            }
            stats.countShortened();
            return encoder.encode(cut);
        }

        @Override
        public void onClose(DisconnectReason reason) {
            closed = true;
            inner.onClose(reason);
        }
    }
}
