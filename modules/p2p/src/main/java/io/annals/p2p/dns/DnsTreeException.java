package io.annals.p2p.dns;

/**
 * A node-list entry that cannot be used: a malformed TXT record, a root whose signature does not
 * match the list's key, an entry whose content does not match its hash, or a tree that exceeds the
 * limits. The one exception of the EIP-1459 codec and client.
 */
public final class DnsTreeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DnsTreeException(String message) {
        super(message);
    }

    public DnsTreeException(String message, Throwable cause) {
        super(message, cause);
    }
}
