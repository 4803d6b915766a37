package io.annals.cluster.read;

import io.annals.rpc.json.Quantity;
import io.annals.rpc.methods.ErrorCodes;
import io.annals.rpc.methods.RpcException;
import io.annals.store.BlockRange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error a cluster adds to the history methods: blocks the cluster holds but cannot read
 * right now, because the only hosts holding them are unreachable or did not answer in time (a host
 * died and its ranges are not synced again yet, or a partition). -32000 with {@code retry}: the
 * data exists and will be back, unlike 4444, which says this history does not keep it.
 */
public final class ClusterErrors {
    private ClusterErrors() {}

    public static RpcException unreachable(BlockRange blocks, String member, String why) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fromBlock", Quantity.encode(blocks.first()));
        data.put("toBlock", Quantity.encode(blocks.last()));
        data.put("member", shortId(member));
        data.put("retry", true);
        String range =
                blocks.first() == blocks.last()
                        ? "block " + Quantity.encode(blocks.first()) + " is"
                        : "blocks "
                                + Quantity.encode(blocks.first())
                                + "-"
                                + Quantity.encode(blocks.last())
                                + " are";
        return new RpcException(
                ErrorCodes.SERVER_ERROR,
                "history temporarily unavailable: "
                        + range
                        + " held by cluster member "
                        + shortId(member)
                        + ", which "
                        + why
                        + "; retry later",
                data);
    }

    /** Sealed blocks no live host holds right now: their range is being synced or handed over. */
    public static RpcException moving(BlockRange blocks) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fromBlock", Quantity.encode(blocks.first()));
        data.put("toBlock", Quantity.encode(blocks.last()));
        data.put("retry", true);
        return new RpcException(
                ErrorCodes.SERVER_ERROR,
                "history temporarily unavailable: block "
                        + Quantity.encode(blocks.first())
                        + " is being synced or handed over to another cluster member; retry later",
                data);
    }

    public static RpcException lookupIncomplete(String member) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("member", shortId(member));
        data.put("retry", true);
        return new RpcException(
                ErrorCodes.SERVER_ERROR,
                "history temporarily unavailable: cluster member "
                        + shortId(member)
                        + " did not answer a lookup by hash and no other member holds it; retry later",
                data);
    }

    static String shortId(String member) {
        return member.substring(0, Math.min(16, member.length()));
    }
}
