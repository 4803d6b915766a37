package io.annals.sync.head;

import com.typesafe.config.Config;

/**
 * The head tracker's settings, read from {@code annals.sync.head}.
 *
 * @param rollbackWindow historical sync stops this many blocks below the network head: those
 *     blocks can still be reorganised, so follow mode fetches them, at the tip, where reorgs are
 *     handled
 * @param quorum peers that must claim at least a head before it counts without proof
 */
public record HeadSettings(long rollbackWindow, int quorum) {

  public HeadSettings {
    if (rollbackWindow < 0) {
      throw new IllegalArgumentException("head.rollback-window must not be negative");
    }
    if (quorum < 1) {
      throw new IllegalArgumentException("head.quorum must be at least 1");
    }
  }

  public static HeadSettings fromConfig(Config config) {
    Config head = config.getConfig("annals.sync.head");
    return new HeadSettings(head.getLong("rollback-window"), head.getInt("quorum"));
  }
}
