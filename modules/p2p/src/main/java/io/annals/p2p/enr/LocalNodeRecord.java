package io.annals.p2p.enr;

import io.annals.core.chain.ForkId;
import io.annals.core.util.Hex;
import io.annals.p2p.identity.NodeKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's own record, kept in {@code <data-dir>/enr} in its text form. {@link #update} signs a
 * new record with the sequence number one higher whenever the endpoint or the fork id changes
 * (EIP-778: "the sequence number ... increases whenever the record changes"), and writes it to the
 * file (to a temporary file first, then moved into place). Not thread-safe: one owner calls it.
 */
public final class LocalNodeRecord {
    public static final String FILE_NAME = "enr";

    private static final Logger LOG = LoggerFactory.getLogger(LocalNodeRecord.class);

    private final NodeKey key;
    private final Optional<Path> file;
    private Enr current;

    private LocalNodeRecord(NodeKey key, Optional<Path> file, Enr current) {
        this.key = key;
        this.file = file;
        this.current = current;
    }

    /**
     * Reads the record kept in {@code dataDir}, if it is ours; a missing, unreadable or foreign
     * record (another node key) starts afresh. Nothing is written until {@link #update}.
     */
    public static LocalNodeRecord load(NodeKey key, Path dataDir) {
        Path path = dataDir.resolve(FILE_NAME);
        Enr stored = null;
        if (Files.isRegularFile(path)) {
            try {
                Enr read = Enr.fromText(Files.readString(path, StandardCharsets.US_ASCII));
                if (Arrays.equals(read.publicKey(), key.nodeId())) {
                    stored = read;
                } else {
                    LOG.info("{} belongs to another node key; starting a new record", path);
                }
            } catch (IOException | EnrException e) {
                LOG.warn(
                        "cannot read the node record {} ({}); starting a new one",
                        path,
                        e.getMessage());
            }
        }
        return new LocalNodeRecord(key, Optional.of(path), stored);
    }

    /** A record that lives in memory only (tests, bare discovery nodes). */
    public static LocalNodeRecord inMemory(NodeKey key) {
        return new LocalNodeRecord(key, Optional.empty(), null);
    }

    /**
     * The record for this endpoint and fork id: the current one when nothing changed, else a new
     * one with seq + 1, persisted.
     */
    public Enr update(InetAddress ip, int tcpPort, int udpPort, Optional<ForkId> forkId) {
        Enr.Builder builder = Enr.builder().ip(ip).tcp(tcpPort).udp(udpPort);
        forkId.ifPresent(builder::eth);
        long nextSeq = current == null ? 1 : current.seq() + 1;
        Enr candidate = builder.seq(nextSeq).sign(key.privateKey());
        if (current != null && current.sameContent(candidate)) {
            return current;
        }
        current = candidate;
        file.ifPresent(this::write);
        LOG.info("node record seq {}: {}", current.seq(), current.toText());
        return current;
    }

    /** The latest record; empty before the first {@link #update}, unless one was loaded. */
    public Optional<Enr> current() {
        return Optional.ofNullable(current);
    }

    private void write(Path path) {
        try {
            Files.createDirectories(path.getParent());
            Path temp = path.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(temp, current.toText() + "\n", StandardCharsets.US_ASCII);
            Files.move(
                    temp,
                    path,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the node record " + path, e);
        }
    }

    @Override
    public String toString() {
        return "LocalNodeRecord[" + Hex.encode(key.nodeId()).substring(0, 16) + "…]";
    }
}
