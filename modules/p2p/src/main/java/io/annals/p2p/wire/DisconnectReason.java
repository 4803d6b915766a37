package io.annals.p2p.wire;

/**
 * The reasons of a devp2p Disconnect (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#disconnect-0x01">rlpx.md,
 * Disconnect</a>). {@link #UNKNOWN} stands for a code outside the table; it is never sent.
 */
public enum DisconnectReason {
    DISCONNECT_REQUESTED(0x00),
    TCP_SUBSYSTEM_ERROR(0x01),
    BREACH_OF_PROTOCOL(0x02),
    USELESS_PEER(0x03),
    TOO_MANY_PEERS(0x04),
    ALREADY_CONNECTED(0x05),
    INCOMPATIBLE_P2P_VERSION(0x06),
    NULL_NODE_IDENTITY(0x07),
    CLIENT_QUITTING(0x08),
    UNEXPECTED_IDENTITY(0x09),
    SAME_IDENTITY(0x0a),
    TIMEOUT(0x0b),
    SUBPROTOCOL_REASON(0x10),
    UNKNOWN(0xff);

    private static final DisconnectReason[] BY_CODE = new DisconnectReason[0x11];

    static {
        for (DisconnectReason reason : values()) {
            if (reason != UNKNOWN) {
                BY_CODE[reason.code] = reason;
            }
        }
    }

    private final int code;

    DisconnectReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The reason for a wire code; {@link #UNKNOWN} for codes the spec does not define. */
    public static DisconnectReason of(long code) {
        if (code >= 0 && code < BY_CODE.length && BY_CODE[(int) code] != null) {
            return BY_CODE[(int) code];
        }
        return UNKNOWN;
    }
}
