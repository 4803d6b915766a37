package io.annals.core.chain;

/**
 * The verdict on a remote peer's fork id, per the validation rules of EIP-2124 with go-ethereum's
 * extension to timestamp-activated forks. A value, not an exception: the caller decides whether to
 * disconnect (devp2p reason "useless peer" or "incompatible network").
 */
public sealed interface ForkIdValidation
        permits ForkIdValidation.Accepted, ForkIdValidation.Rejected {

    boolean isAccepted();

    /** Which rule let the remote in. */
    enum Acceptance {
        /**
         * Rule 1b: same fork state; any future fork the remote announces has not passed locally.
         */
        SAME_FORKS("same fork state (rule 1b)"),
        /** Rule 2: the remote is behind on our chain and announces the fork we passed next. */
        REMOTE_SYNCING("remote is syncing (rule 2)"),
        /** Rule 3: the remote is ahead on forks we know are coming. */
        LOCAL_SYNCING("local is syncing (rule 3)");

        private final String description;

        Acceptance(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Why the remote was turned away, in the words of go-ethereum's errors. */
    enum Reason {
        /**
         * Rule 1a (the remote's next fork already passed locally) or rule 4 (no checksum in
         * common): the chains diverged, or this node misses a fork the remote has.
         */
        LOCAL_INCOMPATIBLE_OR_STALE("local incompatible or needs update"),
        /** Rule 2 with the wrong next fork: the remote stopped at a fork it should have passed. */
        REMOTE_STALE("remote needs update");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    record Accepted(Acceptance rule) implements ForkIdValidation {
        @Override
        public boolean isAccepted() {
            return true;
        }
    }

    /**
     * @param detail what exactly did not match, for logs
     */
    record Rejected(Reason reason, String detail) implements ForkIdValidation {
        @Override
        public boolean isAccepted() {
            return false;
        }

        @Override
        public String toString() {
            return "Rejected[" + reason.description() + ": " + detail + "]";
        }
    }
}
