package io.annals.p2p.eth;

import io.annals.core.rlp.RlpReader;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.core.util.ByteSlice;
import java.util.List;

/**
 * One block's receipt list as it came from the peer: the RLP list in the negotiated version's form,
 * a view of the received message (or, for an eth/70 list that came in parts, the parts joined).
 */
public record RawReceiptList(Form form, ByteSlice encoding) {
    /** The receipt encodings of the eth protocol. */
    public enum Form {
        /** eth/68: consensus receipts with their blooms; typed ones wrapped in RLP strings. */
        ETH68,
        /** eth/69 and eth/70 (EIP-7642): {@code [type, outcome, cumulativeGas, logs]}, no bloom. */
        ETH69
    }

    /** The receipt form a protocol version uses. */
    public static Form formOf(int version) {
        return version >= 69 ? Form.ETH69 : Form.ETH68;
    }

    /** Decodes the receipts; malformed input throws {@link io.annals.core.rlp.RlpException}. */
    public List<Receipt> decode() {
        RlpReader reader = RlpReader.of(encoding);
        List<Receipt> receipts =
                form == Form.ETH68
                        ? Receipts.readEth68List(reader)
                        : Receipts.readEth69List(reader);
        reader.ensureEnd();
        return receipts;
    }
}
