package io.annals.era.importer;

import io.annals.core.chain.KnownEpochs;

/** What became of one era file in an import. */
public sealed interface FileOutcome {
    String fileName();

    /** Verified and stored: {@code written} blocks now, {@code alreadyStored} found there. */
    record Imported(
            String fileName,
            long firstBlock,
            long lastBlock,
            int written,
            int alreadyStored,
            KnownEpochs.Verdict trust)
            implements FileOutcome {}

    /** Not read: every block it holds is stored already (or below the store's start block). */
    record Skipped(String fileName, String reason) implements FileOutcome {}

    /** Refused: a check failed, named in {@code reason}; nothing of it is stored. */
    record Refused(String fileName, String reason) implements FileOutcome {}

    /** Not attempted: the import stopped before it (a file was refused, without keep-going). */
    record NotAttempted(String fileName, String reason) implements FileOutcome {}
}
