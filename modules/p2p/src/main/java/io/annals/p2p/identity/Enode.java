package io.annals.p2p.identity;

import io.annals.core.crypto.Secp256k1;
import io.annals.core.util.Hex;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A node address in the enode URL form {@code enode://<node id, 128 hex>@<host>:<tcp
 * port>[?discport=<udp port>]} (<a
 * href="https://ethereum.org/en/developers/docs/networking-layer/network-addresses/#enode">enode</a>).
 * The discovery port defaults to the TCP port.
 */
public record Enode(byte[] nodeId, String host, int tcpPort, int discoveryPort) {
    public Enode {
        if (!Secp256k1.isValidPublicKey(nodeId)) {
            throw new IllegalArgumentException("enode node id is not a secp256k1 public key");
        }
        nodeId = nodeId.clone();
        checkPort(tcpPort, "TCP");
        checkPort(discoveryPort, "discovery");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("enode host is empty");
        }
    }

    public Enode(byte[] nodeId, String host, int tcpPort) {
        this(nodeId, host, tcpPort, tcpPort);
    }

    /**
     * Parses an enode URL.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Enode parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an enode URL: " + url, e);
        }
        if (!"enode".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("enode URL must start with enode://: " + url);
        }
        String id = uri.getUserInfo();
        if (id == null || id.length() != 2 * Secp256k1.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("enode node id must be 128 hex digits: " + url);
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("enode URL needs host:port: " + url);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int discovery = uri.getPort();
        String query = uri.getRawQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("discport=")) {
                    discovery = parsePort(parameter.substring("discport=".length()), url);
                }
            }
        }
        return new Enode(Hex.decode(id), host, uri.getPort(), discovery);
    }

    @Override
    public byte[] nodeId() {
        return nodeId.clone();
    }

    public String nodeIdHex() {
        return Hex.encode(nodeId);
    }

    public InetSocketAddress socketAddress() {
        return InetSocketAddress.createUnresolved(host, tcpPort);
    }

    @Override
    public String toString() {
        String printedHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String url = "enode://" + nodeIdHex() + "@" + printedHost + ":" + tcpPort;
        return discoveryPort == tcpPort ? url : url + "?discport=" + discoveryPort;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Enode e
                && Arrays.equals(nodeId, e.nodeId)
                && host.toLowerCase(Locale.ROOT).equals(e.host.toLowerCase(Locale.ROOT))
                && tcpPort == e.tcpPort
                && discoveryPort == e.discoveryPort;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nodeId) + tcpPort;
    }

    private static int parsePort(String text, String url) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad discport in " + url, e);
        }
    }

    private static void checkPort(int port, String what) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException(what + " port out of range: " + port);
        }
    }
}
