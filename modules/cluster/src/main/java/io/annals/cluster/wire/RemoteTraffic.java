package io.annals.cluster.wire;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.remote.artery.RemoteInstrument;

/**
 * Counts the messages and bytes this host sends to other hosts over Artery, for {@code /metrics}
 * and the cluster benchmark (what clustering costs in messages per block). The counting side is an
 * Artery remote instrument ({@link Instrument}, configured in {@code annals-cluster-pekko.conf}),
 * which Artery calls on its own threads for every message it serializes; the counters are an actor
 * system extension with adders, read by whoever reports. No metadata is added to messages.
 */
public final class RemoteTraffic implements Extension {
    private static final Id ID = new Id();

    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    /** This actor system's counters. */
    public static RemoteTraffic get(ActorSystem system) {
        return ID.get(system);
    }

    public long messagesSent() {
        return messages.sum();
    }

    public long bytesSent() {
        return bytes.sum();
    }

    private static final class Id extends AbstractExtensionId<RemoteTraffic> {
        @Override
        public RemoteTraffic createExtension(ExtendedActorSystem system) {
            return new RemoteTraffic();
        }
    }

    /** The Artery instrument that counts into the system's {@link RemoteTraffic}. */
    public static final class Instrument extends RemoteInstrument {
        private final ExtendedActorSystem system;
        private volatile RemoteTraffic traffic;

        public Instrument(ExtendedActorSystem system) {
            this.system = system;
        }

        /** Looked up at the first message: Artery makes instruments while the system starts. */
        private RemoteTraffic traffic() {
            RemoteTraffic known = traffic;
            if (known == null) {
                known = RemoteTraffic.get(system);
                traffic = known;
            }
            return known;
        }

        @Override
        public byte identifier() {
            return 17;
        }

        @Override
        public void remoteWriteMetadata(
                ActorRef recipient, Object message, ActorRef sender, ByteBuffer buffer) {
            // no metadata: counting needs none
        }

        @Override
        public void remoteMessageSent(
                ActorRef recipient, Object message, ActorRef sender, int size, long time) {
            RemoteTraffic counters = traffic();
            counters.messages.increment();
            counters.bytes.add(size);
        }

        @Override
        public void remoteReadMetadata(
                ActorRef recipient, Object message, ActorRef sender, ByteBuffer buffer) {}

        @Override
        public void remoteMessageReceived(
                ActorRef recipient, Object message, ActorRef sender, int size, long time) {}
    }
}
