package io.annals.core.chain;

import io.annals.core.types.Hash;
import io.annals.core.util.Hex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a chain publishes about its history files, against which an era file from an untrusted
 * mirror is checked: the epoch accumulator roots known in full, the 4-byte root prefixes in the
 * published file names, and the SHA-256 of the published files. Shipped for mainnet and Sepolia
 * (resources {@code io/annals/core/chain/era/}, each file naming its source); every other chain has
 * none, and its files are trusted as far as their own checks and links reach.
 *
 * <ul>
 *   <li>mainnet: all 1,897 pre-merge epoch roots, from the Portal network's historical hashes
 *       accumulator; SHA-256 of go-ethereum's published 1,897 era1 files.
 *   <li>Sepolia: full roots of epochs 0 and 21 only (the two published files go-ethereum ships as
 *       test data); for the other epochs, the root prefix in each of the 183 published file names,
 *       and their SHA-256.
 * </ul>
 */
public final class KnownEpochs {
    /** A chain that publishes nothing. */
    public static final KnownEpochs NONE = new KnownEpochs(Map.of(), Map.of(), Map.of());

    private static final Pattern PUBLISHED_NAME =
            Pattern.compile("[a-z0-9]+-(\\d{5})-([0-9a-f]{8})\\.era1");

    private static final Map<Hash, KnownEpochs> BY_GENESIS = new HashMap<>();

    private final Map<Long, Hash> roots;
    private final Map<Long, String> rootPrefixes;
    private final Map<String, String> fileSha256;

    private KnownEpochs(
            Map<Long, Hash> roots, Map<Long, String> rootPrefixes, Map<String, String> fileSha256) {
        this.roots = roots;
        this.rootPrefixes = rootPrefixes;
        this.fileSha256 = fileSha256;
    }

    /** What {@code chain} publishes, by its genesis hash; {@link #NONE} for other chains. */
    public static synchronized KnownEpochs of(ChainSpec chain) {
        String name;
        if (chain.genesisHash().equals(Chains.MAINNET.genesisHash())) {
            name = "mainnet";
        } else if (chain.genesisHash().equals(Chains.SEPOLIA.genesisHash())) {
            name = "sepolia";
        } else {
            return NONE;
        }
        return BY_GENESIS.computeIfAbsent(chain.genesisHash(), genesis -> load(name));
    }

    /**
     * The result of checking an epoch's accumulator root.
     *
     * <p>{@code MATCHES_ROOT}: equal to the known full root. {@code MATCHES_PREFIX}: only the
     * 4-byte published prefix is known, and it matches (a forgery needs about 2^32 tries). {@code
     * UNKNOWN}: nothing is published for this epoch. {@code MISMATCH}: it differs.
     */
    public enum Verdict {
        MATCHES_ROOT,
        MATCHES_PREFIX,
        UNKNOWN,
        MISMATCH
    }

    public Verdict check(long epoch, Hash root) {
        Hash known = roots.get(epoch);
        if (known != null) {
            return known.equals(root) ? Verdict.MATCHES_ROOT : Verdict.MISMATCH;
        }
        String prefix = rootPrefixes.get(epoch);
        if (prefix != null) {
            return root.toHex().substring(2, 10).equals(prefix)
                    ? Verdict.MATCHES_PREFIX
                    : Verdict.MISMATCH;
        }
        return Verdict.UNKNOWN;
    }

    /** What is known of the epoch's root, for messages: the root, its prefix, or nothing. */
    public Optional<String> expected(long epoch) {
        Hash known = roots.get(epoch);
        if (known != null) {
            return Optional.of(known.toString());
        }
        return Optional.ofNullable(rootPrefixes.get(epoch)).map(prefix -> "0x" + prefix + "…");
    }

    public Optional<Hash> root(long epoch) {
        return Optional.ofNullable(roots.get(epoch));
    }

    /** The published SHA-256 (lower-case hex) of the file of this name. */
    public Optional<String> sha256(String fileName) {
        return Optional.ofNullable(fileSha256.get(fileName));
    }

    /** The number of epochs whose full root is known. */
    public int rootCount() {
        return roots.size();
    }

    public int publishedFiles() {
        return fileSha256.size();
    }

    private static KnownEpochs load(String network) {
        Map<Long, Hash> roots = new HashMap<>();
        for (String line : lines(network + "-epoch-roots.txt")) {
            String[] parts = line.split("\\s+");
            roots.put(Long.parseLong(parts[0]), Hash.wrap(Hex.decode(parts[1])));
        }
        Map<Long, String> prefixes = new HashMap<>();
        Map<String, String> checksums = new HashMap<>();
        for (String line : lines(network + "-era1.sha256")) {
            String[] parts = line.split("\\s+");
            Matcher name = PUBLISHED_NAME.matcher(parts[1]);
            if (!name.matches() || parts[0].length() != 64) {
                throw new IllegalStateException("malformed checksum line: " + line);
            }
            checksums.put(parts[1], parts[0].toLowerCase(Locale.ROOT));
            prefixes.put(Long.parseLong(name.group(1)), name.group(2));
        }
        return new KnownEpochs(
                Collections.unmodifiableMap(roots),
                Collections.unmodifiableMap(prefixes),
                Collections.unmodifiableMap(checksums));
    }

    private static java.util.List<String> lines(String resource) {
        String path = "era/" + resource;
        try (InputStream in = KnownEpochs.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
