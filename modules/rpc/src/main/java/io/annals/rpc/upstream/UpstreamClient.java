package io.annals.rpc.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annals.rpc.methods.ErrorCodes;
import io.annals.rpc.methods.RpcException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Forwards one call to a full node over HTTP JSON-RPC and hands back its result, or its error
 * object unchanged (code, message, data). Each call has the configured timeout; a slow, unreachable
 * or misbehaving upstream answers an error naming it, never hangs a request. The answer's size is
 * bounded by {@code maxResponseBytes}.
 */
final class UpstreamClient {
    private final URI url;
    private final Duration timeout;
    private final long maxResponseBytes;
    private final ObjectMapper mapper;
    private final HttpClient client;

    UpstreamClient(URI url, Duration timeout, long maxResponseBytes, ObjectMapper mapper) {
        this.url = url;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.mapper = mapper;
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .build();
    }

    /** The upstream's {@code result}; fails with an {@link RpcException}. */
    CompletableFuture<JsonNode> call(String method, List<JsonNode> params) {
        ObjectNode request = mapper.createObjectNode();
        request.put("jsonrpc", "2.0").put("id", 1).put("method", method);
        ArrayNode array = request.putArray("params");
        params.forEach(array::add);
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(request);
        } catch (IOException impossible) {
            return CompletableFuture.failedFuture(impossible);
        }
        HttpRequest http =
                HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofInputStream())
                .handle(
                        (response, failure) -> {
                            if (failure != null) {
                                throw unavailable(failure);
                            }
                            return answer(response);
                        });
    }

    private JsonNode answer(HttpResponse<java.io.InputStream> response) {
        JsonNode reply;
        try (var in = response.body()) {
            byte[] bytes =
                    in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
            if (bytes.length > maxResponseBytes) {
                throw new RpcException(
                        ErrorCodes.RESPONSE_TOO_LARGE,
                        "upstream answer larger than " + maxResponseBytes + " bytes");
            }
            if (response.statusCode() != 200) {
                throw upstreamError("HTTP " + response.statusCode());
            }
            reply = mapper.readTree(bytes);
        } catch (IOException e) {
            throw unavailable(e);
        }
        if (reply == null || !reply.isObject()) {
            throw upstreamError("not a JSON-RPC response");
        }
        JsonNode error = reply.get("error");
        if (error != null && !error.isNull()) {
            JsonNode code = error.get("code");
            JsonNode message = error.get("message");
            JsonNode data = error.get("data");
            throw new RpcException(
                    code != null && code.canConvertToInt()
                            ? code.intValue()
                            : ErrorCodes.SERVER_ERROR,
                    message != null && message.isTextual() ? message.textValue() : "upstream error",
                    data == null || data.isNull() ? null : data);
        }
        if (!reply.has("result")) {
            throw upstreamError("a response with neither result nor error");
        }
        return reply.get("result");
    }

    private RpcException unavailable(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        if (cause instanceof RpcException e) {
            return e;
        }
        if (cause instanceof HttpTimeoutException) {
            return new RpcException(
                    ErrorCodes.TIMEOUT,
                    "upstream " + url + " did not answer within " + timeout.toMillis() + " ms");
        }
        return upstreamError(cause.toString());
    }

    private RpcException upstreamError(String what) {
        return RpcException.serverError("upstream " + url + " failed: " + what);
    }
}
