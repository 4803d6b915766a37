package io.annals.p2p;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Optional;

/**
 * The IP address this node tells peers to reach it at: never the wildcard {@code [::]} or {@code
 * 0.0.0.0} a listener binds. Chosen, in order, from {@code --nat extip:}, the listen address when
 * it is a specific one, and a non-loopback IPv4 address of an interface that is up, else 127.0.0.1.
 * Discovery may replace the choice with what its peers report ({@link Nat#trustsPeers}).
 */
public final class AdvertisedAddress {
    private AdvertisedAddress() {}

    public static InetAddress choose(Nat nat, String listenHost) {
        Optional<InetAddress> fixed = nat.fixed();
        if (fixed.isPresent()) {
            return fixed.get();
        }
        try {
            InetAddress listen = InetAddress.getByName(listenHost);
            if (!listen.isAnyLocalAddress()) {
                return listen;
            }
        } catch (UnknownHostException e) {
            // fall through to the interfaces
        }
        return firstInterfaceAddress().orElse(InetAddress.getLoopbackAddress());
    }

    private static Optional<InetAddress> firstInterfaceAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to read: the loopback address it is
        }
        return Optional.empty();
    }
}
