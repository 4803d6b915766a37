package io.annals.core.types;

import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.Hex;
import java.util.Arrays;
import java.util.List;

/**
 * A log entry: {@code rlp([address, [topic, ...], data])} (yellow paper, section 4.3.1). Immutable.
 */
public final class Log {
    private final Address address;
    private final List<Hash> topics;
    private final byte[] data;

    private Log(Address address, List<Hash> topics, byte[] data) {
        this.address = address;
        this.topics = topics;
        this.data = data;
    }

    public static Log of(Address address, List<Hash> topics, byte[] data) {
        if (topics.size() > DecodeLimits.MAX_TOPICS) {
            throw new IllegalArgumentException("a log has at most 4 topics, got " + topics.size());
        }
        return new Log(address, List.copyOf(topics), data.clone());
    }

    /** Reads one log from {@code reader}. */
    public static Log read(RlpReader reader) {
        RlpReader fields = reader.readList();
        Address address = fields.readAddress();
        int topicsAt = fields.position();
        RlpReader topicReader = fields.readList();
        // at most four: kept in locals and made a list once (a block has hundreds of logs; a
        // growing list and its immutable copy were 3-4 % of what sync allocated)
        Hash t0 = null;
        Hash t1 = null;
        Hash t2 = null;
        Hash t3 = null;
        int count = 0;
        while (topicReader.hasNext()) {
            DecodeLimits.checkCount(
                    count + 1, DecodeLimits.MAX_TOPICS, "topics in a log", topicsAt);
            Hash topic = topicReader.readHash();
            switch (count++) {
                case 0 -> t0 = topic;
                case 1 -> t1 = topic;
                case 2 -> t2 = topic;
                default -> t3 = topic;
            }
        }
        byte[] data = fields.readBytes();
        fields.ensureEnd();
        List<Hash> topics =
                switch (count) {
                    case 0 -> List.of();
                    case 1 -> List.of(t0);
                    case 2 -> List.of(t0, t1);
                    case 3 -> List.of(t0, t1, t2);
                    default -> List.of(t0, t1, t2, t3);
                };
        return new Log(address, topics, data);
    }

    public void write(RlpWriter w) {
        int mark = w.startList();
        w.writeAddress(address);
        int topicsMark = w.startList();
        for (Hash topic : topics) {
            w.writeHash(topic);
        }
        w.endList(topicsMark);
        w.writeBytes(data);
        w.endList(mark);
    }

    public Address address() {
        return address;
    }

    public List<Hash> topics() {
        return topics;
    }

    public byte[] data() {
        return data.clone();
    }

    /** The data without a copy. Do not modify. */
    public byte[] unsafeData() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Log l
                && address.equals(l.address)
                && topics.equals(l.topics)
                && Arrays.equals(data, l.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * address.hashCode() + topics.hashCode()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Log{address="
                + address
                + ", topics="
                + topics
                + ", data="
                + Hex.prefixed(data)
                + "}";
    }
}
