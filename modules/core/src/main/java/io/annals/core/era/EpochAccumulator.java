package io.annals.core.era;

import io.annals.core.types.Hash;
import java.math.BigInteger;

/**
 * The accumulator root of an epoch of pre-merge headers: {@code hash_tree_root(List[HeaderRecord,
 * 8192])} with {@code HeaderRecord := {block_hash: Bytes32, total_difficulty: uint256}} (<a
 * href="https://github.com/eth-clients/e2store-format-specs/blob/main/formats/era1.md">era1.md</a>;
 * the record is the Portal network's, <a
 * href="https://github.com/ethereum/portal-network-specs/blob/master/legacy/history/history-network.md#the-historical-hashes-accumulator">historical
 * hashes accumulator</a>). A record's root is {@code sha256(block_hash || uint256_le(td))}, a
 * container of two chunks; the list's root mixes in the number of records.
 */
public final class EpochAccumulator {
    /** Blocks per epoch: the list's limit, and so the most blocks an era file holds. */
    public static final int EPOCH_SIZE = 8192;

    private final SszMerkle merkle = new SszMerkle(EPOCH_SIZE);

    /** Adds the next block's record. */
    public void add(Hash blockHash, BigInteger totalDifficulty) {
        merkle.add(merkle.hash(blockHash.unsafeArray(), uint256LittleEndian(totalDifficulty)));
    }

    public int count() {
        return (int) merkle.count();
    }

    public Hash root() {
        return merkle.root();
    }

    /** A non-negative integer below 2^256 as 32 little-endian bytes (SSZ {@code uint256}). */
    public static byte[] uint256LittleEndian(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + value);
        }
        byte[] big = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < big.length && i < 32; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    /** 32 little-endian bytes as a non-negative integer. */
    public static BigInteger uint256FromLittleEndian(byte[] value) {
        byte[] big = new byte[33];
        for (int i = 0; i < 32; i++) {
            big[32 - i] = value[i];
        }
        return new BigInteger(big);
    }
}
