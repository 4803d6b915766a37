package io.annals.node.monitor;

import io.annals.cluster.ClusterStatus;
import java.util.stream.Collectors;

/**
 * The cluster's part of the progress line, after the engine's: the cluster head, the members with
 * the ranges each owns (complete/owned), handoffs in flight, unreachable members and the tip host:
 *
 * <pre>
 *  cluster head=5936 members=3 [a1b2c3d4:4/4* 5e6f7a8b:4/5 9c0d1e2f:3/4] handoffs=1 unreachable=0
 * </pre>
 *
 * {@code *} marks the member that runs the tip.
 */
public final class ClusterLine {
    private ClusterLine() {}

    public static String of(ClusterStatus status) {
        String tip = status.tip().map(t -> t.member()).orElse("");
        String members =
                status.members().stream()
                        .map(
                                member -> {
                                    long owned =
                                            status.ranges().stream()
                                                    .filter(r -> r.owner().equals(member.member()))
                                                    .count();
                                    long complete =
                                            status.ranges().stream()
                                                    .filter(r -> r.owner().equals(member.member()))
                                                    .filter(ClusterStatus.Range::complete)
                                                    .count();
                                    return member.member().substring(0, 8)
                                            + ":"
                                            + complete
                                            + "/"
                                            + owned
                                            + (member.member().equals(tip) ? "*" : "")
                                            + (member.reachable() ? "" : "!unreachable")
                                            + (member.state().equals("up")
                                                    ? ""
                                                    : "(" + member.state() + ")");
                                })
                        .collect(Collectors.joining(" ", "[", "]"));
        return " cluster head="
                + (status.head().isPresent() ? Long.toString(status.head().getAsLong()) : "-")
                + " members="
                + status.members().size()
                + " "
                + members
                + " handoffs="
                + status.handoffs()
                + " unreachable="
                + status.unreachable();
    }
}
