package io.annals.rpc.eth.json;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import java.math.BigInteger;

/**
 * What a transaction, receipt or log reports of the block that holds it.
 *
 * @param baseFeePerGas the block's base fee (London and later), null before; it turns the fee caps
 *     of EIP-1559 transactions into the price actually paid
 */
public record BlockContext(Hash hash, long number, long timestamp, BigInteger baseFeePerGas) {

    public static BlockContext of(BlockHeader header) {
        return new BlockContext(
                header.hash(),
                header.number(),
                header.timestamp(),
                header.baseFeePerGas().orElse(null));
    }
}
