package io.annals.p2p.dns;

import io.annals.core.crypto.Secp256k1;
import java.util.Arrays;
import java.util.Locale;

/**
 * A node list's address: {@code enrtree://<base32 of the compressed public key>@<domain>} (devp2p
 * dnsdisc.md, "URL Scheme"). The key signs the list's root.
 */
public record EnrTreeUrl(byte[] publicKey, String domain) {
    public static final String SCHEME = "enrtree://";

    public EnrTreeUrl {
        if (publicKey.length != 64) {
            throw new IllegalArgumentException("a list's public key is 64 bytes");
        }
        publicKey = publicKey.clone();
        domain = domain.toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || domain.length() > 253 || !domain.matches("[a-z0-9.-]+")) {
            throw new DnsTreeException("bad domain in a node list URL: " + domain);
        }
    }

    /**
     * @throws DnsTreeException naming what is wrong
     */
    public static EnrTreeUrl parse(String url) {
        String text = url.trim();
        if (!text.startsWith(SCHEME)) {
            throw new DnsTreeException("a node list URL starts with enrtree://: " + url);
        }
        int at = text.indexOf('@');
        if (at < 0) {
            throw new DnsTreeException("a node list URL is enrtree://<key>@<domain>: " + url);
        }
        byte[] compressed = Base32.decode(text.substring(SCHEME.length(), at));
        try {
            return new EnrTreeUrl(Secp256k1.decompress(compressed), text.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw new DnsTreeException("bad public key in " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnrTreeUrl other
                && Arrays.equals(publicKey, other.publicKey)
                && domain.equals(other.domain);
    }

    @Override
    public int hashCode() {
        return domain.hashCode();
    }

    @Override
    public String toString() {
        return SCHEME + Base32.encode(Secp256k1.compress(publicKey)) + "@" + domain;
    }
}
