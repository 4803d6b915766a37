package io.annals.p2p.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.p2p.CapabilityHandler;
import io.annals.p2p.RlpxSession;
import io.annals.p2p.SubProtocol;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NegotiatedCapabilitiesTest {
    private static final SubProtocol ETH = protocol(EthCapability.NAME, EthCapability.VERSIONS);
    private static final SubProtocol SNAP = protocol("snap", Set.of(1));
    private static final SubProtocol AAA = protocol("aaa", Set.of(2, 3));

    @Test
    void highestCommonEthVersionWins() {
        assertThat(version(List.of(cap("eth", 66), cap("eth", 67), cap("eth", 68)))).isEqualTo(68);
        assertThat(version(List.of(cap("eth", 68), cap("eth", 69)))).isEqualTo(69);
        assertThat(version(List.of(cap("eth", 69), cap("eth", 70), cap("eth", 71)))).isEqualTo(70);
    }

    @Test
    void nothingSharedIsEmpty() {
        NegotiatedCapabilities n =
                NegotiatedCapabilities.negotiate(
                        List.of(ETH), List.of(cap("eth", 67), cap("les", 4)));

        assertThat(n.isEmpty()).isTrue();
    }

    @Test
    void idRangesFollowTheAlphabeticOrderFromSixteen() {
        NegotiatedCapabilities n =
                NegotiatedCapabilities.negotiate(
                        List.of(SNAP, ETH, AAA),
                        List.of(
                                cap("snap", 1),
                                cap("eth", 68),
                                cap("aaa", 2),
                                cap("aaa", 3),
                                cap("les", 2)));

        assertThat(n.shared())
                .extracting(SharedCapability::name)
                .containsExactly("aaa", "eth", "snap");
        assertThat(n.byName("aaa").orElseThrow().offset()).isEqualTo(0x10);
        assertThat(n.byName("aaa").orElseThrow().version()).isEqualTo(3);
        assertThat(n.byName("eth").orElseThrow().offset()).isEqualTo(0x10 + 3);
        assertThat(n.byName("snap").orElseThrow().offset()).isEqualTo(0x10 + 3 + 0x11);
        assertThat(n.forMessageId(0x10 + 3)).map(SharedCapability::name).contains("eth");
        assertThat(n.forMessageId(0x10 + 3 + 0x10)).map(SharedCapability::name).contains("eth");
        assertThat(n.forMessageId(0x10 + 3 + 0x11)).map(SharedCapability::name).contains("snap");
        assertThat(n.forMessageId(0x10 + 3 + 0x11 + 3)).isEmpty();
    }

    @Test
    void ethMessageCountsFollowTheSpec() {
        assertThat(EthCapability.messageCount(68)).isEqualTo(0x11);
        assertThat(EthCapability.messageCount(69)).isEqualTo(0x12);
        assertThat(EthCapability.messageCount(70)).isEqualTo(0x12);
    }

    private static int version(List<Capability> remote) {
        return NegotiatedCapabilities.negotiate(List.of(ETH), remote)
                .byName("eth")
                .orElseThrow()
                .version();
    }

    private static Capability cap(String name, int version) {
        return new Capability(name, version);
    }

    private static SubProtocol protocol(String name, Set<Integer> versions) {
        return new SubProtocol() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Integer> versions() {
                return versions;
            }

            @Override
            public int messageCount(int version) {
                return name.equals(EthCapability.NAME)
                        ? EthCapability.messageCount(version)
                        : version;
            }

            @Override
            public CapabilityHandler attach(RlpxSession session, int version) {
                return (code, payload) -> {};
            }
        };
    }
}
