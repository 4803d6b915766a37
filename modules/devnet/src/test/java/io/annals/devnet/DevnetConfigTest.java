package io.annals.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.annals.devnet.fault.FaultPlan;
import io.annals.devnet.fault.Part;
import io.annals.p2p.wire.DisconnectReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The HOCON schema of the devnet and its fault plans: what parses, and errors that name the key.
 */
class DevnetConfigTest {
    private static DevnetSettings parse(String devnet) {
        return DevnetConfig.fromConfig(
                ConfigFactory.parseString("annals.devnet { " + devnet + " }")
                        .withFallback(ConfigFactory.defaultReference())
                        .resolve());
    }

    private static void assertRejected(String devnet, String... fragments) {
        assertThatThrownBy(() -> parse(devnet))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    @Test
    void eachPeerAnnouncesAsItsModeSays() {
        DevnetSettings settings =
                parse(
                        """
                peers = 4
                announcements = [
                  { peers = [0, 1], mode = none }
                  { peers = [2], mode = epoch }
                ]
                """);
        assertThat(settings.eth(0).versions())
                .as("eth/68 only: nothing but Status")
                .containsOnly(68);
        assertThat(settings.eth(2).versions()).containsOnly(69, 70);
        assertThat(settings.eth(2).rangeUpdateInterval()).as("once per epoch").isEqualTo(32);
        assertThat(settings.eth(3).rangeUpdateInterval())
                .as("the default: every block")
                .isEqualTo(1);
        assertRejected(
                "peers = 2, announcements = [ { peers = [0], mode = sometimes } ]",
                "annals.devnet.announcements[0].mode",
                "none, epoch or every-block");
        assertRejected(
                "peers = 2, announcements = [ { peers = [0], mode = none }, { peers = [0], mode = epoch } ]",
                "already has an announcement mode");
    }

    @Test
    void everyFaultParses() {
        DevnetSettings settings =
                parse(
                        """
                peers = 4
                faults = [
                  { peers = [0], missing-tip { depth = 2, duration = 5s, parts = [headers, bodies] }, stuck-at = 99 }
                  { peers = [1, 2], latency { min = 10ms, max = 20ms }, partial { fraction = 0.25 } }
                  { peers = [3], disconnect { after-requests = 3, reason = too-many-peers }, corrupt { bodies = true, share = 0.5 } }
                ]
                reorgs = [ { at-block = 30, depth = 2 }, { after = 1m, depth = 1 } ]
                propagation { per-peer = [0ms, 10ms, 20ms, 30ms] }
                """);
        FaultPlan first = settings.faults().get(0);
        assertThat(first.missingTip().orElseThrow().parts())
                .containsExactlyInAnyOrder(Part.HEADERS, Part.BODIES);
        assertThat(first.missingTip().orElseThrow().duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(first.stuckAt()).hasValue(99);
        assertThat(settings.faults().get(1)).isEqualTo(settings.faults().get(2));
        assertThat(settings.faults().get(1).partial().orElseThrow().parts())
                .containsExactlyInAnyOrder(Part.values());
        assertThat(settings.faults().get(3).disconnects().orElseThrow().reason())
                .isEqualTo(DisconnectReason.TOO_MANY_PEERS);
        assertThat(settings.faults().get(3).corruption().orElseThrow().receipts()).isFalse();
        assertThat(settings.reorgs())
                .containsExactly(
                        ReorgPlan.atBlock(30, 2), ReorgPlan.after(Duration.ofMinutes(1), 1));
        assertThat(settings.propagation().delay(3, 10, 0)).isEqualTo(Duration.ofMillis(30));
    }

    @Test
    void allAppliesToEveryPeer() {
        DevnetSettings settings =
                parse(
                        "peers = 3, faults = [ { peers = all, missing-tip { depth = 1, duration = 1s } } ]");
        assertThat(settings.faults()).allMatch(plan -> plan.missingTip().isPresent());
    }

    @Test
    void mistakesNameTheKey() {
        assertRejected(
                "peers = 2, faults = [ { peers = [0], latency { min = 1s, max = 2s, jitter = 3 } } ]",
                "annals.devnet.faults[0].latency.jitter",
                "unknown key");
        assertRejected(
                "peers = 2, faults = [ { peers = [2], stuck-at = 5 } ]",
                "annals.devnet.faults[0].peers[0]",
                "peer 2 does not exist");
        assertRejected(
                "peers = 2, faults = [ { peers = [1], stuck-at = 5 }, { peers = [1], stuck-at = 6 } ]",
                "annals.devnet.faults[1].peers",
                "peer 1 already has a fault plan at annals.devnet.faults[0]");
        assertRejected(
                "peers = 2, faults = [ { peers = [0], latency { min = 2s, max = 1s } } ]",
                "annals.devnet.faults[0]",
                "latency needs 0 <= min <= max");
        assertRejected(
                "peers = 2, faults = [ { peers = [0], disconnect { after-requests = 2, reason = bored } } ]",
                "annals.devnet.faults[0].disconnect.reason",
                "unknown disconnect reason 'bored'",
                "useless-peer");
        assertRejected(
                "peers = 2, faults = [ { peers = [0], partial { fraction = 1.5 } } ]",
                "annals.devnet.faults[0].partial.fraction");
        assertRejected(
                "peers = 2, faults = [ { peers = [0], missing-tip { depth = 2, duration = 1s, parts = [logs] } } ]",
                "annals.devnet.faults[0].missing-tip.parts",
                "unknown part 'logs'");
        assertRejected(
                "peers = 2, faults = [ { peers = [0] } ]",
                "annals.devnet.faults[0].peers",
                "names no fault");
        assertRejected(
                "peers = 2, faults = [ { stuck-at = 1 } ]",
                "annals.devnet.faults[0].peers",
                "missing");
        assertRejected(
                "peers = 2, faults = [ { peers = [0], corrupt { share = 0.5 } } ]",
                "annals.devnet.faults[0]",
                "corrupt bodies, receipts or both");
        assertRejected(
                "peers = 2, propagation { per-peer = [1ms] }",
                "annals.devnet.propagation.per-peer",
                "one delay per peer");
        assertRejected("propagation { min = 2s, max = 1s }", "annals.devnet.propagation.max");
        assertRejected(
                "reorgs = [ { at-block = 5, after = 1s, depth = 1 } ]",
                "annals.devnet.reorgs[0]",
                "exactly one");
        assertRejected(
                "reorgs = [ { at-block = 5, depth = 500 } ]", "annals.devnet.reorgs[0].depth");
        assertRejected("peers = 0", "annals.devnet.peers");
        assertRejected("blocks = 1.5", "annals.devnet.blocks", "whole number");
        assertRejected("colour = blue", "annals.devnet.colour", "unknown key");
        assertRejected(
                "shape { min-transactions = 9, max-transactions = 3 }", "annals.devnet.shape");
        assertRejected(
                "shape { transaction-types { legacy = 0, access-list = 0, dynamic-fee = 0, blob = 0, set-code = 0 } }",
                "annals.devnet.shape",
                "at least one transaction type");
    }
}
