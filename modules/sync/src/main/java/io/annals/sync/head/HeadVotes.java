package io.annals.sync.head;

import io.annals.sync.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The network head as the connected peers tell it. A peer's claim (Status, BlockRangeUpdate,
 * NewBlockHashes) is a hint: one peer alone can lie or be on a fork. A head counts when
 * {@code quorum} peers claim at least it, or when one peer proved it by serving its header (the
 * peer actors' probes). The network head is the higher of the two.
 */
final class HeadVotes {

  private record Claim(long claimed, long proven) {}

  private final int quorum;
  private final Map<PeerId, Claim> claims = new HashMap<>();

  HeadVotes(int quorum) {
    this.quorum = quorum;
  }

  void claim(PeerId peer, long head, boolean proven) {
    Claim previous = claims.getOrDefault(peer, new Claim(-1, -1));
    claims.put(peer, new Claim(Math.max(previous.claimed(), head), proven ? Math.max(previous.proven(), head)
        : previous.proven()));
  }

  void forget(PeerId peer) {
    claims.remove(peer);
  }

  int peers() {
    return claims.size();
  }

  /** The highest head some peer proved, or -1. */
  long proven() {
    return claims.values().stream().mapToLong(Claim::proven).max().orElse(-1);
  }

  /** The highest head at least {@code quorum} peers claim, or -1. */
  long agreed() {
    if (claims.size() < quorum) {
      return -1;
    }
    List<Long> heads = new ArrayList<>();
    claims.values().forEach(claim -> heads.add(Math.max(claim.claimed(), claim.proven())));
    heads.sort(Comparator.reverseOrder());
    return heads.get(quorum - 1);
  }

  /** The network head: the higher of the proven and the agreed head; -1 while there is neither. */
  long head() {
    return Math.max(proven(), agreed());
  }
}
