package io.annals.sync.write;

import io.annals.core.types.Hash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last check before a block is written: its links to its neighbours, wherever both sides are
 * known. A block must not contradict the stored chain: its parent hash must be the hash of block
 * {@code n - 1} (in the same write, or stored), the stored block {@code n + 1} must name it as
 * parent, and a block stored at {@code n} must be this very block. Peer actors already checked the
 * links inside each batch; this covers the seams between batches of different peers, between a
 * batch and what is stored, and the chain tip in follow mode, where a mismatch is what a reorg
 * looks like. A refused block is never written.
 *
 * <p>Which side of a mismatch is wrong cannot be told here: the block in hand is refused and
 * fetched again (from another peer first). Resolving it against the network's head (find the
 * common ancestor, roll the store back, re-ingest) is the reorg handling's job; it starts from the
 * {@link Refusal}s reported to the head tracker.
 */
final class ParentLinks {

  private ParentLinks() {}

  /** A block refused, and why; {@code storedConflict} when another block is stored at its number. */
  record Refusal(PendingBlock block, String reason, boolean storedConflict) {}

  record Verdict(List<PendingBlock> accepted, List<Refusal> refused) {}

  /** Checks a write's blocks in ascending order; the first of two blocks with one number is kept. */
  static Verdict check(List<PendingBlock> group, SyncStore store) {
    List<PendingBlock> sorted = new ArrayList<>(group);
    sorted.sort(Comparator.comparingLong(PendingBlock::number));
    Map<Long, Hash> accepted = new HashMap<>();
    List<PendingBlock> keep = new ArrayList<>(sorted.size());
    List<Refusal> refused = new ArrayList<>();
    for (PendingBlock candidate : sorted) {
      long number = candidate.number();
      Hash hash = candidate.block().hash();
      if (accepted.containsKey(number)) {
        if (!accepted.get(number).equals(hash)) {
          refused.add(new Refusal(candidate, "another block " + number + " is in the same write", false));
        }
        continue; // the same block delivered twice: written once
      }
      Optional<String> problem = problem(candidate, accepted, store);
      if (problem.isPresent()) {
        refused.add(new Refusal(candidate, problem.get(), problem.get().startsWith(STORED_CONFLICT)));
      } else {
        accepted.put(number, hash);
        keep.add(candidate);
      }
    }
    return new Verdict(keep, refused);
  }

  private static final String STORED_CONFLICT = "another block is stored at";

  private static Optional<String> problem(PendingBlock candidate, Map<Long, Hash> accepted, SyncStore store) {
    long number = candidate.number();
    Hash hash = candidate.block().hash();
    if (store.isPresent(number)) {
      Optional<Hash> stored = store.canonicalHash(number);
      if (stored.isPresent() && !stored.get().equals(hash)) {
        return Optional.of(STORED_CONFLICT + " " + number + " (" + stored.get() + ")");
      }
      return Optional.empty(); // already stored: the store skips it
    }
    Hash parent = candidate.block().header().parentHash();
    Optional<Hash> known = number > 0 && accepted.containsKey(number - 1) ? Optional.of(accepted.get(number - 1))
        : number > 0 && store.isPresent(number - 1) ? store.canonicalHash(number - 1) : Optional.empty();
    if (known.isPresent() && !known.get().equals(parent)) {
      return Optional.of("parent hash " + parent + " is not block " + (number - 1) + " (" + known.get() + ")");
    }
    if (store.isPresent(number + 1)) {
      Optional<Hash> childParent = store.header(number + 1).map(header -> header.parentHash());
      if (childParent.isPresent() && !childParent.get().equals(hash)) {
        return Optional.of("stored block " + (number + 1) + " names another parent (" + childParent.get() + ")");
      }
    }
    return Optional.empty();
  }
}
