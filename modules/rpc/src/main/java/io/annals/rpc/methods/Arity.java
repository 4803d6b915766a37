package io.annals.rpc.methods;

/**
 * How many positional parameters a method takes: the first {@code required} must be present and not
 * null; up to {@code max} may be given. Violations answer -32602 with geth's messages.
 */
public record Arity(int required, int max) {
    public Arity {
        if (required < 0 || max < required) {
            throw new IllegalArgumentException(
                    "need 0 <= required <= max, got " + required + ", " + max);
        }
    }

    public static Arity none() {
        return new Arity(0, 0);
    }

    public static Arity exactly(int count) {
        return new Arity(count, count);
    }

    /** {@code required} parameters followed by optional ones, {@code max} in all. */
    public static Arity between(int required, int max) {
        return new Arity(required, max);
    }
}
