package io.annals.rpc.methods;

import java.security.SecureRandom;

/**
 * Filter and subscription ids as go-ethereum makes them ({@code rpc.NewID}): 16 random bytes in hex
 * with leading zero digits dropped, {@code 0x}-prefixed. Unguessable, so one client cannot poll or
 * remove another's filter.
 */
public final class RandomIds {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        StringBuilder id = new StringBuilder(34).append("0x");
        boolean leading = true;
        for (byte b : bytes) {
            for (int nibble : new int[] {(b >>> 4) & 0xf, b & 0xf}) {
                if (leading && nibble == 0) {
                    continue;
                }
                leading = false;
                id.append(DIGITS[nibble]);
            }
        }
        return leading ? "0x0" : id.toString();
    }
}
