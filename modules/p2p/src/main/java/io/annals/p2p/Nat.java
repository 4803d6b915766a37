package io.annals.p2p;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * How the node learns the IP address it advertises (in its enode URL, its node record and discv4
 * Pongs), as geth's {@code --nat} flag: {@code extip:<ip>} names it; {@code auto} (the default)
 * takes what discovery peers report once several agree, and until then a non-loopback address of
 * this host (or the listen address when it is a specific one); {@code none} never asks the peers.
 */
public sealed interface Nat {
    record ExtIp(InetAddress address) implements Nat {}

    record Auto() implements Nat {}

    record None() implements Nat {}

    /** The address peers report is used (only under {@link Auto}). */
    default boolean trustsPeers() {
        return this instanceof Auto;
    }

    default Optional<InetAddress> fixed() {
        return this instanceof ExtIp ext ? Optional.of(ext.address()) : Optional.empty();
    }

    /**
     * Parses {@code extip:<ip>}, {@code auto} (or empty) or {@code none}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Nat parse(String text) {
        String value = text.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.equals("auto") || lower.equals("any")) {
            return new Auto();
        }
        if (lower.equals("none")) {
            return new None();
        }
        if (lower.startsWith("extip:")) {
            String ip = value.substring("extip:".length()).trim();
            if (!ip.matches("[0-9a-fA-F.:]+")) {
                throw new IllegalArgumentException(
                        "annals.p2p.nat: extip needs an IP address, got " + ip);
            }
            try {
                InetAddress address = InetAddress.getByName(ip);
                if (address.isAnyLocalAddress()) {
                    throw new IllegalArgumentException(
                            "annals.p2p.nat: extip must be an address peers can reach, not " + ip);
                }
                return new ExtIp(address);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("annals.p2p.nat: bad extip address " + ip, e);
            }
        }
        throw new IllegalArgumentException(
                "annals.p2p.nat must be auto, none or extip:<ip>, got '" + text + "'");
    }
}
