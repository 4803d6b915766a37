package io.annals.era.importer;

import io.annals.era.source.EraListing;

/** Progress of an import, for a progress bar or log lines. Called from the import's threads. */
public interface ImportListener {
    ImportListener NONE = new ImportListener() {};

    /** The listing is known: {@code files} to look at. */
    default void planned(int files) {}

    /** {@code listing} is being fetched and verified. */
    default void started(EraListing listing) {}

    /** {@code blocks} more blocks of {@code listing} were stored. */
    default void stored(EraListing listing, int blocks) {}

    default void finished(FileOutcome outcome) {}
}
