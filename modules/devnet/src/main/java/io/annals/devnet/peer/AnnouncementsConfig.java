package io.annals.devnet.peer;

import io.annals.devnet.config.ConfigSection;
import io.annals.devnet.fault.FaultPlanConfig;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads how each peer announces new blocks from {@code annals.devnet.announcements}, a list of
 * entries naming their peers and a mode:
 *
 * <pre>
 * announcements = [
 *   { peers = [0, 1, 2, 3], mode = none }      # eth/68 after the merge: nothing
 *   { peers = [4, 5, 6], mode = epoch }        # eth/69: at most once per 32 blocks
 *   { peers = [7], mode = every-block }        # every new head
 * ]
 * </pre>
 *
 * A peer without an entry announces every block. A peer may appear in one entry only; every mistake
 * names the key.
 */
public final class AnnouncementsConfig {

    private AnnouncementsConfig() {}

    public static Announcing[] parse(ConfigSection devnet, int peerCount) {
        Announcing[] modes = new Announcing[peerCount];
        Arrays.fill(modes, Announcing.EVERY_BLOCK);
        if (!devnet.has("announcements")) {
            return modes;
        }
        String[] assignedBy = new String[peerCount];
        for (ConfigSection entry : devnet.sections("announcements")) {
            entry.allowOnly(Set.of("peers", "mode"));
            if (!entry.has("mode")) {
                throw entry.bad("mode", "missing: none, epoch or every-block");
            }
            Announcing mode = Announcing.named(entry.string("mode"));
            if (mode == null) {
                throw entry.bad(
                        "mode", "must be none, epoch or every-block, got " + entry.string("mode"));
            }
            for (int peer : FaultPlanConfig.peers(entry, peerCount)) {
                if (assignedBy[peer] != null) {
                    throw entry.bad(
                            "peers",
                            "peer "
                                    + peer
                                    + " already has an announcement mode at "
                                    + assignedBy[peer]);
                }
                assignedBy[peer] = entry.path();
                modes[peer] = mode;
            }
        }
        return modes;
    }
}
