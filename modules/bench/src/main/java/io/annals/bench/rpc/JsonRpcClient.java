package io.annals.bench.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A minimal JSON-RPC client over HTTP for the benchmark drivers (calls that must succeed). */
final class JsonRpcClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
    private final URI uri;
    private final AtomicLong ids = new AtomicLong();

    JsonRpcClient(URI uri) {
        this.uri = uri;
    }

    /** The result of {@code method(params)}; {@code params} is the JSON text of the array. */
    JsonNode call(String method, String params) throws IOException, InterruptedException {
        String body =
                "{\"jsonrpc\":\"2.0\",\"id\":"
                        + ids.incrementAndGet()
                        + ",\"method\":\""
                        + method
                        + "\",\"params\":"
                        + params
                        + "}";
        HttpResponse<byte[]> response =
                client.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(120))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        JsonNode reply = JSON.readTree(response.body());
        if (reply.has("error")) {
            throw new IOException(method + params + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }
}
