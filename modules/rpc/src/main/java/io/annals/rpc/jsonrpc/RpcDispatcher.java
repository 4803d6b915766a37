package io.annals.rpc.jsonrpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.annals.rpc.RpcSettings;
import io.annals.rpc.json.JsonFormatException;
import io.annals.rpc.methods.RpcError;
import io.annals.rpc.methods.RpcException;
import io.annals.rpc.methods.RpcMethods;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers JSON-RPC 2.0 request bodies, transport-free: body bytes in, reply bytes out.
 *
 * <p>The calls of a batch start together and run concurrently; the reply keeps their order. Each
 * answer is encoded as soon as its call completes, on the thread that completes it (a blocking
 * worker for store reads), and counted against the response budget. The request's deadline and the
 * budget are shared by its calls through an {@link Exchange}. Errors follow go-ethereum's codes and
 * wording; unexpected exceptions are logged here and answered as -32603 without details.
 *
 * @see <a href="https://www.jsonrpc.org/specification">JSON-RPC 2.0</a>
 */
public final class RpcDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);
    private static final byte[] OPEN = "[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMA = ",".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]".getBytes(StandardCharsets.US_ASCII);

    private static final RpcMethods NO_OVERLAY = RpcMethods.builder().buildWithoutModules();

    private final RpcSettings settings;
    private final RequestParser parser;
    private final ResponseEncoder encoder;
    private final MethodInvoker invoker;
    private final ScheduledExecutorService timer;
    private final RpcMetrics metrics;

    /**
     * One call's answer: its JSON (null when nothing is sent back) and, for calls, how it ended.
     */
    private record Answer(List<byte[]> json, RpcMetrics.Outcome outcome) {
        static Answer of(byte[] json, RpcMetrics.Outcome outcome) {
            return new Answer(json == null ? null : List.of(json), outcome);
        }
    }

    /**
     * @param blockingExecutor runs blocking handlers; bounded, so a full queue answers -32005
     * @param timer fires request deadlines
     */
    public RpcDispatcher(
            RpcSettings settings,
            RpcMethods methods,
            ExecutorService blockingExecutor,
            ScheduledExecutorService timer,
            RpcMetrics metrics) {
        ObjectMapper mapper = RpcJson.newMapper(settings.maxRequestSize());
        this.settings = settings;
        this.parser = new RequestParser(mapper, settings.maxBatchSize());
        this.encoder = new ResponseEncoder(mapper);
        this.invoker = new MethodInvoker(methods, blockingExecutor);
        this.timer = timer;
        this.metrics = metrics;
    }

    /**
     * Parses {@code body} on the calling thread, starts its calls and returns the reply, which
     * completes once every call is answered (by the deadline at the latest). Never fails.
     */
    public CompletableFuture<RpcReply> dispatch(InputStream body) {
        return dispatch(body, NO_OVERLAY);
    }

    /**
     * As {@link #dispatch(InputStream)}, with {@code overlay}'s methods answered before the
     * server's: what one connection adds (a WebSocket's {@code eth_subscribe}).
     */
    public CompletableFuture<RpcReply> dispatch(InputStream body, RpcMethods overlay) {
        ParsedBody parsed = parser.parse(body);
        if (parsed instanceof ParsedBody.Rejected rejected) {
            byte[] error = encoder.error(rejected.id(), rejected.error());
            return CompletableFuture.completedFuture(
                    new RpcReply(
                            rejected.inArray() ? List.of(OPEN, error, CLOSE) : List.of(error)));
        }
        Exchange exchange =
                new Exchange(timer, settings.requestTimeout(), settings.maxResponseSize());
        if (parsed instanceof ParsedBody.Single single) {
            return answer(single.entry(), exchange, overlay)
                    .thenApply(
                            answer -> {
                                exchange.finish();
                                return answer.json() == null
                                        ? RpcReply.EMPTY
                                        : new RpcReply(answer.json());
                            });
        }
        List<RequestEntry> entries = ((ParsedBody.Batch) parsed).entries();
        List<CompletableFuture<Answer>> answers = new ArrayList<>(entries.size());
        for (RequestEntry entry : entries) {
            answers.add(answer(entry, exchange, overlay));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(
                        done -> {
                            exchange.finish();
                            return batchReply(answers);
                        });
    }

    private static RpcReply batchReply(List<CompletableFuture<Answer>> answers) {
        List<byte[]> chunks = new ArrayList<>(2 * answers.size() + 1);
        chunks.add(OPEN);
        for (CompletableFuture<Answer> answer : answers) {
            List<byte[]> json = answer.join().json();
            if (json != null) {
                if (chunks.size() > 1) {
                    chunks.add(COMMA);
                }
                chunks.addAll(json);
            }
        }
        if (chunks.size() == 1) {
            return RpcReply.EMPTY; // notifications only: geth answers nothing
        }
        chunks.add(CLOSE);
        return new RpcReply(chunks);
    }

    private CompletableFuture<Answer> answer(
            RequestEntry entry, Exchange exchange, RpcMethods overlay) {
        if (entry instanceof RequestEntry.Invalid invalid) {
            return CompletableFuture.completedFuture(
                    Answer.of(encoder.error(invalid.id(), invalid.error()), null));
        }
        RequestEntry.Call call = (RequestEntry.Call) entry;
        long started = System.nanoTime();
        Invocation invocation = invoker.prepare(call.method(), call.params(), overlay);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        // attached before the start: the result is encoded on the thread that produces it
        invocation
                .result()
                .whenComplete(
                        (value, failure) -> {
                            if (!answer.isDone()) {
                                answer.complete(
                                        failure == null
                                                ? encodeResult(call, value, exchange)
                                                : encodeFailure(call, failure));
                            }
                        });
        exchange.onAbort(
                error -> {
                    if (answer.complete(errorAnswer(call, error))) {
                        invocation.result().cancel(true);
                    }
                });
        String methodLabel =
                invoker.isRegistered(call.method(), overlay)
                        ? call.method()
                        : RpcMetrics.UNKNOWN_METHOD;
        answer.thenAccept(
                done -> metrics.record(methodLabel, done.outcome(), System.nanoTime() - started));
        if (!answer.isDone()) { // an exchange aborted before this call started runs nothing more
            invocation.start();
        }
        return answer;
    }

    private Answer encodeResult(RequestEntry.Call call, Object value, Exchange exchange) {
        if (call.isNotification()) {
            return new Answer(null, RpcMetrics.Outcome.SUCCESS);
        }
        try {
            List<byte[]> json = encoder.result(call.id(), value, exchange.remainingBytes());
            long length = 0;
            for (byte[] chunk : json) {
                length += chunk.length;
            }
            if (exchange.reserve(length)) {
                return new Answer(json, RpcMetrics.Outcome.SUCCESS);
            }
        } catch (IOException e) {
            if (!LimitedOutputStream.isLimitExceeded(e)) {
                LOG.warn("result of {} cannot be written as JSON", call.method(), e);
                return errorAnswer(call, ProtocolErrors.INTERNAL_ERROR);
            }
        }
        // past the budget: this call and every call still running answer "response too large"
        exchange.abort(ProtocolErrors.RESPONSE_TOO_LARGE);
        return errorAnswer(call, ProtocolErrors.RESPONSE_TOO_LARGE);
    }

    private Answer encodeFailure(RequestEntry.Call call, Throwable failure) {
        Throwable cause = unwrap(failure);
        RpcError error;
        if (cause instanceof RpcException e) {
            error = e.toError();
        } else if (cause instanceof JsonFormatException e) {
            error = RpcException.invalidParams(e.getMessage()).toError();
        } else {
            if (!(cause instanceof CancellationException)) {
                LOG.warn("method {} failed", call.method(), cause);
            }
            error = ProtocolErrors.INTERNAL_ERROR;
        }
        return errorAnswer(call, error);
    }

    private Answer errorAnswer(RequestEntry.Call call, RpcError error) {
        RpcMetrics.Outcome outcome =
                error.equals(ProtocolErrors.TIMEOUT)
                        ? RpcMetrics.Outcome.TIMEOUT
                        : RpcMetrics.Outcome.ERROR;
        return Answer.of(call.isNotification() ? null : encoder.error(call.id(), error), outcome);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
