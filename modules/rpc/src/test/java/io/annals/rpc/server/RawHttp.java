package io.annals.rpc.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http hides: connection reuse, Connection headers
 * and pipelining. Reads responses framed by Content-Length only (the server always sends one).
 */
final class RawHttp implements AutoCloseable {
    record Response(int status, Map<String, String> headers, String body) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    static String post(String body, String extraHeaders) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length
                + "\r\n"
                + extraHeaders
                + "\r\n"
                + body;
    }

    void write(String requests) throws IOException {
        out.write(requests.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    Response read() throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Response(
                status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    /** True when the server has closed its side: the next read sees the end of the stream. */
    boolean closedByServer() throws IOException {
        return in.read() == -1;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a response");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
