package io.annals.p2p.discv4;

/**
 * Counters of one discv4 service, for stats and metrics.
 *
 * @param tableSize nodes in the Kademlia table
 * @param received datagrams that decoded and were handled
 * @param malformed datagrams that did not decode (bad size, hash, signature, RLP)
 * @param rateLimited datagrams dropped because their source sent too many
 * @param expired packets whose expiration lay in the past
 * @param unsolicited replies nobody asked for (Pong, Neighbors, ENRResponse), and queries from
 *     nodes without an endpoint proof
 * @param lookups lookups finished
 */
public record Discv4Stats(
        int tableSize,
        long received,
        long malformed,
        long rateLimited,
        long expired,
        long unsolicited,
        long lookups) {}
