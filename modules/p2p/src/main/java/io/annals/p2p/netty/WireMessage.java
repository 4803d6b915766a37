package io.annals.p2p.netty;

/**
 * A message between the message codec and the session handler: the absolute message id and the
 * uncompressed msg-data.
 */
record WireMessage(int id, byte[] payload) {}
