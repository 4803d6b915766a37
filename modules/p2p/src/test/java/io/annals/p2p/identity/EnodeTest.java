package io.annals.p2p.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnodeTest {
    // a mainnet bootnode as listed by go-ethereum (params/bootnodes.go)
    private static final String ID =
            "d860a01f9722d78051619d1e2351aba3f43f943f6f00718d1b9baa4101932a1f"
                    + "5011f16bb2b1bb35db20d6fe28fa0bf09636d26a87d31de9ec6203eeedb1f666";

    @Test
    void parsesAndPrintsTheUrl() {
        Enode enode = Enode.parse("enode://" + ID + "@18.138.108.67:30303");

        assertThat(enode.nodeIdHex()).isEqualTo(ID);
        assertThat(enode.host()).isEqualTo("18.138.108.67");
        assertThat(enode.tcpPort()).isEqualTo(30303);
        assertThat(enode.discoveryPort()).isEqualTo(30303);
        assertThat(enode).hasToString("enode://" + ID + "@18.138.108.67:30303");
    }

    @Test
    void discoveryPortAndIpv6() {
        Enode enode = Enode.parse("enode://" + ID + "@[::1]:30303?discport=30301");

        assertThat(enode.host()).isEqualTo("::1");
        assertThat(enode.discoveryPort()).isEqualTo(30301);
        assertThat(Enode.parse(enode.toString())).isEqualTo(enode);
        assertThat(enode.toString()).endsWith("@[::1]:30303?discport=30301");
    }

    @Test
    void badUrlsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Enode.parse("enr://" + ID + "@1.2.3.4:1"))
                .hasMessageContaining("enode://");
        assertThatThrownBy(() -> Enode.parse("enode://abcd@1.2.3.4:1"))
                .hasMessageContaining("128 hex");
        assertThatThrownBy(() -> Enode.parse("enode://" + ID + "@1.2.3.4"))
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> Enode.parse("enode://" + "00".repeat(64) + "@1.2.3.4:1"))
                .hasMessageContaining("public key");
    }
}
