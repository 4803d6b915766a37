package io.annals.core.types;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.util.ByteSlice;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A block header of any mainnet era (yellow paper, section 4.3, plus the fields appended by London,
 * Shanghai, Cancun, Prague and Amsterdam; see {@link HeaderFormat}).
 *
 * <p>The header keeps the exact bytes it was decoded from: {@link #hash()} is the Keccak-256 of
 * those bytes, never of a re-encoding, and {@link #encoding()} returns them. Fields past the last
 * known one (a future fork) are kept raw, so such a header still decodes, hashes and re-encodes
 * exactly. Immutable; build new headers with {@link #builder()}.
 */
public final class BlockHeader {
    private final byte[] encoding;
    private final Hash parentHash;
    private final Hash ommersHash;
    private final Address beneficiary;
    private final Hash stateRoot;
    private final Hash transactionsRoot;
    private final Hash receiptsRoot;
    private final LogsBloom logsBloom;
    private final BigInteger difficulty;
    private final long number;
    private final long gasLimit;
    private final long gasUsed;
    private final long timestamp;
    private final byte[] extraData;
    private final Hash mixHash;
    private final long nonce;
    private final BigInteger baseFeePerGas;
    private final Hash withdrawalsRoot;
    private final Long blobGasUsed;
    private final Long excessBlobGas;
    private final Hash parentBeaconBlockRoot;
    private final Hash requestsHash;
    private final Hash blockAccessListHash;
    private final List<ByteSlice> unknownFields;
    private final int fieldCount;
    private volatile Hash hash;

    private BlockHeader(byte[] encoding) {
        this.encoding = encoding;
        RlpReader f = RlpReader.list(encoding);
        parentHash = f.readHash();
        ommersHash = f.readHash();
        beneficiary = f.readAddress();
        stateRoot = f.readHash();
        transactionsRoot = f.readHash();
        receiptsRoot = f.readHash();
        logsBloom = LogsBloom.wrap(f.readFixed(LogsBloom.SIZE, "logs bloom"));
        difficulty = f.readUInt256();
        number = f.readLong();
        gasLimit = f.readLong();
        gasUsed = f.readLong();
        timestamp = f.readLong();
        extraData = f.readBytes();
        mixHash = f.readHash();
        nonce = readNonce(f);
        int count = HeaderFormat.FRONTIER.fieldCount();
        baseFeePerGas = f.hasNext() ? f.readUInt256() : null;
        count += baseFeePerGas != null ? 1 : 0;
        withdrawalsRoot = f.hasNext() ? f.readHash() : null;
        count += withdrawalsRoot != null ? 1 : 0;
        if (withdrawalsRoot != null && f.hasNext()) {
            blobGasUsed = f.readLong();
            excessBlobGas = requireNext(f, "excessBlobGas").readLong();
            parentBeaconBlockRoot = requireNext(f, "parentBeaconBlockRoot").readHash();
            count += 3;
        } else {
            blobGasUsed = null;
            excessBlobGas = null;
            parentBeaconBlockRoot = null;
        }
        requestsHash = parentBeaconBlockRoot != null && f.hasNext() ? f.readHash() : null;
        count += requestsHash != null ? 1 : 0;
        blockAccessListHash = requestsHash != null && f.hasNext() ? f.readHash() : null;
        count += blockAccessListHash != null ? 1 : 0;
        List<ByteSlice> unknown = new ArrayList<>(0);
        while (f.hasNext()) {
            DecodeLimits.checkCount(
                    unknown.size() + 1,
                    DecodeLimits.MAX_UNKNOWN_FIELDS,
                    "unknown header fields",
                    f.position());
            unknown.add(f.readRawSlice());
        }
        unknownFields = List.copyOf(unknown);
        fieldCount = count + unknown.size();
    }

    /** Decodes a header; the bytes are copied. */
    public static BlockHeader decode(byte[] encoding) {
        return new BlockHeader(encoding.clone());
    }

    public static BlockHeader decode(ByteSlice encoding) {
        return new BlockHeader(encoding.toArray());
    }

    /** Reads the next item of {@code reader} as a header. */
    public static BlockHeader read(RlpReader reader) {
        return decode(reader.readRawSlice());
    }

    public static BlockHeaderBuilder builder() {
        return new BlockHeaderBuilder();
    }

    /** A builder holding this header's fields, to derive a changed header. */
    public BlockHeaderBuilder toBuilder() {
        return BlockHeaderBuilder.from(this);
    }

    /** Keccak-256 of the original encoding. */
    public Hash hash() {
        Hash h = hash;
        if (h == null) {
            h = Keccak256.hashOf(encoding);
            hash = h;
        }
        return h;
    }

    /** A copy of the original encoding. */
    public byte[] encoding() {
        return encoding.clone();
    }

    /** The original encoding without a copy. Do not modify. */
    public byte[] unsafeEncoding() {
        return encoding;
    }

    public HeaderFormat format() {
        return HeaderFormat.ofFieldCount(fieldCount);
    }

    public int fieldCount() {
        return fieldCount;
    }

    public Hash parentHash() {
        return parentHash;
    }

    public Hash ommersHash() {
        return ommersHash;
    }

    /** The fee recipient (coinbase, miner). */
    public Address beneficiary() {
        return beneficiary;
    }

    public Hash stateRoot() {
        return stateRoot;
    }

    public Hash transactionsRoot() {
        return transactionsRoot;
    }

    public Hash receiptsRoot() {
        return receiptsRoot;
    }

    public LogsBloom logsBloom() {
        return logsBloom;
    }

    public BigInteger difficulty() {
        return difficulty;
    }

    public long number() {
        return number;
    }

    public long gasLimit() {
        return gasLimit;
    }

    public long gasUsed() {
        return gasUsed;
    }

    public long timestamp() {
        return timestamp;
    }

    public byte[] extraData() {
        return extraData.clone();
    }

    /** The mix hash; after the merge, prevRandao (EIP-4399). */
    public Hash mixHash() {
        return mixHash;
    }

    /** The 8-byte proof-of-work nonce as an unsigned value; zero after the merge. */
    public long nonce() {
        return nonce;
    }

    public Optional<BigInteger> baseFeePerGas() {
        return Optional.ofNullable(baseFeePerGas);
    }

    public Optional<Hash> withdrawalsRoot() {
        return Optional.ofNullable(withdrawalsRoot);
    }

    public OptionalLong blobGasUsed() {
        return blobGasUsed == null ? OptionalLong.empty() : OptionalLong.of(blobGasUsed);
    }

    public OptionalLong excessBlobGas() {
        return excessBlobGas == null ? OptionalLong.empty() : OptionalLong.of(excessBlobGas);
    }

    public Optional<Hash> parentBeaconBlockRoot() {
        return Optional.ofNullable(parentBeaconBlockRoot);
    }

    public Optional<Hash> requestsHash() {
        return Optional.ofNullable(requestsHash);
    }

    public Optional<Hash> blockAccessListHash() {
        return Optional.ofNullable(blockAccessListHash);
    }

    /** The raw encodings of fields after the last known one, in order. */
    public List<ByteSlice> unknownFields() {
        return unknownFields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHeader h && Arrays.equals(encoding, h.encoding);
    }

    @Override
    public int hashCode() {
        return hash().hashCode();
    }

    @Override
    public String toString() {
        return "BlockHeader{number="
                + Long.toUnsignedString(number)
                + ", hash="
                + hash()
                + ", format="
                + format()
                + "}";
    }

    private static long readNonce(RlpReader f) {
        byte[] nonce = f.readFixed(8, "header nonce");
        long value = 0;
        for (byte b : nonce) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    /** Cancun added three fields at once: a header with only some of them has no valid layout. */
    private static RlpReader requireNext(RlpReader f, String field) {
        if (!f.hasNext()) {
            throw new RlpException("header has blobGasUsed but no " + field, f.position());
        }
        return f;
    }
}
