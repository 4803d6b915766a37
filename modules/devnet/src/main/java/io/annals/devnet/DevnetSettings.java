package io.annals.devnet;

import io.annals.devnet.chain.ChainParameters;
import io.annals.devnet.fault.FaultPlan;
import io.annals.devnet.peer.Announcing;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.eth.EthSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Everything a devnet is started with; read once from {@code annals.devnet} by {@link DevnetConfig}
 * (reference.conf explains each key). Immutable.
 *
 * @param faults one plan per peer ({@link FaultPlan#NONE} for a well-behaved one)
 * @param p2p the transport settings every peer starts from (client id and listen address are set
 *     per peer)
 * @param eth the eth settings every peer starts from; its {@link Announcing} mode adjusts them
 *     ({@link #eth(int)})
 * @param announcements how each peer announces new blocks, one per peer
 */
public record DevnetSettings(
        ChainParameters chain,
        int peers,
        long blocks,
        Duration blockTime,
        Path dataDir,
        String listenHost,
        int basePort,
        int serveCacheBlocks,
        Propagation propagation,
        List<ReorgPlan> reorgs,
        List<FaultPlan> faults,
        P2pSettings p2p,
        EthSettings eth,
        List<Announcing> announcements,
        DevnetDiscovery.Settings discovery) {
    public static final int MAX_PEERS = 64;

    public DevnetSettings {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(blockTime, "blockTime");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(propagation, "propagation");
        Objects.requireNonNull(p2p, "p2p");
        Objects.requireNonNull(eth, "eth");
        Objects.requireNonNull(discovery, "discovery");
        reorgs = List.copyOf(reorgs);
        faults = List.copyOf(faults);
        announcements = List.copyOf(announcements);
        if (peers < 1 || peers > MAX_PEERS) {
            throw new IllegalArgumentException(
                    "peers must be within 1.." + MAX_PEERS + ", got " + peers);
        }
        if (blocks < 0 || blocks > 100_000_000L) {
            throw new IllegalArgumentException("blocks must be within 0..100000000, got " + blocks);
        }
        if (blockTime.isNegative()) {
            throw new IllegalArgumentException("block time must not be negative");
        }
        if (basePort != 0 && (basePort < 1 || basePort + peers - 1 > 65_535)) {
            throw new IllegalArgumentException(
                    "base port " + basePort + " leaves no room for " + peers + " peers");
        }
        if (serveCacheBlocks < 1) {
            throw new IllegalArgumentException("serve-cache-blocks must be positive");
        }
        if (faults.size() != peers) {
            throw new IllegalArgumentException(
                    "need one fault plan per peer: "
                            + peers
                            + " peers, "
                            + faults.size()
                            + " plans");
        }
        if (announcements.size() != peers) {
            throw new IllegalArgumentException(
                    "need one announcement mode per peer: "
                            + peers
                            + " peers, "
                            + announcements.size()
                            + " modes");
        }
        if (propagation instanceof Propagation.PerPeer perPeer
                && perPeer.delays().size() != peers) {
            throw new IllegalArgumentException(
                    "propagation.per-peer needs one delay per peer: "
                            + peers
                            + " peers, "
                            + perPeer.delays().size()
                            + " delays");
        }
    }

    /** The defaults of reference.conf with the data under {@code dataDir}. */
    public static DevnetSettings defaults(Path dataDir) {
        return DevnetConfig.defaults().withDataDir(dataDir);
    }

    /** The eth settings of peer {@code peer}: the base, announcing as the peer's mode says. */
    public EthSettings eth(int peer) {
        return announcements.get(peer).eth(eth);
    }

    /** Every peer announcing {@code mode}. */
    public DevnetSettings withAnnouncements(Announcing mode) {
        return new DevnetSettings(
                chain,
                peers,
                blocks,
                blockTime,
                dataDir,
                listenHost,
                basePort,
                serveCacheBlocks,
                propagation,
                reorgs,
                faults,
                p2p,
                eth,
                java.util.Collections.nCopies(peers, mode),
                discovery);
    }

    /** Whether the head grows by itself (a block time above zero). */
    public boolean grows() {
        return !blockTime.isZero();
    }

    public DevnetSettings withChain(ChainParameters value) {
        return new DevnetSettings(
                value,
                peers,
                blocks,
                blockTime,
                dataDir,
                listenHost,
                basePort,
                serveCacheBlocks,
                propagation,
                reorgs,
                faults,
                p2p,
                eth,
                announcements,
                discovery);
    }

    /** {@code count} peers; plans of peers beyond the old count are {@link FaultPlan#NONE}. */
    public DevnetSettings withPeers(int count) {
        List<FaultPlan> plans = new ArrayList<>(faults.subList(0, Math.min(count, faults.size())));
        plans.addAll(Collections.nCopies(Math.max(0, count - plans.size()), FaultPlan.NONE));
        Propagation resized =
                propagation instanceof Propagation.PerPeer perPeer
                        ? new Propagation.PerPeer(resize(perPeer.delays(), count))
                        : propagation;
        return new DevnetSettings(
                chain,
                count,
                blocks,
                blockTime,
                dataDir,
                listenHost,
                basePort,
                serveCacheBlocks,
                resized,
                reorgs,
                plans,
                p2p,
                eth,
                resize(announcements, count),
                discovery);
    }

    public DevnetSettings withBlocks(long value) {
        return new DevnetSettings(
                chain,
                peers,
                value,
                blockTime,
                dataDir,
                listenHost,
                basePort,
                serveCacheBlocks,
                propagation,
                reorgs,
                faults,
                p2p,
                eth,
                announcements,
                discovery);
    }

    public DevnetSettings withBlockTime(Duration value) {
        return new DevnetSettings(
                chain,
                peers,
                blocks,
                value,
                dataDir,
                listenHost,
                basePort,
                serveCacheBlocks,
                propagation,
                reorgs,
                faults,
                p2p,
                eth,
                announcements,
                discovery);
    }

    public DevnetSettings withDataDir(Path value) {
        return new DevnetSettings(
                chain,
                peers,
                blocks,
                blockTime,
                value,
                listenHost,
                basePort,
                serveCacheBlocks,
                propagation,
                reorgs,
                faults,
                p2p,
                eth,
                announcements,
                discovery);
    }

    public DevnetSettings withPropagation(Propagation value) {
        return new DevnetSettings(
                chain,
                peers,
                blocks,
                blockTime,
                dataDir,
                listenHost,
                basePort,
                serveCacheBlocks,
                value,
                reorgs,
                faults,
                p2p,
                eth,
                announcements,
                discovery);
    }

    public DevnetSettings withReorgs(List<ReorgPlan> value) {
        return new DevnetSettings(
                chain,
                peers,
                blocks,
                blockTime,
                dataDir,
                listenHost,
                basePort,
                serveCacheBlocks,
                propagation,
                value,
                faults,
                p2p,
                eth,
                announcements,
                discovery);
    }

    public DevnetSettings withFault(int peer, FaultPlan plan) {
        List<FaultPlan> plans = new ArrayList<>(faults);
        plans.set(peer, plan);
        return new DevnetSettings(
                chain,
                peers,
                blocks,
                blockTime,
                dataDir,
                listenHost,
                basePort,
                serveCacheBlocks,
                propagation,
                reorgs,
                plans,
                p2p,
                eth,
                announcements,
                discovery);
    }

    public DevnetSettings withBasePort(int value) {
        return new DevnetSettings(
                chain,
                peers,
                blocks,
                blockTime,
                dataDir,
                listenHost,
                value,
                serveCacheBlocks,
                propagation,
                reorgs,
                faults,
                p2p,
                eth,
                announcements,
                discovery);
    }

    private static <T> List<T> resize(List<T> list, int size) {
        List<T> out = new ArrayList<>(list.subList(0, Math.min(size, list.size())));
        while (out.size() < size) {
            out.add(list.get(list.size() - 1));
        }
        return out;
    }
}
