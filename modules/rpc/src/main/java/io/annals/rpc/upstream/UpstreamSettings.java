package io.annals.rpc.upstream;

import com.typesafe.config.Config;
import io.annals.rpc.RpcSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the methods that need state go: {@code annals.rpc.upstream} (a full node's HTTP JSON-RPC
 * URL, empty for none) and {@code annals.rpc.upstream-timeout}.
 */
public record UpstreamSettings(Optional<URI> url, Duration timeout) {
    public UpstreamSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    RpcSettings.PATH + ".upstream-timeout must be positive, got " + timeout);
        }
    }

    public static UpstreamSettings none() {
        return new UpstreamSettings(Optional.empty(), Duration.ofSeconds(10));
    }

    public static UpstreamSettings fromConfig(Config root) {
        Config c = root.getConfig(RpcSettings.PATH);
        String url = c.getString("upstream").trim();
        return new UpstreamSettings(
                url.isEmpty() ? Optional.empty() : Optional.of(parse(url)),
                c.getDuration("upstream-timeout"));
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        RpcSettings.PATH
                                + ".upstream must be an http:// or https:// URL, got "
                                + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    RpcSettings.PATH + ".upstream is not a URL: " + url, e);
        }
    }
}
