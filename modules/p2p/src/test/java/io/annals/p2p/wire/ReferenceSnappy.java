package io.annals.p2p.wire;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * A deliberately simple, independent Snappy block encoder and decoder written from the format
 * description (github.com/google/snappy, format_description.txt), used to cross-check the library:
 * literals, 2-byte-offset copies and 4-byte-offset copies (so offsets beyond 64 KiB occur).
 */
final class ReferenceSnappy {
    private ReferenceSnappy() {}

    static byte[] encode(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, input.length);
        Map<Integer, Integer> lastSeen = new HashMap<>();
        int literalStart = 0;
        int i = 0;
        while (i + 4 <= input.length) {
            int key = read32(input, i);
            Integer candidate = lastSeen.put(key, i);
            if (candidate != null && read32(input, candidate) == key) {
                int length = 4;
                while (i + length < input.length
                        && length < 64
                        && input[candidate + length] == input[i + length]) {
                    length++;
                }
                writeLiteral(out, input, literalStart, i - literalStart);
                writeCopy(out, i - candidate, length);
                i += length;
                literalStart = i;
            } else {
                i++;
            }
        }
        writeLiteral(out, input, literalStart, input.length - literalStart);
        return out.toByteArray();
    }

    static byte[] decode(byte[] block) {
        int[] at = {0};
        int length = (int) readVarint(block, at);
        byte[] out = new byte[length];
        int op = 0;
        int ip = at[0];
        while (ip < block.length) {
            int tag = block[ip++] & 0xff;
            switch (tag & 3) {
                case 0 -> {
                    int len = tag >>> 2;
                    if (len >= 60) {
                        int bytes = len - 59;
                        len = 0;
                        for (int b = 0; b < bytes; b++) {
                            len |= (block[ip++] & 0xff) << (8 * b);
                        }
                    }
                    len += 1;
                    System.arraycopy(block, ip, out, op, len);
                    ip += len;
                    op += len;
                }
                case 1 -> {
                    int len = ((tag >>> 2) & 7) + 4;
                    int offset = ((tag >>> 5) << 8) | (block[ip++] & 0xff);
                    op = copy(out, op, offset, len);
                }
                case 2 -> {
                    int len = (tag >>> 2) + 1;
                    int offset = (block[ip] & 0xff) | (block[ip + 1] & 0xff) << 8;
                    ip += 2;
                    op = copy(out, op, offset, len);
                }
                default -> {
                    int len = (tag >>> 2) + 1;
                    int offset =
                            (int)
                                    ((block[ip] & 0xffL)
                                            | (block[ip + 1] & 0xffL) << 8
                                            | (block[ip + 2] & 0xffL) << 16
                                            | (block[ip + 3] & 0xffL) << 24);
                    ip += 4;
                    op = copy(out, op, offset, len);
                }
            }
        }
        if (op != length) {
            throw new IllegalStateException("decoded " + op + " bytes, header said " + length);
        }
        return out;
    }

    private static int copy(byte[] out, int op, int offset, int length) {
        for (int k = 0; k < length; k++) {
            out[op + k] = out[op + k - offset];
        }
        return op + length;
    }

    private static void writeLiteral(
            ByteArrayOutputStream out, byte[] data, int offset, int length) {
        if (length == 0) {
            return;
        }
        int n = length - 1;
        if (n < 60) {
            out.write(n << 2);
        } else {
            out.write(62 << 2); // 3 length bytes follow
            out.write(n);
            out.write(n >>> 8);
            out.write(n >>> 16);
        }
        out.write(data, offset, length);
    }

    private static void writeCopy(ByteArrayOutputStream out, int offset, int length) {
        if (offset < 65536) {
            out.write(((length - 1) << 2) | 2);
            out.write(offset);
            out.write(offset >>> 8);
        } else {
            out.write(((length - 1) << 2) | 3);
            out.write(offset);
            out.write(offset >>> 8);
            out.write(offset >>> 16);
            out.write(offset >>> 24);
        }
    }

    static void writeVarint(ByteArrayOutputStream out, long value) {
        while (value >= 0x80) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarint(byte[] data, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = data[at[0]++] & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private static int read32(byte[] data, int i) {
        return (data[i] & 0xff)
                | (data[i + 1] & 0xff) << 8
                | (data[i + 2] & 0xff) << 16
                | (data[i + 3] & 0xff) << 24;
    }
}
