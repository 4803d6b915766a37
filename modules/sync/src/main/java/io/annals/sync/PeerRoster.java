package io.annals.sync;

import io.annals.sync.link.PeerLink;
import io.annals.sync.model.PeerId;
import io.annals.sync.peer.PeerActor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The live peer actors, by engine id, with the session each runs on. A node may reconnect before
 * its old session ends, so an id is the session's own, made unique among the live ones.
 */
final class PeerRoster {

    /** One live peer actor and its session. */
    record Member(PeerId id, PeerLink link, ActorRef<PeerActor.Command> actor) {}

    private final Map<PeerId, Member> members = new LinkedHashMap<>();
    private long started;

    /** A fresh id for a session named {@code base}. */
    PeerId uniqueId(String base) {
        PeerId candidate = PeerId.of(base);
        for (int n = 2; members.containsKey(candidate); n++) {
            candidate = PeerId.of(base + "-" + n);
        }
        return candidate;
    }

    /** The name of the next peer actor. */
    String nextName() {
        return "peer-" + ++started;
    }

    void add(Member member) {
        members.put(member.id(), member);
    }

    void remove(PeerId id) {
        members.remove(id);
    }

    int size() {
        return members.size();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    Collection<Member> members() {
        return members.values();
    }
}
