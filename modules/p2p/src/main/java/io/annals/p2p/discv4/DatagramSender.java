package io.annals.p2p.discv4;

import java.net.InetSocketAddress;

/** Sends one UDP datagram; the Netty adapter implements it. Must not block. */
@FunctionalInterface
public interface DatagramSender {
    void send(InetSocketAddress to, byte[] datagram);
}
