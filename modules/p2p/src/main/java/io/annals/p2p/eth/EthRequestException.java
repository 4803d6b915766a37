package io.annals.p2p.eth;

/**
 * Why a request to an eth peer failed. The subclasses say what the caller may do next: a timeout or
 * an invalid response speaks against the peer; a refusal for too many outstanding requests asks the
 * caller to wait for answers first; after a disconnect the peer is gone.
 */
public abstract sealed class EthRequestException extends RuntimeException
        permits RequestTimeoutException,
                PeerDisconnectedException,
                TooManyRequestsException,
                InvalidResponseException {
    private static final long serialVersionUID = 1L;

    EthRequestException(String message) {
        super(message);
    }

    EthRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
