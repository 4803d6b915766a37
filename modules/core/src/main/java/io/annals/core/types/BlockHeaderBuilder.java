package io.annals.core.types;

import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.ByteSlice;
import io.annals.core.util.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Assembles a {@link BlockHeader} from its fields, for generated chains and tests. The fork fields
 * must form a prefix of the layout order (baseFee, withdrawalsRoot, the three Cancun fields,
 * requestsHash, blockAccessListHash), as in a real header. Not thread-safe.
 */
public final class BlockHeaderBuilder {
    private Hash parentHash = Hash.ZERO;
    private Hash ommersHash = Hash.ZERO;
    private Address beneficiary = Address.ZERO;
    private Hash stateRoot = Hash.ZERO;
    private Hash transactionsRoot = Hash.ZERO;
    private Hash receiptsRoot = Hash.ZERO;
    private LogsBloom logsBloom = LogsBloom.EMPTY;
    private BigInteger difficulty = BigInteger.ZERO;
    private long number;
    private long gasLimit;
    private long gasUsed;
    private long timestamp;
    private byte[] extraData = Bytes.EMPTY;
    private Hash mixHash = Hash.ZERO;
    private long nonce;
    private BigInteger baseFeePerGas;
    private Hash withdrawalsRoot;
    private Long blobGasUsed;
    private Long excessBlobGas;
    private Hash parentBeaconBlockRoot;
    private Hash requestsHash;
    private Hash blockAccessListHash;
    private final List<ByteSlice> unknownFields = new ArrayList<>();

    BlockHeaderBuilder() {}

    static BlockHeaderBuilder from(BlockHeader h) {
        BlockHeaderBuilder b =
                new BlockHeaderBuilder()
                        .parentHash(h.parentHash())
                        .ommersHash(h.ommersHash())
                        .beneficiary(h.beneficiary())
                        .stateRoot(h.stateRoot())
                        .transactionsRoot(h.transactionsRoot())
                        .receiptsRoot(h.receiptsRoot())
                        .logsBloom(h.logsBloom())
                        .difficulty(h.difficulty())
                        .number(h.number())
                        .gasLimit(h.gasLimit())
                        .gasUsed(h.gasUsed())
                        .timestamp(h.timestamp())
                        .extraData(h.extraData())
                        .mixHash(h.mixHash())
                        .nonce(h.nonce());
        b.baseFeePerGas = h.baseFeePerGas().orElse(null);
        b.withdrawalsRoot = h.withdrawalsRoot().orElse(null);
        b.blobGasUsed = h.blobGasUsed().isPresent() ? h.blobGasUsed().getAsLong() : null;
        b.excessBlobGas = h.excessBlobGas().isPresent() ? h.excessBlobGas().getAsLong() : null;
        b.parentBeaconBlockRoot = h.parentBeaconBlockRoot().orElse(null);
        b.requestsHash = h.requestsHash().orElse(null);
        b.blockAccessListHash = h.blockAccessListHash().orElse(null);
        b.unknownFields.addAll(h.unknownFields());
        return b;
    }

    public BlockHeaderBuilder parentHash(Hash v) {
        parentHash = Objects.requireNonNull(v);
        return this;
    }

    public BlockHeaderBuilder ommersHash(Hash v) {
        ommersHash = Objects.requireNonNull(v);
        return this;
    }

    public BlockHeaderBuilder beneficiary(Address v) {
        beneficiary = Objects.requireNonNull(v);
        return this;
    }

    public BlockHeaderBuilder stateRoot(Hash v) {
        stateRoot = Objects.requireNonNull(v);
        return this;
    }

    public BlockHeaderBuilder transactionsRoot(Hash v) {
        transactionsRoot = Objects.requireNonNull(v);
        return this;
    }

    public BlockHeaderBuilder receiptsRoot(Hash v) {
        receiptsRoot = Objects.requireNonNull(v);
        return this;
    }

    public BlockHeaderBuilder logsBloom(LogsBloom v) {
        logsBloom = Objects.requireNonNull(v);
        return this;
    }

    public BlockHeaderBuilder difficulty(BigInteger v) {
        difficulty = Objects.requireNonNull(v);
        return this;
    }

    public BlockHeaderBuilder number(long v) {
        number = v;
        return this;
    }

    public BlockHeaderBuilder gasLimit(long v) {
        gasLimit = v;
        return this;
    }

    public BlockHeaderBuilder gasUsed(long v) {
        gasUsed = v;
        return this;
    }

    public BlockHeaderBuilder timestamp(long v) {
        timestamp = v;
        return this;
    }

    public BlockHeaderBuilder extraData(byte[] v) {
        extraData = v.clone();
        return this;
    }

    public BlockHeaderBuilder mixHash(Hash v) {
        mixHash = Objects.requireNonNull(v);
        return this;
    }

    public BlockHeaderBuilder nonce(long v) {
        nonce = v;
        return this;
    }

    /** London; null removes it (and requires the later fork fields to be absent). */
    public BlockHeaderBuilder baseFeePerGas(BigInteger v) {
        baseFeePerGas = v;
        return this;
    }

    public BlockHeaderBuilder withdrawalsRoot(Hash v) {
        withdrawalsRoot = v;
        return this;
    }

    public BlockHeaderBuilder blobGasUsed(Long v) {
        blobGasUsed = v;
        return this;
    }

    public BlockHeaderBuilder excessBlobGas(Long v) {
        excessBlobGas = v;
        return this;
    }

    public BlockHeaderBuilder parentBeaconBlockRoot(Hash v) {
        parentBeaconBlockRoot = v;
        return this;
    }

    public BlockHeaderBuilder requestsHash(Hash v) {
        requestsHash = v;
        return this;
    }

    public BlockHeaderBuilder blockAccessListHash(Hash v) {
        blockAccessListHash = v;
        return this;
    }

    /** Appends the raw encoding of a field unknown to this code (a future fork's). */
    public BlockHeaderBuilder addUnknownField(byte[] rlpItem) {
        unknownFields.add(ByteSlice.of(rlpItem.clone()));
        return this;
    }

    /**
     * Encodes the fields and decodes the result, so the header is exactly what a peer would send.
     *
     * @throws IllegalStateException when fork fields are not a prefix of the layout order
     */
    public BlockHeader build() {
        RlpWriter w = new RlpWriter(640);
        int mark = w.startList();
        w.writeHash(parentHash)
                .writeHash(ommersHash)
                .writeAddress(beneficiary)
                .writeHash(stateRoot)
                .writeHash(transactionsRoot)
                .writeHash(receiptsRoot)
                .writeBytes(logsBloom.unsafeArray())
                .writeBigInteger(difficulty)
                .writeLong(number)
                .writeLong(gasLimit)
                .writeLong(gasUsed)
                .writeLong(timestamp)
                .writeBytes(extraData)
                .writeHash(mixHash)
                .writeBytes(Bytes.longBytes(nonce));
        boolean cancun =
                blobGasUsed != null || excessBlobGas != null || parentBeaconBlockRoot != null;
        if (cancun
                && (blobGasUsed == null
                        || excessBlobGas == null
                        || parentBeaconBlockRoot == null)) {
            throw new IllegalStateException(
                    "Cancun fields come together: blobGasUsed, excessBlobGas, parentBeaconBlockRoot");
        }
        Object[] forkFields = {
            baseFeePerGas,
            withdrawalsRoot,
            cancun ? blobGasUsed : null,
            requestsHash,
            blockAccessListHash
        };
        boolean ended = false;
        for (int i = 0; i < forkFields.length; i++) {
            if (forkFields[i] == null) {
                ended = true;
            } else if (ended) {
                throw new IllegalStateException(
                        "fork field " + i + " set without the fields of earlier forks");
            }
        }
        if (!unknownFields.isEmpty() && ended) {
            throw new IllegalStateException("unknown trailing fields need every known fork field");
        }
        if (baseFeePerGas != null) {
            w.writeBigInteger(baseFeePerGas);
        }
        if (withdrawalsRoot != null) {
            w.writeHash(withdrawalsRoot);
        }
        if (cancun) {
            w.writeLong(blobGasUsed).writeLong(excessBlobGas).writeHash(parentBeaconBlockRoot);
        }
        if (requestsHash != null) {
            w.writeHash(requestsHash);
        }
        if (blockAccessListHash != null) {
            w.writeHash(blockAccessListHash);
        }
        for (ByteSlice field : unknownFields) {
            w.writeRaw(field);
        }
        return BlockHeader.decode(w.endList(mark).toByteArray());
    }
}
