package io.annals.sync.write;

import io.annals.sync.chain.RollbackPlan;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What goes through the writer's stream, in the order the writer received it: blocks to store, and
 * rollbacks. Because both share the one queue and the one sequential write stage, a rollback runs
 * after every block that reached the writer before it and before every block after it.
 */
sealed interface WriteOp
        permits PendingBlock, WriteOp.Rollback, WriteOp.DropBranch, WriteOp.Trim, WriteOp.Drain {

    /** Its weight in a write batch: a block's bytes; a rollback counts as one. */
    long weight();

    /** Drop what {@code plan} says; then tell {@code listeners}. */
    record Rollback(RollbackPlan plan, List<RollbackListener> listeners) implements WriteOp {
        public Rollback {
            listeners = List.copyOf(listeners);
        }

        @Override
        public long weight() {
            return 1;
        }
    }

    /**
     * Sync stops: drop the stored blocks above the contiguous head (detached, perhaps of a branch
     * not followed).
     */
    record Trim(String cause) implements WriteOp {
        @Override
        public long weight() {
            return 1;
        }
    }

    /** Stop refusing blocks off the branch the last rollback followed. */
    record DropBranch() implements WriteOp {
        @Override
        public long weight() {
            return 1;
        }
    }

    /** Nothing to do: marks the point up to which everything before it has been applied. */
    record Drain(ActorRef<Writer.Drained> replyTo) implements WriteOp {
        @Override
        public long weight() {
            return 1;
        }
    }
}
