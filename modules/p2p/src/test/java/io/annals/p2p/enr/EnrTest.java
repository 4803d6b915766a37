package io.annals.p2p.enr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.chain.ForkId;
import io.annals.core.crypto.Secp256k1;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.Hex;
import io.annals.p2p.identity.NodeKey;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrTest {
    // EIP-778 / devp2p enr.md, "Test Vectors"
    static final String EXAMPLE =
            "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R33Ls8RRcy5wBgmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQPKY0yuDUmstAHYpMa2_oxVtw0RW_QAdpzBQA8yWM0xOIN1ZHCCdl8";
    static final byte[] EXAMPLE_KEY =
            Hex.decode("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");

    @Test
    void decodesTheEip778Example() throws Exception {
        Enr enr = Enr.fromText(EXAMPLE);

        assertThat(enr.seq()).isEqualTo(1);
        assertThat(enr.ip()).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(enr.udp()).hasValue(30303);
        assertThat(enr.tcp()).isEmpty();
        assertThat(Hex.encode(enr.nodeId()))
                .isEqualTo("a448f24c6d18e575453db13171562b71999873db5b286df957af199ec94617f7");
        assertThat(enr.publicKey()).isEqualTo(Secp256k1.publicKeyOf(EXAMPLE_KEY));
        assertThat(Hex.encode(enr.get("secp256k1").orElseThrow()))
                .isEqualTo("a103ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd3138");
        assertThat(enr.toText()).isEqualTo(EXAMPLE);
        assertThat(enr.enode()).isEmpty(); // no TCP port: not dialable
    }

    @Test
    void signingTheExampleContentGivesAnEquivalentRecord() throws Exception {
        Enr signed =
                Enr.builder()
                        .seq(1)
                        .ip(InetAddress.getByName("127.0.0.1"))
                        .udp(30303)
                        .sign(EXAMPLE_KEY);

        assertThat(signed.sameContent(Enr.fromText(EXAMPLE))).isTrue();
        assertThat(Enr.fromText(signed.toText())).isEqualTo(signed);
    }

    @Test
    void carriesTheEthForkIdAndTheEndpoint() throws Exception {
        ForkId forkId = new ForkId(0xfc64ec04, 1_150_000);
        Enr enr =
                Enr.builder()
                        .seq(7)
                        .ip(InetAddress.getByName("10.0.0.1"))
                        .tcp(30303)
                        .udp(30301)
                        .eth(forkId)
                        .sign(EXAMPLE_KEY);

        Enr back = Enr.decode(enr.encoded());
        assertThat(back.eth()).contains(forkId);
        assertThat(back.enode().orElseThrow().toString())
                .endsWith("@10.0.0.1:30303?discport=30301");
        // the eth value is [[hash, next]]: one list holding the fork id
        RlpReader entry = RlpReader.list(back.get("eth").orElseThrow());
        assertThat(ForkId.readFrom(entry)).isEqualTo(forkId);
        assertThat(entry.hasNext()).isFalse();
    }

    @Test
    void ethEntryWithAdditionalElementsIsRead() {
        RlpWriter w = new RlpWriter();
        int outer = w.startList();
        new ForkId(0x01020304, 0).writeTo(w);
        w.writeLong(99); // a future field
        w.endList(outer);
        Enr enr = Enr.builder().putRaw("eth", w.toByteArray()).sign(EXAMPLE_KEY);

        assertThat(enr.eth()).contains(new ForkId(0x01020304, 0));
    }

    @Test
    void aChangedByteBreaksTheSignature() {
        byte[] bytes = Enr.fromText(EXAMPLE).encoded();
        bytes[bytes.length - 1] ^= 1; // the udp port

        assertThatThrownBy(() -> Enr.decode(bytes))
                .isInstanceOf(EnrException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void refusesOversizedUnsortedAndForeignRecords() {
        assertThatThrownBy(() -> Enr.decode(new byte[301])).hasMessageContaining("300");
        assertThatThrownBy(() -> Enr.builder().putBytes("big", new byte[260]).sign(EXAMPLE_KEY))
                .isInstanceOf(EnrException.class)
                .hasMessageContaining("exceeds 300");
        // keys out of order: swap "ip" and "id" in a hand-built record
        RlpWriter w = new RlpWriter();
        int mark = w.startList();
        w.writeBytes(new byte[64]).writeLong(1);
        w.writeBytes("ip".getBytes()).writeBytes(new byte[] {127, 0, 0, 1});
        w.writeBytes("id".getBytes()).writeBytes("v4".getBytes());
        w.endList(mark);
        assertThatThrownBy(() -> Enr.decode(w.toByteArray())).hasMessageContaining("sorted");
        assertThatThrownBy(() -> Enr.fromText("enr:!!")).isInstanceOf(EnrException.class);
        assertThatThrownBy(() -> Enr.fromText("enode://x")).hasMessageContaining("enr:");
        assertThatThrownBy(() -> Enr.decode(Hex.decode("c3010203")))
                .isInstanceOf(EnrException.class);
        byte[] truncated = Base64.getUrlDecoder().decode(EXAMPLE.substring(4));
        assertThatThrownBy(() -> Enr.decode(java.util.Arrays.copyOf(truncated, 40)))
                .isInstanceOf(EnrException.class);
    }

    @Test
    void localRecordBumpsSeqOnlyWhenItChangesAndSurvivesRestarts(@TempDir Path dir)
            throws Exception {
        NodeKey key = NodeKey.fromPrivateKey(EXAMPLE_KEY);
        InetAddress ip = InetAddress.getByName("127.0.0.1");
        LocalNodeRecord local = LocalNodeRecord.load(key, dir);

        Enr first = local.update(ip, 30303, 30303, Optional.empty());
        assertThat(first.seq()).isEqualTo(1);
        assertThat(local.update(ip, 30303, 30303, Optional.empty())).isSameAs(first);
        Enr forked = local.update(ip, 30303, 30303, Optional.of(new ForkId(1, 0)));
        assertThat(forked.seq()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("enr")).trim()).isEqualTo(forked.toText());

        LocalNodeRecord restarted = LocalNodeRecord.load(key, dir);
        assertThat(restarted.current()).contains(forked);
        Enr moved = restarted.update(ip, 30304, 30304, Optional.of(new ForkId(1, 0)));
        assertThat(moved.seq()).isEqualTo(3);

        LocalNodeRecord otherKey =
                LocalNodeRecord.load(NodeKey.generate(new java.security.SecureRandom()), dir);
        assertThat(otherKey.current()).isEmpty();
    }
}
