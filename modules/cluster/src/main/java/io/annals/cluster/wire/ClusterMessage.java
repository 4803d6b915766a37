package io.annals.cluster.wire;

/**
 * Everything the cluster sends between hosts or keeps in distributed data: entity commands, reads
 * and their answers, the directory's values. Bound to {@link ClusterSerializer} in reference.conf,
 * so nothing of ours travels with Java serialization.
 */
public interface ClusterMessage {}
