package io.annals.bench.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A lean HTTP/1.1 client over one keep-alive connection: it writes a POST and reads the answer's
 * status line, headers and body (by {@code Content-Length}, or chunked), and keeps only the body's
 * length and its first bytes. It costs far less CPU than the JDK's client, so on a two-core machine
 * the load generator takes little of what the servers under comparison need.
 */
final class KeepAliveClient implements AutoCloseable {
    /**
     * What one answer was: its body's length, whether its start names an error, and how often the
     * body holds the client's counted word (e.g. {@code "logIndex"}: the logs in it).
     */
    record Answer(int status, long bodyBytes, boolean error, int counted) {}

    private final byte[] needle;
    private int matched;
    private int counted;

    private final URI uri;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    KeepAliveClient(URI uri) throws IOException {
        this(uri, "");
    }

    /**
     * @param counted a word whose occurrences in each body are counted (it must not start with a
     *     repeat of its own first character, as {@code "logIndex"} does not)
     */
    KeepAliveClient(URI uri, String counted) throws IOException {
        this.uri = uri;
        this.needle = counted.getBytes(StandardCharsets.US_ASCII);
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(120_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    Answer post(byte[] body) throws IOException {
        String head =
                "POST "
                        + (uri.getPath().isEmpty() ? "/" : uri.getPath())
                        + " HTTP/1.1\r\nHost: "
                        + uri.getHost()
                        + ":"
                        + uri.getPort()
                        + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length
                        + "\r\n\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + body.length);
        request.write(head.getBytes(StandardCharsets.US_ASCII));
        request.write(body);
        request.writeTo(out);
        out.flush();
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        matched = 0;
        counted = 0;
        byte[] first = new byte[64];
        int[] firstLength = {0};
        long total = 0;
        if (chunked) {
            for (long chunk = Long.parseLong(line().trim(), 16);
                    chunk > 0;
                    chunk = Long.parseLong(line().trim(), 16)) {
                total += skip(chunk, first, firstLength, total);
                line();
            }
            line();
        } else {
            total = skip(length, first, firstLength, 0);
        }
        String opening = new String(first, 0, firstLength[0], StandardCharsets.US_ASCII);
        return new Answer(status, total, opening.contains("\"error\""), counted);
    }

    /** Consumes {@code count} body bytes, keeping the first 64 of the body. */
    private long skip(long count, byte[] first, int[] firstLength, long before) throws IOException {
        long left = count;
        while (left > 0) {
            if (start == end) {
                fill();
            }
            int n = (int) Math.min(left, end - start);
            if (needle.length > 0) {
                count(start, start + n);
            }
            if (before + (count - left) < first.length) {
                int keep = (int) Math.min(n, first.length - firstLength[0]);
                System.arraycopy(buffer, start, first, firstLength[0], keep);
                firstLength[0] += keep;
            }
            start += n;
            left -= n;
        }
        return count;
    }

    private void count(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buffer[i];
            if (b == needle[matched]) {
                if (++matched == needle.length) {
                    counted++;
                    matched = 0;
                }
            } else {
                matched = b == needle[0] ? 1 : 0;
            }
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (start == end) {
                fill();
            }
            byte b = buffer[start++];
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r'
                        ? line.substring(0, length - 1)
                        : line.toString();
            }
            line.append((char) b);
        }
    }

    private void fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new IOException("the server closed the connection");
        }
        start = 0;
        end = n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
