package io.annals.rpc.methods;

/** A registered method: its name, its arity and how it runs. */
public sealed interface RpcMethod permits RpcMethod.Blocking, RpcMethod.Async {

    String name();

    Arity arity();

    /** Runs on the blocking executor. */
    record Blocking(String name, Arity arity, BlockingHandler handler) implements RpcMethod {}

    /** Runs on the dispatching thread and must not block. */
    record Async(String name, Arity arity, AsyncHandler handler) implements RpcMethod {}
}
