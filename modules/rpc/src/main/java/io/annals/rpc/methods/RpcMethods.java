package io.annals.rpc.methods;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The immutable table of methods the server answers; every other name answers -32601. Modules
 * contribute methods through a {@link Builder}; the node builds one table and hands it to the
 * server.
 *
 * <pre>{@code
 * RpcMethods methods = RpcMethods.builder()
 *         .addAll(Web3Methods.create(identity))
 *         .blocking("eth_getBlockByNumber", Arity.exactly(2),
 *                 params -> blocks.byNumber(params.blockNumberOrTag(0), params.bool(1)))
 *         .build();
 * }</pre>
 */
public final class RpcMethods {
    /** namespace_method, as Ethereum clients name their methods. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*_[A-Za-z0-9]+");

    private static final String MODULES_METHOD = "rpc_modules";

    private final Map<String, RpcMethod> byName;

    private RpcMethods(Map<String, RpcMethod> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<RpcMethod> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** Collects methods; a name may be registered once. */
    public static final class Builder {
        private final Map<String, RpcMethod> methods = new LinkedHashMap<>();

        private Builder() {}

        /** Registers a method that may block; it runs on the blocking executor. */
        public Builder blocking(String name, Arity arity, BlockingHandler handler) {
            return add(new RpcMethod.Blocking(name, arity, handler));
        }

        /** Registers a method that never blocks; it runs on the dispatching thread. */
        public Builder async(String name, Arity arity, AsyncHandler handler) {
            return add(new RpcMethod.Async(name, arity, handler));
        }

        public Builder add(RpcMethod method) {
            if (!NAME.matcher(method.name()).matches()) {
                throw new IllegalArgumentException(
                        "not a method name of the form namespace_method: " + method.name());
            }
            if (methods.putIfAbsent(method.name(), method) != null) {
                throw new IllegalArgumentException("method registered twice: " + method.name());
            }
            return this;
        }

        /** Adds every method of {@code other} but its {@code rpc_modules}, which build() makes. */
        public Builder addAll(RpcMethods other) {
            other.byName.values().stream()
                    .filter(m -> !m.name().equals(MODULES_METHOD))
                    .forEach(this::add);
            return this;
        }

        /** The table as registered, without {@code rpc_modules} (a connection's own methods). */
        public RpcMethods buildWithoutModules() {
            return new RpcMethods(methods);
        }

        /**
         * The table, with {@code rpc_modules} added: geth's map of every namespace served (the
         * {@code rpc} namespace included) to {@code "1.0"}, in sorted order.
         */
        public RpcMethods build() {
            if (!methods.containsKey(MODULES_METHOD)) {
                Map<String, String> modules = new TreeMap<>();
                modules.put("rpc", "1.0");
                for (String name : methods.keySet()) {
                    modules.put(name.substring(0, name.indexOf('_')), "1.0");
                }
                CompletableFuture<Map<String, String>> answer =
                        CompletableFuture.completedFuture(Collections.unmodifiableMap(modules));
                Map<String, RpcMethod> withModules = new LinkedHashMap<>(methods);
                withModules.put(
                        MODULES_METHOD,
                        new RpcMethod.Async(MODULES_METHOD, Arity.none(), p -> answer));
                return new RpcMethods(withModules);
            }
            return new RpcMethods(methods);
        }
    }
}
