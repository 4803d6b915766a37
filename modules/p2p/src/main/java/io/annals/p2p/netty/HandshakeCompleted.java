package io.annals.p2p.netty;

/** User event fired by {@link HandshakeHandler} once the frame codec is in place. */
record HandshakeCompleted(byte[] remoteNodeId) {}
