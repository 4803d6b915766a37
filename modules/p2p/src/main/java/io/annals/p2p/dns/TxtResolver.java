package io.annals.p2p.dns;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Looks up the TXT content of a name (the strings of its first TXT record, joined). */
@FunctionalInterface
public interface TxtResolver {
    /** Empty when the name does not exist or has no TXT record; fails on a network error. */
    CompletableFuture<Optional<String>> txt(String name);
}
