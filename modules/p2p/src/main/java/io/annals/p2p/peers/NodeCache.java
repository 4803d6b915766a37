package io.annals.p2p.peers;

import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discv4.Endpoint;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.enr.EnrException;
import io.annals.p2p.identity.Enode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes worth dialling again after a restart, in {@code <data-dir>/nodes}: one per line, its
 * node record ({@code enr:…}) when known, else its enode URL. Read at start so a restart reconnects
 * without waiting for discovery; written every {@code node-cache.interval} and at shutdown (to a
 * temporary file, then moved into place). Lines that do not parse are skipped.
 */
public final class NodeCache {
    public static final String FILE_NAME = "nodes";
    private static final Logger LOG = LoggerFactory.getLogger(NodeCache.class);

    private final Path file;

    public NodeCache(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public List<DiscoveredNode> load() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<DiscoveredNode> nodes = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                parse(line.trim()).ifPresent(nodes::add);
            }
        } catch (IOException e) {
            LOG.warn("cannot read the node cache {}: {}", file, e.getMessage());
        }
        return nodes;
    }

    public void save(List<DiscoveredNode> nodes) {
        StringBuilder text = new StringBuilder();
        for (DiscoveredNode node : nodes) {
            text.append(node.enr().map(Enr::toText).orElseGet(() -> node.enode().toString()))
                    .append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the node cache " + file, e);
        }
    }

    private static Optional<DiscoveredNode> parse(String line) {
        try {
            if (line.startsWith(Enr.TEXT_PREFIX)) {
                return DiscoveredNode.fromEnr(Enr.fromText(line));
            }
            if (line.startsWith("enode://")) {
                Enode enode = Enode.parse(line);
                InetAddress ip = InetAddress.getByName(enode.host());
                return Optional.of(
                        DiscoveredNode.of(
                                enode.nodeId(),
                                new Endpoint(ip, enode.discoveryPort(), enode.tcpPort())));
            }
        } catch (EnrException | IllegalArgumentException | UnknownHostException e) {
            LOG.debug("node cache: skipping {}: {}", line, e.getMessage());
        }
        return Optional.empty();
    }
}
