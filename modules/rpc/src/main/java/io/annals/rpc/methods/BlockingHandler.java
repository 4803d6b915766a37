package io.annals.rpc.methods;

/**
 * A method that may block (store reads, hashing large inputs). It runs on the RPC server's bounded
 * blocking executor, never on a Netty event loop, and is interrupted when its request times out. It
 * returns the result (a Jackson {@code JsonNode}, a record or other POJO, a String, or null) or
 * throws an {@link RpcException} to answer an error; any other exception answers -32603.
 */
@FunctionalInterface
public interface BlockingHandler {
    Object handle(RpcParams params) throws Exception;
}
