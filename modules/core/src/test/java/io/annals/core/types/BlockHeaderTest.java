package io.annals.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.Rlp;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.testing.RandomChain;
import io.annals.core.util.Hex;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlockHeaderTest {

    @ParameterizedTest
    @EnumSource(HeaderFormat.class)
    void everyLayoutCarriesExactlyItsForkFields(HeaderFormat format) {
        BlockHeader h = new RandomChain(format.ordinal()).header(format);
        assertThat(h.format()).isEqualTo(format);
        assertThat(h.fieldCount()).isEqualTo(format.fieldCount());
        assertThat(RlpReader.list(h.encoding()))
                .satisfies(
                        r -> {
                            int n = 0;
                            while (r.hasNext()) {
                                r.skip();
                                n++;
                            }
                            assertThat(n).isEqualTo(format.fieldCount());
                        });
        assertThat(h.baseFeePerGas().isPresent()).isEqualTo(format.fieldCount() >= 16);
        assertThat(h.withdrawalsRoot().isPresent()).isEqualTo(format.fieldCount() >= 17);
        assertThat(h.blobGasUsed().isPresent()).isEqualTo(format.fieldCount() >= 20);
        assertThat(h.excessBlobGas().isPresent()).isEqualTo(format.fieldCount() >= 20);
        assertThat(h.parentBeaconBlockRoot().isPresent()).isEqualTo(format.fieldCount() >= 20);
        assertThat(h.requestsHash().isPresent()).isEqualTo(format.fieldCount() >= 21);
        assertThat(h.blockAccessListHash().isPresent()).isEqualTo(format.fieldCount() >= 22);
        assertThat(h.hash()).isEqualTo(Keccak256.hashOf(h.encoding()));
    }

    @Test
    void accessorsReturnWhatTheBuilderWasGiven() {
        BlockHeader h =
                BlockHeader.builder()
                        .parentHash(Hash.fromHex("0x" + "01".repeat(32)))
                        .ommersHash(Hash.fromHex("0x" + "02".repeat(32)))
                        .beneficiary(Address.fromHex("0x" + "03".repeat(20)))
                        .stateRoot(Hash.fromHex("0x" + "04".repeat(32)))
                        .transactionsRoot(Hash.fromHex("0x" + "05".repeat(32)))
                        .receiptsRoot(Hash.fromHex("0x" + "06".repeat(32)))
                        .logsBloom(LogsBloom.fromHex("0x" + "07".repeat(256)))
                        .difficulty(BigInteger.TWO.pow(200))
                        .number(-1L)
                        .gasLimit(30_000_000)
                        .gasUsed(12_345)
                        .timestamp(1_700_000_000L)
                        .extraData(new byte[] {9, 9})
                        .mixHash(Hash.fromHex("0x" + "0a".repeat(32)))
                        .nonce(0x42)
                        .baseFeePerGas(BigInteger.TEN)
                        .withdrawalsRoot(TrieRootOfNothing.ROOT)
                        .blobGasUsed(131_072L)
                        .excessBlobGas(0L)
                        .parentBeaconBlockRoot(Hash.fromHex("0x" + "0b".repeat(32)))
                        .requestsHash(Hash.fromHex("0x" + "0c".repeat(32)))
                        .blockAccessListHash(Hash.fromHex("0x" + "0d".repeat(32)))
                        .build();
        BlockHeader decoded = BlockHeader.decode(h.encoding());
        assertThat(decoded.parentHash().toHex()).isEqualTo("0x" + "01".repeat(32));
        assertThat(decoded.ommersHash().toHex()).isEqualTo("0x" + "02".repeat(32));
        assertThat(decoded.beneficiary().toHex()).isEqualTo("0x" + "03".repeat(20));
        assertThat(decoded.stateRoot().toHex()).isEqualTo("0x" + "04".repeat(32));
        assertThat(decoded.transactionsRoot().toHex()).isEqualTo("0x" + "05".repeat(32));
        assertThat(decoded.receiptsRoot().toHex()).isEqualTo("0x" + "06".repeat(32));
        assertThat(decoded.logsBloom().toString()).isEqualTo("0x" + "07".repeat(256));
        assertThat(decoded.difficulty()).isEqualTo(BigInteger.TWO.pow(200));
        assertThat(Long.toUnsignedString(decoded.number())).isEqualTo("18446744073709551615");
        assertThat(decoded.gasLimit()).isEqualTo(30_000_000);
        assertThat(decoded.gasUsed()).isEqualTo(12_345);
        assertThat(decoded.timestamp()).isEqualTo(1_700_000_000L);
        assertThat(decoded.extraData()).containsExactly(9, 9);
        assertThat(decoded.mixHash().toHex()).isEqualTo("0x" + "0a".repeat(32));
        assertThat(decoded.nonce()).isEqualTo(0x42);
        assertThat(decoded.baseFeePerGas()).contains(BigInteger.TEN);
        assertThat(decoded.withdrawalsRoot()).contains(TrieRootOfNothing.ROOT);
        assertThat(decoded.blobGasUsed()).hasValue(131_072L);
        assertThat(decoded.excessBlobGas()).hasValue(0L);
        assertThat(decoded.parentBeaconBlockRoot().orElseThrow().toHex())
                .isEqualTo("0x" + "0b".repeat(32));
        assertThat(decoded.requestsHash().orElseThrow().toHex()).isEqualTo("0x" + "0c".repeat(32));
        assertThat(decoded.blockAccessListHash().orElseThrow().toHex())
                .isEqualTo("0x" + "0d".repeat(32));
        assertThat(decoded).isEqualTo(h);
    }

    /** A future fork appends fields: they must not break decoding, hashing or re-encoding. */
    @Test
    void keepsUnknownTrailingFieldsRaw() {
        byte[] prague = MainnetBlocks.PRAGUE.headerRlp();
        RlpReader fields = RlpReader.list(prague);
        RlpWriter w = new RlpWriter();
        int mark = w.startList();
        while (fields.hasNext()) {
            w.writeRaw(fields.readRawSlice());
        }
        w.writeHash(Hash.fromHex("0x" + "ee".repeat(32))); // blockAccessListHash
        w.writeLong(123_456); // a field of a fork after Amsterdam
        w.writeRaw(Rlp.encodeList(Rlp.encodeLong(1), Rlp.encodeBytes(new byte[40])));
        byte[] future = w.endList(mark).toByteArray();

        BlockHeader h = BlockHeader.decode(future);
        assertThat(h.format()).isEqualTo(HeaderFormat.AMSTERDAM);
        assertThat(h.fieldCount()).isEqualTo(24);
        assertThat(h.unknownFields()).hasSize(2);
        assertThat(h.unknownFields().get(0).toArray()).isEqualTo(Rlp.encodeLong(123_456));
        assertThat(h.hash()).isEqualTo(Keccak256.hashOf(future));
        assertThat(h.encoding()).isEqualTo(future);
        assertThat(h.toBuilder().build().encoding()).isEqualTo(future);
        assertThat(h.number()).isEqualTo(MainnetBlocks.PRAGUE.number());
    }

    @Test
    void rejectsHeadersWithoutAValidLayout() {
        byte[] cancun = MainnetBlocks.CANCUN.headerRlp();
        for (int keep : new int[] {14, 18, 19}) {
            RlpReader fields = RlpReader.list(cancun);
            RlpWriter w = new RlpWriter();
            int mark = w.startList();
            for (int i = 0; i < keep; i++) {
                w.writeRaw(fields.readRawSlice());
            }
            byte[] truncated = w.endList(mark).toByteArray();
            assertThatThrownBy(() -> BlockHeader.decode(truncated))
                    .as("%d fields", keep)
                    .isInstanceOf(RlpException.class);
        }
    }

    @Test
    void rejectsWrongFieldSizes() {
        BlockHeader h = new RandomChain(1).header(HeaderFormat.LONDON);
        RlpReader fields = RlpReader.list(h.encoding());
        RlpWriter w = new RlpWriter();
        int mark = w.startList();
        w.writeBytes(new byte[31]); // parentHash one byte short
        fields.skip();
        while (fields.hasNext()) {
            w.writeRaw(fields.readRawSlice());
        }
        byte[] bad = w.endList(mark).toByteArray();
        assertThatThrownBy(() -> BlockHeader.decode(bad))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void builderRefusesForkFieldsOutOfOrder() {
        assertThatThrownBy(() -> BlockHeader.builder().withdrawalsRoot(Hash.ZERO).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                        () ->
                                BlockHeader.builder()
                                        .baseFeePerGas(BigInteger.ONE)
                                        .withdrawalsRoot(Hash.ZERO)
                                        .blobGasUsed(1L)
                                        .build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void mainnetGenesisHashesToTheKnownGenesisHash() {
        // the mainnet genesis header (yellow paper, section 4.3.4 and the mainnet genesis spec)
        BlockHeader genesis =
                BlockHeader.builder()
                        .ommersHash(
                                Hash.fromHex(
                                        "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"))
                        .stateRoot(
                                Hash.fromHex(
                                        "0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544"))
                        .transactionsRoot(TrieRootOfNothing.ROOT)
                        .receiptsRoot(TrieRootOfNothing.ROOT)
                        .difficulty(BigInteger.valueOf(17_179_869_184L))
                        .gasLimit(5000)
                        .extraData(
                                Hex.decode(
                                        "11bbe8db4e347b4e8c937c1c8370e4b5ed33adb3db69cbdb7a38e1e50b1b82fa"))
                        .nonce(0x42)
                        .build();
        assertThat(genesis.hash())
                .isEqualTo(
                        Hash.fromHex(
                                "0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"));
    }

    /** The root of an empty trie, spelled out so these tests do not depend on the trie package. */
    private static final class TrieRootOfNothing {
        static final Hash ROOT =
                Hash.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    }
}
