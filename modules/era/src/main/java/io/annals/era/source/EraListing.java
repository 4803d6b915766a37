package io.annals.era.source;

import io.annals.core.era.EraFileName;
import java.util.Optional;

/**
 * One era file a source offers: its name as the source spells it, that name parsed, and the SHA-256
 * the source's {@code checksums.txt} gives for it, if it has one.
 */
public record EraListing(String fileName, EraFileName name, Optional<String> sha256) {}
