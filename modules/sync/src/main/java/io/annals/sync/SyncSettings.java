package io.annals.sync;

import com.typesafe.config.Config;
import io.annals.sync.head.HeadSettings;
import io.annals.sync.ledger.SchedulerSettings;
import io.annals.sync.model.SyncMode;
import io.annals.sync.peer.PeerSettings;
import io.annals.sync.write.WriterSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The whole {@code annals.sync} section: the starting mode, each mode's scheduler settings and the
 * settings of the peer actors, the writer and the head tracker.
 */
public record SyncSettings(
        SyncMode initialMode,
        SchedulerSettings historical,
        SchedulerSettings follow,
        Duration rateWindow,
        PeerSettings peer,
        WriterSettings writer,
        HeadSettings head) {

    public SyncSettings {
        Objects.requireNonNull(initialMode, "initialMode");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(head, "head");
        if (historical.mode() != SyncMode.HISTORICAL || follow.mode() != SyncMode.FOLLOW) {
            throw new IllegalArgumentException("settings given for the wrong modes");
        }
        if (rateWindow.isNegative() || rateWindow.isZero()) {
            throw new IllegalArgumentException("rate-window must be positive");
        }
        int window = Math.max(historical.maxBlocksUnpersisted(), follow.maxBlocksUnpersisted());
        if (writer.queueCapacity() < window) {
            throw new IllegalArgumentException(
                    "writer.queue-capacity "
                            + writer.queueCapacity()
                            + " is below max-blocks-unpersisted "
                            + window
                            + ": the writer's queue could overflow");
        }
    }

    public static SyncSettings fromConfig(Config config) {
        Config sync = config.getConfig("annals.sync");
        String mode = sync.getString("mode").toUpperCase(Locale.ROOT);
        SyncMode initial;
        try {
            initial = SyncMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "annals.sync.mode must be historical or follow, was " + sync.getString("mode"),
                    e);
        }
        return new SyncSettings(
                initial,
                SchedulerSettings.fromConfig(config, SyncMode.HISTORICAL),
                SchedulerSettings.fromConfig(config, SyncMode.FOLLOW),
                sync.getDuration("rate-window"),
                PeerSettings.fromConfig(config),
                WriterSettings.fromConfig(config),
                HeadSettings.fromConfig(config));
    }

    public SchedulerSettings forMode(SyncMode mode) {
        return mode == SyncMode.FOLLOW ? follow : historical;
    }
}
