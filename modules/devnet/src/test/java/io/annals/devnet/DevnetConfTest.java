package io.annals.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.ChainSpecConfig;
import io.annals.devnet.chain.BlockGenerator;
import io.annals.devnet.chain.DevnetChainSpec;
import io.annals.devnet.fault.FaultPlan;
import io.annals.devnet.peer.DevnetPeer;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.identity.Enode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The shipped configuration is consistent: reference.conf parses to the documented defaults,
 * conf/devnet.conf parses with its faults, its {@code annals.chain} is the spec the devnet
 * generates for its settings, and its static peers are the devnet's enodes.
 */
class DevnetConfTest {
    private static final Path DEVNET_CONF = Path.of("../../conf/devnet.conf");

    private static Config devnetConf() {
        assertThat(Files.isRegularFile(DEVNET_CONF)).as("run from modules/devnet").isTrue();
        return ConfigFactory.parseFile(DEVNET_CONF.toFile())
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }

    @Test
    void referenceDefaultsAreMainnetShapedAndFaultFree() {
        DevnetSettings settings = DevnetConfig.defaults();
        assertThat(settings.peers()).isEqualTo(8);
        assertThat(settings.blocks()).isEqualTo(20_000);
        assertThat(settings.blockTime()).isEqualTo(Duration.ofSeconds(12));
        assertThat(settings.chain().shape()).isEqualTo(io.annals.devnet.chain.ChainShape.MAINNET);
        assertThat(settings.chain().networkId()).isEqualTo(1337);
        assertThat(settings.faults()).hasSize(8).allMatch(FaultPlan::isNone);
        assertThat(settings.propagation())
                .isEqualTo(
                        new Propagation.Uniform(Duration.ofMillis(50), Duration.ofMillis(500), 1));
        assertThat(settings.announcements())
                .as("every new head is announced")
                .hasSize(8)
                .containsOnly(io.annals.devnet.peer.Announcing.EVERY_BLOCK);
        assertThat(settings.eth(0).rangeUpdateInterval()).isEqualTo(1);
    }

    @Test
    void devnetConfParsesWithFourFaultyPeers() {
        DevnetSettings settings = DevnetConfig.fromConfig(devnetConf());
        List<FaultPlan> plans = settings.faults();
        assertThat(plans.get(1).missingTip()).isPresent();
        assertThat(plans.get(2).latency()).isPresent();
        assertThat(plans.get(3).corruption())
                .hasValueSatisfying(c -> assertThat(c.receipts()).isTrue());
        assertThat(plans.get(4).disconnects())
                .hasValueSatisfying(d -> assertThat(d.afterRequests()).isEqualTo(40));
        assertThat(List.of(plans.get(0), plans.get(5), plans.get(6), plans.get(7)))
                .allMatch(FaultPlan::isNone);
    }

    @Test
    void devnetConfChainIsTheGeneratedChain() {
        Config conf = devnetConf();
        DevnetSettings settings = DevnetConfig.fromConfig(conf);
        ChainSpec generated =
                DevnetChainSpec.of(
                        settings.chain(), new BlockGenerator(settings.chain()).genesis().header());

        assertThat(ChainSpecConfig.load(conf)).isEqualTo(generated);
        // and the rendering the devnet prints reads back as the same spec
        assertThat(
                        ChainSpecConfig.load(
                                ConfigFactory.parseString(DevnetChainSpec.toJson(generated))))
                .isEqualTo(generated);
        assertThat(generated.forkIdAt(0, generated.genesisTimestamp()).next())
                .as("no fork after genesis")
                .isZero();
    }

    @Test
    void devnetConfStaticPeersAreTheDevnetsEnodes() {
        Config conf = devnetConf();
        DevnetSettings settings = DevnetConfig.fromConfig(conf);
        List<Enode> expected =
                IntStream.range(0, settings.peers())
                        .mapToObj(
                                i ->
                                        new Enode(
                                                DevnetPeer.nodeKey(settings.chain().seed(), i)
                                                        .nodeId(),
                                                settings.listenHost(),
                                                settings.basePort() + i))
                        .toList();
        assertThat(P2pSettings.fromConfig(conf).staticPeers()).isEqualTo(expected);
    }
}
