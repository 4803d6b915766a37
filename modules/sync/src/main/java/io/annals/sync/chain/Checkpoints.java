package io.annals.sync.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.annals.core.types.Hash;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Trusted block hashes by number: the operator's {@code annals.sync.checkpoints} and the store's
 * checkpoints table. A block at a checkpoint's number with another hash is never stored, nor is a
 * block just above one that names another parent; and a checkpoint is an anchor a conflict below it
 * can be decided against (its hash cannot be forged, so headers walked down from it are the chain
 * whichever peer serves them).
 */
public record Checkpoints(NavigableMap<Long, Hash> hashes) {

    public static final Checkpoints NONE = new Checkpoints(new TreeMap<>());

    public Checkpoints {
        hashes = Collections.unmodifiableNavigableMap(new TreeMap<>(hashes));
    }

    /**
     * Reads {@code annals.sync.checkpoints}: a list of {@code { number = N, hash = "0x…" }}.
     *
     * @throws IllegalArgumentException naming the entry when one is malformed or a number repeats
     */
    public static Checkpoints fromConfig(Config config) {
        if (!config.hasPath("annals.sync.checkpoints")) {
            return NONE;
        }
        NavigableMap<Long, Hash> hashes = new TreeMap<>();
        int index = 0;
        for (Config entry : config.getConfigList("annals.sync.checkpoints")) {
            String key = "annals.sync.checkpoints[" + index++ + "]";
            try {
                long number = entry.getLong("number");
                Hash hash = Hash.fromHex(entry.getString("hash"));
                if (number < 0) {
                    throw new IllegalArgumentException(key + ".number must not be negative");
                }
                if (hashes.put(number, hash) != null) {
                    throw new IllegalArgumentException(
                            key + ": block " + number + " has two checkpoints");
                }
            } catch (ConfigException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(key)
                        ? e
                        : new IllegalArgumentException(key + ".hash: " + e.getMessage(), e);
            }
        }
        return new Checkpoints(hashes);
    }

    public Optional<Hash> at(long number) {
        return Optional.ofNullable(hashes.get(number));
    }

    /** The lowest checkpoint at or above {@code number}, if any. */
    public Optional<Map.Entry<Long, Hash>> atOrAbove(long number) {
        return Optional.ofNullable(hashes.ceilingEntry(number));
    }

    /**
     * These and {@code others} together.
     *
     * @throws IllegalStateException when both name a block number with different hashes
     */
    public Checkpoints with(Map<Long, Hash> others) {
        NavigableMap<Long, Hash> merged = new TreeMap<>(hashes);
        others.forEach(
                (number, hash) -> {
                    Hash previous = merged.putIfAbsent(number, hash);
                    if (previous != null && !previous.equals(hash)) {
                        throw new IllegalStateException(
                                "checkpoint of block "
                                        + number
                                        + " differs: "
                                        + previous
                                        + " configured, "
                                        + hash
                                        + " in the store");
                    }
                });
        return new Checkpoints(merged);
    }

    public boolean isEmpty() {
        return hashes.isEmpty();
    }
}
