package io.annals.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.rpc.NodeIdentity;
import io.annals.rpc.json.JsonFormatException;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RpcException;
import io.annals.rpc.methods.RpcMethods;
import io.annals.rpc.methods.RpcParams;
import io.annals.rpc.methods.Web3Methods;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Methods the HTTP tests call. {@code test_echo} and {@code test_noArgsRets} have the shapes of
 * go-ethereum's rpc test service (rpc/testservice_test.go) so that geth's rpc/testdata vectors
 * apply.
 */
final class TestMethods {
    static final NodeIdentity IDENTITY = new NodeIdentity("Annals/v0.1.0-test/java17", 1, 1);

    /** Calls of test_count, including notifications. */
    final AtomicInteger counted = new AtomicInteger();

    /** One permit per test_block call interrupted by a timeout. */
    final Semaphore interrupted = new Semaphore(0);

    /** Released when the test ends, so test_block never returns by itself. */
    final CountDownLatch release = new CountDownLatch(1);

    private final Map<String, CountDownLatch> signals = new ConcurrentHashMap<>();

    RpcMethods methods() {
        return RpcMethods.builder()
                .addAll(Web3Methods.create(IDENTITY))
                .blocking("test_echo", Arity.between(2, 3), TestMethods::echo)
                .blocking("test_echoWithCtx", Arity.between(2, 3), TestMethods::echo)
                .async(
                        "test_noArgsRets",
                        Arity.none(),
                        params -> CompletableFuture.completedFuture(null))
                .blocking(
                        "test_block",
                        Arity.none(),
                        params -> {
                            try {
                                release.await();
                                return "released";
                            } catch (InterruptedException e) {
                                interrupted.release();
                                throw e;
                            }
                        })
                .blocking(
                        "test_repeat",
                        Arity.exactly(2),
                        params -> params.string(0).repeat((int) params.uint64(1)))
                .blocking(
                        "test_fail",
                        Arity.none(),
                        params -> {
                            throw new IllegalStateException("secret internal detail");
                        })
                .async(
                        "test_pruned",
                        Arity.none(),
                        params ->
                                CompletableFuture.failedFuture(
                                        new RpcException(
                                                4444,
                                                "pruned history unavailable",
                                                Map.of("oldestBlock", "0x10"))))
                .blocking("test_count", Arity.none(), params -> counted.incrementAndGet())
                .blocking(
                        "test_await",
                        Arity.exactly(1),
                        params -> {
                            signal(params.string(0)).await();
                            return params.string(0);
                        })
                .blocking(
                        "test_signal",
                        Arity.exactly(1),
                        params -> {
                            signal(params.string(0)).countDown();
                            return params.string(0);
                        })
                .blocking(
                        "test_blockingThread",
                        Arity.none(),
                        params -> Thread.currentThread().getName())
                .async(
                        "test_asyncThread",
                        Arity.none(),
                        params ->
                                CompletableFuture.completedFuture(Thread.currentThread().getName()))
                .async(
                        "test_elsewhere",
                        Arity.exactly(1),
                        params -> CompletableFuture.supplyAsync(() -> "async " + params.string(0)))
                .build();
    }

    private CountDownLatch signal(String name) {
        return signals.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    /** geth's test_echo: (string, int, optional {"S": string}) -> {"String", "Int", "Args"}. */
    private static Object echo(RpcParams params) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("String", params.string(0));
        result.put("Int", params.as(1, TestMethods::integer));
        result.put("Args", params.optional(2, TestMethods::echoArgs).orElse(null));
        return result;
    }

    private static int integer(JsonNode node) {
        if (!node.isInt()) {
            throw new JsonFormatException("cannot unmarshal non-int into int");
        }
        return node.intValue();
    }

    private static Map<String, Object> echoArgs(JsonNode node) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("S", node.path("S").asText(""));
        return args;
    }
}
