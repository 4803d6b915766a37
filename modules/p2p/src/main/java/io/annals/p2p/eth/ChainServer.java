package io.annals.p2p.eth;

import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.p2p.eth.message.EthMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Answers GetBlockHeaders, GetBlockBodies and GetReceipts from a {@link ChainReader}, with the
 * serving limits of go-ethereum (eth/protocols/eth/handlers.go): at most {@code max-*-served}
 * items, and no further block once the response reached {@code soft-response-size} (caps/eth.md
 * recommends 2 MiB). A response ends at the first block the reader does not have, as the spec asks.
 * The reader's bytes go into the response as they are. Stateless; called on the worker executor.
 */
final class ChainServer {
    private final ChainReader chain;
    private final EthSettings settings;
    private final PartialReceiptsServer partialReceipts;

    ChainServer(ChainReader chain, EthSettings settings) {
        this.chain = chain;
        this.settings = settings;
        this.partialReceipts = new PartialReceiptsServer(chain, settings);
    }

    EthMessage.BlockHeaders headers(EthMessage.GetBlockHeaders request) {
        return new EthMessage.BlockHeaders(request.requestId(), headers(request.query()));
    }

    EthMessage.BlockBodies bodies(EthMessage.GetBlockBodies request) {
        return new EthMessage.BlockBodies(
                request.requestId(),
                byHash(request.hashes(), settings.maxBodiesServed(), chain::bodyRlp));
    }

    /** eth/68 and eth/69 answer with whole lists in their form; eth/70 may split the last one. */
    EthMessage.Receipts receipts(EthMessage.GetReceipts request, int version) {
        if (version >= 70) {
            return partialReceipts.receipts(request);
        }
        Function<Hash, Optional<byte[]>> lists =
                version == 68 ? chain::receiptsEth68 : chain::receiptsEth69;
        return new EthMessage.Receipts(
                request.requestId(),
                false,
                byHash(request.hashes(), settings.maxReceiptsServed(), lists));
    }

    /**
     * The canonical headers a query asks for. Block numbers are unsigned: stepping past 2^64 - 1 or
     * below 0 ends the answer, so a query for block 2^64 - 1 is simply answered empty.
     */
    List<ByteSlice> headers(HeaderQuery query) {
        long amount =
                Long.compareUnsigned(query.amount(), settings.maxHeadersServed()) > 0
                        ? settings.maxHeadersServed()
                        : query.amount();
        List<ByteSlice> out = new ArrayList<>();
        OptionalLong origin =
                query.origin() instanceof BlockOrigin.ByHash byHash
                        ? chain.numberOf(byHash.hash())
                        : OptionalLong.of(((BlockOrigin.ByNumber) query.origin()).number());
        if (origin.isEmpty()) {
            return out;
        }
        long number = origin.getAsLong();
        long step = query.skip() + 1;
        long bytes = 0;
        while (out.size() < amount && bytes < settings.softResponseSize()) {
            Optional<byte[]> header = chain.headerRlp(number);
            if (header.isEmpty()) {
                break;
            }
            out.add(ByteSlice.of(header.get()));
            bytes += header.get().length;
            long next = query.reverse() ? number - step : number + step;
            boolean wrapped =
                    step == 0
                            || (query.reverse()
                                    ? Long.compareUnsigned(next, number) >= 0
                                    : Long.compareUnsigned(next, number) <= 0);
            if (wrapped) {
                break;
            }
            number = next;
        }
        return out;
    }

    /** Items looked up by hash, in order, up to the first missing one and within the limits. */
    private List<ByteSlice> byHash(
            List<Hash> hashes, int max, Function<Hash, Optional<byte[]>> lookup) {
        List<ByteSlice> out = new ArrayList<>();
        long bytes = 0;
        for (Hash hash : hashes) {
            if (out.size() >= max || bytes >= settings.softResponseSize()) {
                break;
            }
            Optional<byte[]> item = lookup.apply(hash);
            if (item.isEmpty()) {
                break;
            }
            out.add(ByteSlice.of(item.get()));
            bytes += item.get().length;
        }
        return out;
    }
}
