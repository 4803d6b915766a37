package io.annals.p2p.testing;

import io.annals.p2p.CapabilityHandler;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.SubProtocol;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.p2p.wire.EthCapability;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A capability that only records: every message it receives and the close of its session, so that a
 * test can play the other side of a protocol by hand (send what it likes through the session).
 * Named "eth", it uses eth's message-id ranges.
 */
public final class RecordingCapability implements SubProtocol {
    public record Received(int code, byte[] payload) {}

    private final String name;
    private final Set<Integer> versions;
    private final BlockingQueue<RlpxSession> sessions = new LinkedBlockingQueue<>();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<DisconnectReason> closes = new LinkedBlockingQueue<>();

    public RecordingCapability(String name, Set<Integer> versions) {
        this.name = name;
        this.versions = Set.copyOf(versions);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Integer> versions() {
        return versions;
    }

    @Override
    public int messageCount(int version) {
        return name.equals(EthCapability.NAME) ? EthCapability.messageCount(version) : 16;
    }

    @Override
    public CapabilityHandler attach(RlpxSession session, int version) {
        sessions.add(session);
        return new CapabilityHandler() {
            @Override
            public void onMessage(int code, byte[] payload) {
                received.add(new Received(code, payload));
            }

            @Override
            public void onClose(DisconnectReason reason) {
                closes.add(reason);
            }
        };
    }

    /** The next message, waiting up to 20 s. */
    public Received next() throws InterruptedException {
        Received message = received.poll(20, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no " + name + " message within 20 s");
        }
        return message;
    }

    /** The next message received within the time, if any. */
    public Received poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    public RlpxSession nextSession() throws InterruptedException {
        RlpxSession session = sessions.poll(20, TimeUnit.SECONDS);
        if (session == null) {
            throw new AssertionError("no " + name + " session within 20 s");
        }
        return session;
    }

    /** The reason the session closed with, waiting up to 20 s. */
    public DisconnectReason nextClose() throws InterruptedException {
        DisconnectReason reason = closes.poll(20, TimeUnit.SECONDS);
        if (reason == null) {
            throw new AssertionError("no close within 20 s");
        }
        return reason;
    }
}
