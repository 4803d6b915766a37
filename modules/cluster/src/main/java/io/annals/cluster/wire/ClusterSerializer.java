package io.annals.cluster.wire;

import io.annals.cluster.directory.HeldRun;
import io.annals.cluster.directory.Holding;
import io.annals.cluster.directory.MemberCard;
import io.annals.cluster.range.RangeEntity;
import io.annals.cluster.read.ReadReply;
import io.annals.cluster.read.ReadRequest;
import io.annals.cluster.read.ReadService;
import io.annals.cluster.tip.TipState;
import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The binary form of every {@link ClusterMessage}, so that nothing of ours crosses hosts or lands
 * in distributed data as Java serialization. One manifest per type; the layouts are in {@link
 * HistoryCodec} (store values) and below. Decoding is bounded ({@link WireIn}): a message of a
 * corrupt or hostile peer fails as {@link NotSerializableException}, which Artery logs and drops.
 */
public final class ClusterSerializer extends SerializerWithStringManifest {

    /** Unique among the actor system's serializers (Pekko's own are below 100). */
    public static final int IDENTIFIER = 2_414_901;

    private static final String HOLDING = "H";
    private static final String MEMBER = "M";
    private static final String TIP = "T";
    private static final String START = "S";
    private static final String READ = "R";
    private static final String REPLY = "A";

    private final ActorRefResolver resolver;

    public ClusterSerializer(ExtendedActorSystem system) {
        this.resolver = ActorRefResolver.get(Adapter.toTyped(system));
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object message) {
        if (message instanceof Holding) {
            return HOLDING;
        }
        if (message instanceof MemberCard) {
            return MEMBER;
        }
        if (message instanceof TipState) {
            return TIP;
        }
        if (message instanceof RangeEntity.Start) {
            return START;
        }
        if (message instanceof ReadService.Read) {
            return READ;
        }
        if (message instanceof ReadReply) {
            return REPLY;
        }
        throw new IllegalArgumentException("not a cluster message: " + message.getClass());
    }

    @Override
    public byte[] toBinary(Object message) {
        WireOut out = new WireOut();
        if (message instanceof Holding holding) {
            out.writeLong(holding.range())
                    .writeString(holding.member())
                    .writeBoolean(holding.owned());
            out.writeInt(holding.runs().size());
            for (HeldRun run : holding.runs()) {
                out.writeLong(run.first()).writeLong(run.last()).writeHash(run.lastHash());
            }
        } else if (message instanceof MemberCard card) {
            out.writeString(card.member()).writeString(card.address()).writeString(card.enode());
        } else if (message instanceof TipState tip) {
            out.writeLong(tip.head())
                    .writeLong(tip.sealedThrough())
                    .writeLong(tip.floor())
                    .writeString(tip.member());
        } else if (message instanceof RangeEntity.Start) {
            // the entity id says which range: nothing to carry
        } else if (message instanceof ReadService.Read read) {
            HistoryCodec.writeRequest(out, read.request());
            out.writeString(resolver.toSerializationFormat(read.replyTo()));
        } else if (message instanceof ReadReply reply) {
            HistoryCodec.writeReply(out, reply);
        } else {
            throw new IllegalArgumentException("not a cluster message: " + message.getClass());
        }
        return out.toByteArray();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        try {
            WireIn in = new WireIn(bytes);
            Object message = read(in, manifest);
            in.ensureEnd();
            return message;
        } catch (RuntimeException e) {
            NotSerializableException failure =
                    new NotSerializableException(
                            "cluster message " + manifest + " does not decode: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private Object read(WireIn in, String manifest) {
        switch (manifest) {
            case HOLDING -> {
                long range = in.readNonNegative("range");
                String member = in.readString();
                boolean owned = in.readBoolean();
                int count = in.readCount(48, Holding.MAX_RUNS, "runs");
                java.util.List<HeldRun> runs = new java.util.ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    long first = in.readNonNegative("first block");
                    long last = in.readNonNegative("last block");
                    runs.add(new HeldRun(first, last, in.readHash()));
                }
                return new Holding(range, member, owned, runs);
            }
            case MEMBER -> {
                return new MemberCard(in.readString(), in.readString(), in.readString());
            }
            case TIP -> {
                return new TipState(in.readLong(), in.readLong(), in.readLong(), in.readString());
            }
            case START -> {
                return new RangeEntity.Start();
            }
            case READ -> {
                ReadRequest request = HistoryCodec.readRequest(in);
                ActorRef<ReadReply> replyTo = resolver.resolveActorRef(in.readString());
                return new ReadService.Read(request, replyTo);
            }
            case REPLY -> {
                return HistoryCodec.readReply(in);
            }
            default -> throw new WireException("unknown manifest " + manifest);
        }
    }
}
