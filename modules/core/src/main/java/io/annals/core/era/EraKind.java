package io.annals.core.era;

/**
 * The two execution-layer history formats: era1 (<a
 * href="https://github.com/eth-clients/e2store-format-specs/blob/main/formats/era1.md">era1.md</a>,
 * block tuples with full receipts and total difficulty, pre-merge history) and eraE (<a
 * href="https://github.com/eth-clients/e2store-format-specs/blob/main/formats/ere.md">ere.md</a>,
 * sections of headers, bodies and slim receipts, both sides of the merge).
 */
public enum EraKind {
    ERA1("era1"),
    /**
     * The spec and go-ethereum name these files {@code .ere}; {@code .erae} is accepted as well,
     * the name some tools and documents use for the format.
     */
    ERAE("ere");

    private final String extension;

    EraKind(String extension) {
        this.extension = extension;
    }

    /** The file-name extension this implementation writes, without the dot. */
    public String extension() {
        return extension;
    }

    /** The kind a file name's extension names, if any. */
    public static java.util.Optional<EraKind> ofFileName(String name) {
        if (name.endsWith(".era1")) {
            return java.util.Optional.of(ERA1);
        }
        if (name.endsWith(".ere") || name.endsWith(".erae")) {
            return java.util.Optional.of(ERAE);
        }
        return java.util.Optional.empty();
    }
}
