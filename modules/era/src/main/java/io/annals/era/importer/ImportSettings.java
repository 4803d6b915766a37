package io.annals.era.importer;

import com.typesafe.config.Config;
import io.annals.core.era.EraLimits;
import io.annals.era.source.HttpSource;
import java.nio.file.Path;

/**
 * How an import runs ({@code annals.era.import} and {@code annals.era.http} in reference.conf).
 *
 * @param jobs files fetched, verified and written at once
 * @param keepGoing go on with the other files after one is refused (else stop there)
 * @param batchBlocks blocks per store write
 * @param workDir where downloads are kept while they are imported
 */
public record ImportSettings(
        int jobs,
        boolean keepGoing,
        int batchBlocks,
        EraLimits limits,
        HttpSource.Settings http,
        Path workDir) {

    public ImportSettings {
        if (jobs < 1 || jobs > 64) {
            throw new IllegalArgumentException("annals.era.import.jobs must be 1..64, not " + jobs);
        }
        if (batchBlocks < 1 || batchBlocks > 1024) {
            throw new IllegalArgumentException(
                    "annals.era.import.batch-blocks must be 1..1024, not " + batchBlocks);
        }
    }

    public static ImportSettings fromConfig(Config config, Path workDir) {
        Config era = config.getConfig("annals.era");
        return new ImportSettings(
                era.getInt("import.jobs"),
                era.getBoolean("import.keep-going"),
                era.getInt("import.batch-blocks"),
                new EraLimits(
                        (int) era.getBytes("limits.max-header-size").longValue(),
                        (int) era.getBytes("limits.max-body-size").longValue(),
                        (int) era.getBytes("limits.max-receipts-size").longValue()),
                httpFromConfig(config),
                workDir);
    }

    public static HttpSource.Settings httpFromConfig(Config config) {
        Config http = config.getConfig("annals.era.http");
        return new HttpSource.Settings(
                http.getDuration("connect-timeout"),
                http.getDuration("idle-timeout"),
                http.getBytes("max-file-size"),
                http.getInt("attempts"));
    }

    public ImportSettings withKeepGoing(boolean keepGoing) {
        return new ImportSettings(jobs, keepGoing, batchBlocks, limits, http, workDir);
    }

    public ImportSettings withJobs(int jobs) {
        return new ImportSettings(jobs, keepGoing, batchBlocks, limits, http, workDir);
    }
}
