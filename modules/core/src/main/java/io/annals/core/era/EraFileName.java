package io.annals.core.era;

import io.annals.core.types.Hash;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of an era file: {@code <network>-<era>-<short-hash>(-<profile>)*.<ext>}, where era is
 * the 5-digit epoch ({@code start / 8192}) and the short hash the first 4 bytes, in hex, of the
 * accumulator root (era1) or of the last block's hash (eraE), as go-ethereum names them
 * (internal/era/onedb/reader.go and execdb/reader.go {@code Filename}; ere.md "File name").
 */
public record EraFileName(
        String network, long epoch, String shortHash, List<String> profiles, EraKind kind) {

    private static final Pattern NAME =
            Pattern.compile("([a-z0-9]+)-(\\d{5,})-([0-9a-f]{8})((?:-[a-z]+)*)\\.(era1|ere|erae)");

    public EraFileName {
        profiles = List.copyOf(profiles);
    }

    /** The name parsed, if it is an era file's name. */
    public static Optional<EraFileName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> profiles =
                m.group(4).isEmpty() ? List.of() : List.of(m.group(4).substring(1).split("-"));
        return Optional.of(
                new EraFileName(
                        m.group(1),
                        Long.parseLong(m.group(2)),
                        m.group(3),
                        profiles,
                        EraKind.ofFileName(fileName).orElseThrow()));
    }

    /** The era1 name of an epoch: the short hash from its accumulator root. */
    public static EraFileName era1(String network, long epoch, Hash accumulatorRoot) {
        return new EraFileName(
                network.toLowerCase(Locale.ROOT),
                epoch,
                shortHex(accumulatorRoot),
                List.of(),
                EraKind.ERA1);
    }

    /** The eraE name of an epoch: the short hash from its last block; no proofs written. */
    public static EraFileName eraE(String network, long epoch, Hash lastBlockHash) {
        return new EraFileName(
                network.toLowerCase(Locale.ROOT),
                epoch,
                shortHex(lastBlockHash),
                List.of("noproofs"),
                EraKind.ERAE);
    }

    public long startBlock() {
        return epoch * EpochAccumulator.EPOCH_SIZE;
    }

    @Override
    public String toString() {
        StringBuilder name = new StringBuilder();
        name.append(network).append('-').append(String.format(Locale.ROOT, "%05d", epoch));
        name.append('-').append(shortHash);
        profiles.forEach(profile -> name.append('-').append(profile));
        return name.append('.').append(kind.extension()).toString();
    }

    private static String shortHex(Hash hash) {
        return hash.toHex().substring(2, 10);
    }
}
