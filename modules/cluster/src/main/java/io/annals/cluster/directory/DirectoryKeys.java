package io.annals.cluster.directory;

import io.annals.cluster.tip.TipState;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.LWWRegisterKey;

/**
 * The distributed-data keys of the directory. Each entry has one writer: a host writes its own
 * holdings and card, the tip writes the tip state (so last-writer-wins never has to pick between
 * two hosts' opinions, except across a partition before the minority downs itself).
 */
public final class DirectoryKeys {
    private DirectoryKeys() {}

    /** {@code range/member} to that member's {@link Holding} of the range. */
    public static final Key<LWWMap<String, Holding>> HOLDINGS = LWWMapKey.create("annals-holdings");

    /** Member id to {@link MemberCard}. */
    public static final Key<LWWMap<String, MemberCard>> MEMBERS =
            LWWMapKey.create("annals-members");

    /** The tip's {@link TipState}. */
    public static final Key<LWWRegister<TipState>> TIP = LWWRegisterKey.create("annals-tip");
}
