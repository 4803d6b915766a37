package io.annals.sync;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** The whole {@code annals.sync} section: the starting mode and each mode's scheduler settings. */
public record SyncSettings(SyncMode initialMode, SchedulerSettings historical, SchedulerSettings follow,
    Duration rateWindow) {

  public SyncSettings {
    Objects.requireNonNull(initialMode, "initialMode");
    if (historical.mode() != SyncMode.HISTORICAL || follow.mode() != SyncMode.FOLLOW) {
      throw new IllegalArgumentException("settings given for the wrong modes");
    }
    if (rateWindow.isNegative() || rateWindow.isZero()) {
      throw new IllegalArgumentException("rate-window must be positive");
    }
  }

  public static SyncSettings fromConfig(Config config) {
    Config sync = config.getConfig("annals.sync");
    String mode = sync.getString("mode").toUpperCase(Locale.ROOT);
    SyncMode initial;
    try {
      initial = SyncMode.valueOf(mode);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("annals.sync.mode must be historical or follow, was " + sync.getString("mode"), e);
    }
    return new SyncSettings(initial, SchedulerSettings.fromConfig(config, SyncMode.HISTORICAL),
        SchedulerSettings.fromConfig(config, SyncMode.FOLLOW), sync.getDuration("rate-window"));
  }

  public SchedulerSettings forMode(SyncMode mode) {
    return mode == SyncMode.FOLLOW ? follow : historical;
  }
}
