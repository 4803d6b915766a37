package io.annals.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.Rlp;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.testing.RandomChain;
import io.annals.core.util.ByteSlice;
import io.annals.core.util.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionEnvelopeTest {

    /** A type from a future fork still has a type, bytes, a hash and a place in the trie. */
    @Test
    void anUnknownTypeKeepsItsEnvelopeHashAndRootButHasNoFields() {
        byte[] future =
                Bytes.concat(
                        new byte[] {0x05},
                        Rlp.encodeList(Rlp.encodeLong(1), Rlp.encodeBytes(new byte[3])));
        List<Transaction> list = Transactions.decodeList(Rlp.encodeList(Rlp.encodeBytes(future)));
        Transaction tx = list.get(0);
        assertThat(tx.type()).isEqualTo(5);
        assertThat(tx.knownType()).isEmpty();
        assertThat(tx.hash()).isEqualTo(Keccak256.hashOf(future));
        assertThat(Transactions.encodeList(list))
                .isEqualTo(Rlp.encodeList(Rlp.encodeBytes(future)));
        assertThat(Transactions.root(list)).isNotNull();
        assertThatThrownBy(tx::fields)
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("unknown transaction type");
        assertThatThrownBy(tx::sender).isInstanceOf(RlpException.class);
    }

    /**
     * Blocks carry the plain blob transaction; the pool's network form wraps it with the sidecar.
     */
    @Test
    void theBlobNetworkFormIsNotABlockTransaction() {
        Transaction plain = new RandomChain(11).transaction(TransactionType.BLOB);
        byte[] payload = RlpReader.of(plain.encoding(), 1, plain.encoding().length - 1).readRaw();
        RlpWriter w = new RlpWriter();
        w.writeRaw(new byte[] {0x03});
        int mark = w.startList();
        w.writeRaw(payload);
        w.writeRaw(Rlp.encodeList(Rlp.encodeBytes(new byte[64]))); // blobs
        w.writeRaw(Rlp.encodeList(Rlp.encodeBytes(new byte[48]))); // commitments
        w.writeRaw(Rlp.encodeList(Rlp.encodeBytes(new byte[48]))); // proofs
        w.endList(mark);
        Transaction network = Transaction.decode(w.toByteArray());
        assertThatThrownBy(network::fields).isInstanceOf(RlpException.class);
        assertThat(network.hash()).isNotEqualTo(plain.hash());
    }

    @Test
    void bodyListsRejectAStringThatHoldsALegacyTransaction() {
        Transaction legacy = MainnetBlocks.BYZANTIUM.body().transactions().get(0);
        byte[] wrapped = Rlp.encodeList(Rlp.encodeBytes(legacy.encoding()));
        assertThatThrownBy(() -> Transactions.decodeList(wrapped))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("typed envelope");
    }

    @Test
    void legacyFieldsExposeTheEip155ChainIdOnlyWhenPresent() {
        List<Transaction> txs = MainnetBlocks.BYZANTIUM.body().transactions();
        LegacyTransaction preEip155 = (LegacyTransaction) txs.get(7).fields();
        assertThat(preEip155.chainId()).isEmpty();
        assertThat(preEip155.v().intValue()).isIn(27, 28);
        LegacyTransaction eip155 = (LegacyTransaction) txs.get(0).fields();
        assertThat(eip155.chainId()).hasValue(1);
        assertThat(eip155.v().intValue()).isIn(37, 38);
    }

    @Test
    void blobAndSetCodeFieldsAreExposed() {
        BlobTransaction blob =
                (BlobTransaction) MainnetBlocks.CANCUN.body().transactions().get(140).fields();
        assertThat(blob.blobVersionedHashes())
                .isNotEmpty()
                .allSatisfy(
                        h ->
                                assertThat(h.unsafeArray()[0])
                                        .isEqualTo((byte) 0x01)); // KZG version byte
        assertThat(blob.maxFeePerBlobGas().signum()).isPositive();
        assertThat(blob.to())
                .isEqualTo(Address.fromHex("0xff00000000000000000000000000000000000010"));

        SetCodeTransaction setCode =
                (SetCodeTransaction)
                        MainnetBlocks.PRAGUE_SET_CODE.body().transactions().get(24).fields();
        assertThat(setCode.authorizationList()).hasSize(1);
        Authorization auth = setCode.authorizationList().get(0);
        assertThat(auth.chainId()).isIn(java.math.BigInteger.ZERO, java.math.BigInteger.ONE);
        assertThat(auth.yParity()).isBetween(0, 1);
    }

    /**
     * Hashing many at a time gives each transaction its own Keccak, and keeps ones hashed before.
     */
    @Test
    void hashAllMemoisesTheKeccakOfEveryEncoding() {
        RandomChain chain = new RandomChain(12);
        List<Transaction> transactions = new java.util.ArrayList<>();
        for (MainnetBlock block : MainnetBlocks.all()) {
            transactions.addAll(block.body().transactions());
        }
        for (int i = 0; i < 200; i++) {
            transactions.add(
                    chain.transaction(
                            TransactionType.values()[i % TransactionType.values().length]));
        }
        Hash first = transactions.get(0).hash();
        Transactions.hashAll(transactions);
        assertThat(transactions.get(0).hash()).isSameAs(first);
        for (Transaction transaction : transactions) {
            assertThat(transaction.hasHash()).isTrue();
            assertThat(transaction.hash()).isEqualTo(Keccak256.hashOf(transaction.encoding()));
        }
    }

    /**
     * A body's transactions are views of the body's bytes: each has the envelope, hash, fields and
     * place in the trie of a transaction decoded from its own copy, and writes the body back.
     */
    @Test
    void transactionsReadFromABodyAreViewsThatBehaveAsCopies() {
        for (MainnetBlock block : MainnetBlocks.all()) {
            byte[] body = block.bodyRlp();
            List<Transaction> views = BlockBody.decode(body).transactions();
            List<Transaction> copies = new java.util.ArrayList<>();
            for (Transaction view : views) {
                ByteSlice slice = view.encodingSlice();
                assertThat(slice.array()).isSameAs(body);
                Transaction copy = Transaction.decode(view.encoding());
                copies.add(copy);
                assertThat(copy.encodingSlice().array()).isNotSameAs(body);
                assertThat(view).isEqualTo(copy).hasSameHashCodeAs(copy);
                assertThat(view.encodedLength()).isEqualTo(slice.length());
                assertThat(view.type()).isEqualTo(copy.type());
                assertThat(view.hash()).isEqualTo(Keccak256.hashOf(copy.encoding()));
                assertThat(view.fields().toTransaction()).isEqualTo(copy);
            }
            assertThat(Transactions.root(views)).isEqualTo(Transactions.root(copies));
            assertThat(Transactions.encodeList(views)).isEqualTo(Transactions.encodeList(copies));
            Transaction first = views.get(0);
            assertThat(TransactionSigner.signingHash(first))
                    .isEqualTo(TransactionSigner.signingHash(copies.get(0)));
        }
    }

    /** Decoding an array keeps a copy: the caller may reuse its array. */
    @Test
    void decodingAnArrayKeepsACopy() {
        Transaction original = new RandomChain(13).transaction(TransactionType.DYNAMIC_FEE);
        byte[] bytes = original.encoding();
        Transaction decoded = Transaction.decode(bytes);
        java.util.Arrays.fill(bytes, (byte) 0);
        assertThat(decoded).isEqualTo(original);
        assertThat(decoded.hash()).isEqualTo(original.hash());
    }
}
