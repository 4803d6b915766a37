package io.annals.devnet.chain;

import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.Address;
import io.annals.core.types.TransactionType;

/**
 * Encodes generated transactions straight into RLP, one writer reused for a whole block, in the
 * canonical forms of each type (EIP-155 legacy, EIP-2930, EIP-1559, EIP-4844 without the blob
 * sidecar as blocks carry it, EIP-7702 with authorization tuples). Signatures come from {@link
 * SignaturePool}: recoverable, never signed. Not thread-safe.
 */
final class TransactionWriter {
    /** A planned transaction: the composer fills it, the writer encodes it. Reused per block. */
    static final class Plan {
        TransactionType type;
        long nonce;
        long maxPriorityFee;
        long maxFee;
        long gasLimit;
        final byte[] to = new byte[Address.SIZE];
        long value;
        boolean largeValue;
        byte[] input = new byte[4096];
        int inputLength;
        int accessListEntries;
        int blobs;
        int authorizations;
    }

    private final long chainId;
    private final Population population;
    private final SignaturePool signatures;
    private final RlpWriter w = new RlpWriter(8192);
    private final byte[] s = new byte[32];
    private final byte[] word = new byte[32];

    TransactionWriter(long chainId, Population population, SignaturePool signatures) {
        this.chainId = chainId;
        this.population = population;
        this.signatures = signatures;
    }

    /**
     * The canonical encoding of the planned transaction (legacy: the list; typed: type || list).
     */
    byte[] encode(Plan plan, SplitMix random) {
        w.reset();
        TransactionType type = plan.type;
        if (type != TransactionType.LEGACY) {
            w.writeRaw(new byte[] {(byte) type.code()});
        }
        int mark = w.startList();
        int parity = random.nextInt(2);
        switch (type) {
            case LEGACY -> {
                w.writeLong(plan.nonce).writeLong(plan.maxFee).writeLong(plan.gasLimit);
                writeCall(plan, random);
                w.writeLong(chainId * 2 + 35 + parity);
            }
            case ACCESS_LIST -> {
                w.writeLong(chainId)
                        .writeLong(plan.nonce)
                        .writeLong(plan.maxFee)
                        .writeLong(plan.gasLimit);
                writeCall(plan, random);
                writeAccessList(plan.accessListEntries, random);
                w.writeLong(parity);
            }
            case DYNAMIC_FEE, BLOB, SET_CODE -> {
                w.writeLong(chainId)
                        .writeLong(plan.nonce)
                        .writeLong(plan.maxPriorityFee)
                        .writeLong(plan.maxFee)
                        .writeLong(plan.gasLimit);
                writeCall(plan, random);
                writeAccessList(plan.accessListEntries, random);
                if (type == TransactionType.BLOB) {
                    w.writeLong(1_000_000_000L + random.nextInt(1 << 30));
                    writeBlobHashes(plan.blobs, random);
                } else if (type == TransactionType.SET_CODE) {
                    writeAuthorizations(plan.authorizations, random);
                }
                w.writeLong(parity);
            }
        }
        writeSignature(random);
        w.endList(mark);
        return w.toByteArray();
    }

    private void writeCall(Plan plan, SplitMix random) {
        w.writeBytes(plan.to, 0, Address.SIZE);
        if (plan.largeValue) {
            // more than 2^63 wei: an ether amount of ten significant bytes
            random.nextBytes(word, 0, 10);
            word[0] = (byte) (1 + random.nextInt(0x7f));
            w.writeBytes(word, 0, 10);
        } else {
            w.writeLong(plan.value);
        }
        w.writeBytes(plan.input, 0, plan.inputLength);
    }

    private void writeAccessList(int entries, SplitMix random) {
        int list = w.startList();
        for (int i = 0; i < entries; i++) {
            int entry = w.startList();
            w.writeAddress(population.contracts[population.contractPick.draw(random)]);
            int keys = w.startList();
            int count = 1 + random.nextInt(4);
            for (int k = 0; k < count; k++) {
                random.nextBytes(word, 0, 32);
                w.writeBytes(word);
            }
            w.endList(keys);
            w.endList(entry);
        }
        w.endList(list);
    }

    /**
     * EIP-4844 versioned hashes: the version byte 0x01 and 31 bytes of a KZG commitment's SHA-256.
     */
    private void writeBlobHashes(int blobs, SplitMix random) {
        int list = w.startList();
        for (int i = 0; i < blobs; i++) {
            random.nextBytes(word, 0, 32);
            word[0] = 0x01;
            w.writeBytes(word);
        }
        w.endList(list);
    }

    /**
     * EIP-7702 tuples {@code [chainId, address, nonce, yParity, r, s]}, delegating to popular
     * contracts.
     */
    private void writeAuthorizations(int count, SplitMix random) {
        int list = w.startList();
        for (int i = 0; i < count; i++) {
            int tuple = w.startList();
            w.writeLong(random.nextInt(10) == 0 ? 0 : chainId);
            w.writeAddress(population.contracts[population.contractPick.draw(random)]);
            w.writeLong(random.nextInt(1 << 12));
            w.writeLong(random.nextInt(2));
            writeSignature(random);
            w.endList(tuple);
        }
        w.endList(list);
    }

    private void writeSignature(SplitMix random) {
        w.writeBytes(signatures.r(random));
        SignaturePool.s(random, s);
        w.writeBytes(s);
    }
}
