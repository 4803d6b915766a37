package io.annals.node.service;

import io.annals.core.chain.ChainSpec;
import io.annals.era.importer.ImportSettings;
import io.annals.era.source.EraSource;
import io.annals.era.sync.EraSyncSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code annals.history.era-sources}: the era files sync falls back on for history no connected
 * peer serves, as one fallback source handed to the engine like a peer.
 */
final class EraSources {
    static final String KEY = "annals.history.era-sources";

    private EraSources() {}

    /** The source over the configured locations; empty when none are configured. */
    static Optional<EraSyncSource> start(NodeContext context, ChainSpec chain) {
        List<String> locations = context.config().getStringList(KEY);
        if (locations.isEmpty()) {
            return Optional.empty();
        }
        ImportSettings settings =
                ImportSettings.fromConfig(
                        context.config(), context.dataDir().resolve("era-download"));
        try {
            return Optional.of(
                    EraSyncSource.open(
                            locations.stream()
                                    .map(location -> EraSource.of(location, settings.http()))
                                    .toList(),
                            chain,
                            settings));
        } catch (IOException e) {
            throw new UncheckedIOException(KEY + ": " + e.getMessage(), e);
        }
    }
}
