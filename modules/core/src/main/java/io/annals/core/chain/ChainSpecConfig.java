package io.annals.core.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.annals.core.types.Hash;
import io.annals.core.util.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a chain spec from HOCON. {@code annals.chain} is either the name of a built-in chain
 * ({@code mainnet}, {@code sepolia}, {@code hoodi}) or a custom chain:
 *
 * <pre>
 * annals.chain {
 *   name = devnet
 *   network-id = 1337
 *   chain-id = 1337                # optional, defaults to network-id
 *   genesis-hash = "0x…"           # 32 bytes
 *   genesis-timestamp = 0          # optional, default 0
 *   merge {                        # optional: only for chains that went through the Merge
 *     terminal-total-difficulty = "0"   # a string, since it can exceed 64 bits
 *     first-block = 0                   # the first proof-of-stake block
 *   }
 *   forks = [                      # in any order; names as in {@link Hardfork#configName()}
 *     { name = london, block = 0 }
 *     { name = shanghai, timestamp = 0 }
 *   ]
 *   bootnodes = ["enode://…"]      # optional: where discovery starts ({@link #loadPeers})
 *   dns-lists = ["enrtree://…"]    # optional: EIP-1459 node lists
 * }
 * </pre>
 *
 * Every mistake is a {@link ConfigException} that names the file, line and key: unknown keys, a
 * missing key, a wrong type, an unknown fork, a fork given a block where it needs a timestamp, a
 * schedule that goes backwards or skips a required fork.
 */
public final class ChainSpecConfig {
    /** Where the chain is configured in the node's configuration. */
    public static final String PATH = "annals.chain";

    private static final Set<String> CHAIN_KEYS =
            Set.of(
                    "name",
                    "network-id",
                    "chain-id",
                    "genesis-hash",
                    "genesis-timestamp",
                    "merge",
                    "forks",
                    "bootnodes",
                    "dns-lists");
    private static final Set<String> MERGE_KEYS =
            Set.of("terminal-total-difficulty", "first-block");

    private ChainSpecConfig() {}

    /** Reads {@value #PATH} from the whole configuration. */
    public static ChainSpec load(Config config) {
        if (!config.hasPath(PATH)) {
            throw new ConfigException.Missing(config.origin(), PATH);
        }
        ConfigValue value = config.getValue(PATH);
        if (value.valueType() == ConfigValueType.STRING) {
            String name = (String) value.unwrapped();
            return Chains.byName(name)
                    .orElseThrow(
                            () ->
                                    new ConfigException.BadValue(
                                            value.origin(),
                                            PATH,
                                            "unknown chain '"
                                                    + name
                                                    + "'; built-in chains are "
                                                    + Chains.all().stream()
                                                            .map(ChainSpec::name)
                                                            .collect(Collectors.joining(", "))
                                                    + ", or describe a custom chain as an object"));
        }
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw new ConfigException.WrongType(
                    value.origin(), PATH, "a chain name or a chain object", typeName(value));
        }
        return parse(config.getConfig(PATH), PATH);
    }

    /**
     * The bootnodes and DNS lists of {@value #PATH}: a built-in chain's (by name), or the optional
     * {@code bootnodes} and {@code dns-lists} string lists of a custom chain.
     */
    public static NetworkPeers loadPeers(Config config) {
        if (!config.hasPath(PATH)) {
            return NetworkPeers.NONE;
        }
        ConfigValue value = config.getValue(PATH);
        if (value.valueType() == ConfigValueType.STRING) {
            return Chains.byName((String) value.unwrapped())
                    .map(Chains::peersOf)
                    .orElse(NetworkPeers.NONE);
        }
        return peersOf(config.getConfig(PATH));
    }

    /** The optional {@code bootnodes} and {@code dns-lists} of a custom chain section. */
    public static NetworkPeers peersOf(Config chain) {
        return new NetworkPeers(
                chain.hasPath("bootnodes") ? chain.getStringList("bootnodes") : List.of(),
                chain.hasPath("dns-lists") ? chain.getStringList("dns-lists") : List.of());
    }

    /**
     * Reads a custom chain from its own section; {@code path} is where that section lives, for
     * error messages.
     */
    public static ChainSpec parse(Config chain, String path) {
        rejectUnknownKeys(chain.root(), path, CHAIN_KEYS);
        String name = string(chain, "name", path);
        long networkId = positiveLong(chain, "network-id", path);
        long chainId =
                chain.hasPath("chain-id") ? positiveLong(chain, "chain-id", path) : networkId;
        Hash genesisHash = hash(chain, "genesis-hash", path);
        long genesisTimestamp =
                chain.hasPath("genesis-timestamp")
                        ? nonNegativeLong(chain, "genesis-timestamp", path)
                        : 0;
        Optional<Merge> merge = Optional.empty();
        if (chain.hasPath("merge")) {
            ConfigValue section = chain.getValue("merge");
            if (section.valueType() != ConfigValueType.OBJECT) {
                throw new ConfigException.WrongType(
                        section.origin(),
                        path + ".merge",
                        "an object like { terminal-total-difficulty = \"0\", first-block = 0 }",
                        typeName(section));
            }
            merge = Optional.of(merge(((ConfigObject) section).toConfig(), path + ".merge"));
        }
        ConfigValue forkList = required(chain, "forks", path);
        if (forkList.valueType() != ConfigValueType.LIST) {
            throw new ConfigException.WrongType(
                    forkList.origin(),
                    path + ".forks",
                    "a list of forks like [ { name = london, block = 0 } ]",
                    typeName(forkList));
        }
        List<Fork> forks = forks((ConfigList) forkList, path + ".forks");
        try {
            return new ChainSpec(
                    name, networkId, chainId, genesisHash, genesisTimestamp, forks, merge);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(chain.origin(), path, e.getMessage());
        }
    }

    private static Merge merge(Config merge, String path) {
        rejectUnknownKeys(merge.root(), path, MERGE_KEYS);
        ConfigValue ttd = required(merge, "terminal-total-difficulty", path);
        BigInteger terminalTotalDifficulty =
                switch (ttd.valueType()) {
                    case STRING -> parseBigInteger(ttd, path + ".terminal-total-difficulty");
                    case NUMBER -> {
                        if (!(ttd.unwrapped() instanceof Integer
                                || ttd.unwrapped() instanceof Long)) {
                            throw new ConfigException.BadValue(
                                    ttd.origin(),
                                    path + ".terminal-total-difficulty",
                                    "write a difficulty beyond 64 bits as a string, e.g. \"58750000000000000000000\"");
                        }
                        yield BigInteger.valueOf(((Number) ttd.unwrapped()).longValue());
                    }
                    default ->
                            throw new ConfigException.WrongType(
                                    ttd.origin(),
                                    path + ".terminal-total-difficulty",
                                    "a number or a numeric string",
                                    typeName(ttd));
                };
        if (terminalTotalDifficulty.signum() < 0) {
            throw new ConfigException.BadValue(
                    ttd.origin(), path + ".terminal-total-difficulty", "must not be negative");
        }
        return new Merge(terminalTotalDifficulty, nonNegativeLong(merge, "first-block", path));
    }

    private static List<Fork> forks(ConfigList list, String path) {
        List<Fork> forks = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            ConfigValue entry = list.get(i);
            if (entry.valueType() != ConfigValueType.OBJECT) {
                throw new ConfigException.WrongType(
                        entry.origin(),
                        at,
                        "an object like { name = london, block = 0 }",
                        typeName(entry));
            }
            forks.add(fork(((ConfigObject) entry).toConfig(), at));
        }
        return forks;
    }

    private static Fork fork(Config entry, String path) {
        rejectUnknownKeys(entry.root(), path, Set.of("name", "block", "timestamp"));
        String name = string(entry, "name", path);
        Hardfork hardfork =
                Hardfork.fromConfigName(name)
                        .orElseThrow(
                                () ->
                                        new ConfigException.BadValue(
                                                entry.getValue("name").origin(),
                                                path + ".name",
                                                "unknown fork '"
                                                        + name
                                                        + "'; known forks are "
                                                        + Hardfork.configNames()));
        String expected = hardfork.trigger().configKey();
        String other = hardfork.trigger() == Hardfork.Trigger.BLOCK ? "timestamp" : "block";
        if (entry.hasPath(other)) {
            throw new ConfigException.BadValue(
                    entry.getValue(other).origin(),
                    path + "." + other,
                    name + " activates by " + expected + ", not by " + other);
        }
        if (!entry.hasPath(expected)) {
            throw new ConfigException.BadValue(
                    entry.origin(),
                    path,
                    name
                            + " needs its activation "
                            + expected
                            + ", e.g. { name = "
                            + name
                            + ", "
                            + expected
                            + " = 0 }");
        }
        return new Fork(hardfork, nonNegativeLong(entry, expected, path));
    }

    private static Hash hash(Config config, String key, String path) {
        String text = string(config, key, path);
        try {
            byte[] bytes = Hex.decode(text);
            if (bytes.length == Hash.SIZE) {
                return Hash.wrap(bytes);
            }
        } catch (IllegalArgumentException e) {
            // reported below with the expected form
        }
        throw new ConfigException.BadValue(
                config.getValue(key).origin(),
                path + "." + key,
                "expected a 32-byte hash in hex, like \"0xd4e5…8fa3\", got \"" + text + "\"");
    }

    private static long positiveLong(Config config, String key, String path) {
        long value = longValue(config, key, path);
        if (value <= 0) {
            throw new ConfigException.BadValue(
                    config.getValue(key).origin(),
                    path + "." + key,
                    "must be positive, got " + value);
        }
        return value;
    }

    private static long nonNegativeLong(Config config, String key, String path) {
        long value = longValue(config, key, path);
        if (value < 0) {
            throw new ConfigException.BadValue(
                    config.getValue(key).origin(),
                    path + "." + key,
                    "must not be negative, got " + value);
        }
        return value;
    }

    private static ConfigValue required(Config config, String key, String path) {
        if (!config.hasPath(key)) {
            throw new ConfigException.Missing(config.origin(), path + "." + key);
        }
        return config.getValue(key);
    }

    private static String string(Config config, String key, String path) {
        ConfigValue value = required(config, key, path);
        if (value.valueType() != ConfigValueType.STRING) {
            throw new ConfigException.WrongType(
                    value.origin(), path + "." + key, "a string", typeName(value));
        }
        return (String) value.unwrapped();
    }

    /** A whole number; unlike {@link Config#getLong}, 1.5 is an error rather than 1. */
    private static long longValue(Config config, String key, String path) {
        ConfigValue value = required(config, key, path);
        Object raw = value.unwrapped();
        if (raw instanceof Integer || raw instanceof Long) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ConfigException.WrongType(
                value.origin(), path + "." + key, "a whole number", typeName(value));
    }

    private static String typeName(ConfigValue value) {
        return value.valueType().name().toLowerCase(Locale.ROOT);
    }

    private static BigInteger parseBigInteger(ConfigValue value, String path) {
        String text = ((String) value.unwrapped()).trim();
        try {
            return Hex.hasPrefix(text) ? new BigInteger(1, Hex.decode(text)) : new BigInteger(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(
                    value.origin(), path, "not a number: \"" + text + "\"");
        }
    }

    private static void rejectUnknownKeys(ConfigObject object, String path, Set<String> allowed) {
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                throw new ConfigException.BadValue(
                        object.get(key).origin(),
                        path + "." + key,
                        "unknown key; expected one of "
                                + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }
}
