package io.annals.sync.write;

import io.annals.store.FullBlock;
import io.annals.sync.PeerId;

/** A validated block queued for the store, with the peer that delivered it and its weight in bytes. */
record PendingBlock(PeerId peer, FullBlock block, long bytes) {

  long number() {
    return block.number();
  }
}
