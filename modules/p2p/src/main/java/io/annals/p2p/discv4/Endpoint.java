package io.annals.p2p.discv4;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A node's address as discv4 packets carry it: {@code [ip, udp-port, tcp-port]} (IPv4 as 4 bytes,
 * IPv6 as 16). A port of 0 means "unknown"; a Ping's {@code to} has TCP port 0.
 */
public record Endpoint(InetAddress ip, int udpPort, int tcpPort) {
    public Endpoint {
        Objects.requireNonNull(ip, "ip");
        if (udpPort < 0 || udpPort > 0xffff || tcpPort < 0 || tcpPort > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + udpPort + "/" + tcpPort);
        }
    }

    public static Endpoint of(InetSocketAddress udp, int tcpPort) {
        return new Endpoint(udp.getAddress(), udp.getPort(), tcpPort);
    }

    public InetSocketAddress udpAddress() {
        return new InetSocketAddress(ip, udpPort);
    }

    @Override
    public String toString() {
        return ip.getHostAddress() + ":" + udpPort + "/tcp" + tcpPort;
    }
}
