package io.annals.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.types.BlockHeader;
import io.annals.rpc.eth.json.FeeHistoryJson;
import io.annals.rpc.json.BlockNumberOrTag;
import io.annals.rpc.json.BlockTag;
import io.annals.rpc.json.JsonFormatException;
import io.annals.rpc.json.Quantity;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RpcMethods;
import io.annals.rpc.methods.RpcParams;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The fee methods, as go-ethereum answers them from its history ({@code internal/ethapi/api.go},
 * {@code eth/gasprice}): {@code eth_feeHistory} ({@link FeeHistory}), {@code eth_blobBaseFee} (the
 * head's blob base fee, null before Cancun), {@code eth_maxPriorityFeePerGas} ({@link
 * GasPriceOracle}) and {@code eth_gasPrice} (that suggestion plus the head's base fee).
 */
final class FeeMethods {
    private final ChainView chain;
    private final FeeHistory history;
    private final GasPriceOracle oracle;
    private final BlobFees blobFees;

    FeeMethods(ChainView chain, BlockReads reads, BlobFees blobFees, BaseFees baseFees) {
        this.chain = chain;
        this.history = new FeeHistory(chain, reads, baseFees, blobFees);
        this.oracle = new GasPriceOracle(chain, reads);
        this.blobFees = blobFees;
    }

    void register(RpcMethods.Builder methods) {
        methods.blocking("eth_feeHistory", Arity.between(2, 3), this::feeHistory);
        methods.blocking(
                "eth_blobBaseFee",
                Arity.none(),
                p -> head().map(blobFees::blobBaseFee).map(Quantity::encode).orElse(null));
        methods.blocking(
                "eth_maxPriorityFeePerGas",
                Arity.none(),
                p -> Quantity.encode(oracle.suggestTipCap()));
        methods.blocking(
                "eth_gasPrice",
                Arity.none(),
                p -> {
                    BigInteger tip = oracle.suggestTipCap();
                    BigInteger baseFee =
                            head().flatMap(BlockHeader::baseFeePerGas).orElse(BigInteger.ZERO);
                    return Quantity.encode(tip.add(baseFee));
                });
    }

    private FeeHistoryJson feeHistory(RpcParams p) {
        long blockCount = p.as(0, FeeMethods::hexOrDecimal64);
        BlockNumberOrTag last = p.blockNumberOrTag(1);
        List<Double> percentiles = p.optional(2, FeeMethods::floats).orElse(List.of());
        boolean pending = last instanceof BlockNumberOrTag.Tagged t && t.tag() == BlockTag.PENDING;
        long lastBlock;
        if (last instanceof BlockNumberOrTag.Numbered numbered) {
            lastBlock = numbered.number();
        } else {
            OptionalLong resolved = chain.resolve(last);
            if (resolved.isEmpty()) {
                return json(new FeeHistory.Result(0, List.of(), false));
            }
            lastBlock = resolved.getAsLong();
        }
        return json(history.query(blockCount, lastBlock, pending, percentiles));
    }

    private static FeeHistoryJson json(FeeHistory.Result result) {
        List<List<BigInteger>> rewards = result.withRewards() ? new ArrayList<>() : null;
        List<BigInteger> baseFees = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<BigInteger> blobFees = new ArrayList<>();
        List<Double> blobRatios = new ArrayList<>();
        for (FeeHistory.BlockFees block : result.blocks()) {
            if (rewards != null) {
                rewards.add(block.rewards());
            }
            baseFees.add(block.baseFee());
            ratios.add(block.gasUsedRatio());
            blobFees.add(block.blobBaseFee());
            blobRatios.add(block.blobGasUsedRatio());
        }
        if (!result.blocks().isEmpty()) {
            FeeHistory.BlockFees lastBlock = result.blocks().get(result.blocks().size() - 1);
            baseFees.add(lastBlock.nextBaseFee());
            blobFees.add(lastBlock.nextBlobBaseFee());
        }
        return new FeeHistoryJson(
                result.oldestBlock(), rewards, baseFees, ratios, blobFees, blobRatios);
    }

    private Optional<BlockHeader> head() {
        OptionalLong head = chain.head();
        return head.isEmpty() ? Optional.empty() : chain.store().header(head.getAsLong());
    }

    /**
     * geth's {@code math.HexOrDecimal64}: a JSON number, or a string of hex ({@code 0x}) or decimal
     * digits.
     */
    static long hexOrDecimal64(JsonNode node) {
        String text =
                node.isTextual()
                        ? node.textValue()
                        : node.isIntegralNumber() ? node.asText() : null;
        if (text == null) {
            throw new JsonFormatException("invalid hex or decimal integer " + node);
        }
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            return text.isEmpty() ? 0 : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new JsonFormatException("invalid hex or decimal integer \"" + text + "\"");
        }
    }

    /** A JSON array of numbers ({@code []float64}). */
    static List<Double> floats(JsonNode node) {
        if (!node.isArray()) {
            throw new JsonFormatException(
                    "cannot unmarshal non-array into Go value of type []float64");
        }
        List<Double> out = new ArrayList<>(node.size());
        for (JsonNode value : node) {
            if (!value.isNumber()) {
                throw new JsonFormatException(
                        "json: cannot unmarshal " + kind(value) + " into Go value of type float64");
            }
            out.add(value.doubleValue());
        }
        return out;
    }

    private static String kind(JsonNode value) {
        return value.isTextual()
                ? "string"
                : value.isBoolean()
                        ? "bool"
                        : value.isArray() ? "array" : value.isObject() ? "object" : "null";
    }
}
