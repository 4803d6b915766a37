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
 * A two-message capability for tests: code 0 asks the receiver to echo the payload back as code 1.
 * Every message received is queued, so tests can wait for it.
 */
public final class TestCapability implements SubProtocol {
    public static final int ECHO_REQUEST = 0;
    public static final int ECHO_REPLY = 1;

    public record Received(RlpxSession session, int code, byte[] payload) {}

    private final String name;
    private final Set<Integer> versions;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<DisconnectReason> closes = new LinkedBlockingQueue<>();

    public TestCapability(String name, Set<Integer> versions) {
        this.name = name;
        this.versions = versions;
    }

    public TestCapability() {
        this("test", Set.of(1));
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
        return name.equals(EthCapability.NAME) ? EthCapability.messageCount(version) : 2;
    }

    @Override
    public CapabilityHandler attach(RlpxSession session, int version) {
        return new CapabilityHandler() {
            @Override
            public void onMessage(int code, byte[] payload) {
                received.add(new Received(session, code, payload));
                if (code == ECHO_REQUEST) {
                    session.send(name, ECHO_REPLY, payload);
                }
            }

            @Override
            public void onClose(DisconnectReason reason) {
                closes.add(reason);
            }
        };
    }

    /** The next message received, waiting up to 20 s. */
    public Received next() throws InterruptedException {
        Received message = received.poll(20, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no " + name + " message within 20 s");
        }
        return message;
    }

    public DisconnectReason nextClose() throws InterruptedException {
        DisconnectReason reason = closes.poll(20, TimeUnit.SECONDS);
        if (reason == null) {
            throw new AssertionError("no close within 20 s");
        }
        return reason;
    }
}
