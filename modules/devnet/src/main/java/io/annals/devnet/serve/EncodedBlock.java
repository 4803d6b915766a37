package io.annals.devnet.serve;

import io.annals.core.types.Hash;

/** A block as the eth protocol serves it: header, body and eth/69 receipt list, pre-encoded. */
public record EncodedBlock(
        long number, Hash hash, byte[] headerRlp, byte[] bodyRlp, byte[] receiptsEth69) {}
