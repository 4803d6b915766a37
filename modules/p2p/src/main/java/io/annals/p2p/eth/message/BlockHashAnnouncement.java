package io.annals.p2p.eth.message;

import io.annals.core.types.Hash;

/** One entry of NewBlockHashes: a block the peer says appeared, with its (unsigned) number. */
public record BlockHashAnnouncement(Hash hash, long number) {}
