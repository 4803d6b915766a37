package io.annals.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.Secp256k1;
import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.testing.RandomChain;
import io.annals.core.util.Hex;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionSenderTest {
    /** keccak("Transfer(address,address,uint256)"), the ERC-20 Transfer event topic. */
    private static final Hash TRANSFER =
            Keccak256.hashOf("Transfer(address,address,uint256)".getBytes());

    /** The selector of ERC-20 transfer(address,uint256). */
    private static final String TRANSFER_SELECTOR = "a9059cbb";

    /**
     * A direct ERC-20 transfer(to, amount) call emits Transfer(from = msg.sender = the
     * transaction's sender, to, amount): the receipt, which the block's receipts root commits to,
     * names the sender independently of the signature. Every such transaction in the fixtures must
     * recover to it.
     */
    @Test
    void recoversTheSenderThatTokenTransferLogsName() {
        Map<String, Integer> checked = new HashMap<>();
        for (MainnetBlock block : MainnetBlocks.all()) {
            List<Transaction> txs = block.body().transactions();
            List<Receipt> receipts = block.receipts();
            for (int i = 0; i < txs.size(); i++) {
                Transaction tx = txs.get(i);
                TransactionFields f = tx.fields();
                byte[] input = f.input().toArray();
                if (f.to() == null
                        || input.length != 68
                        || !Hex.encode(input, 0, 4).equals(TRANSFER_SELECTOR)) {
                    continue;
                }
                Hash recipientTopic = Hash.wrap(java.util.Arrays.copyOfRange(input, 4, 36));
                for (Log log : receipts.get(i).logs()) {
                    if (log.address().equals(f.to())
                            && log.topics().size() == 3
                            && log.topics().get(0).equals(TRANSFER)
                            && log.topics().get(2).equals(recipientTopic)) {
                        Address named = Address.copyOf(log.topics().get(1).unsafeArray(), 12);
                        assertThat(tx.sender())
                                .as("sender of %s in %s", tx.hash(), block)
                                .isEqualTo(named);
                        checked.merge(signatureForm(f), 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(checked).containsKeys("legacy pre-EIP-155", "legacy EIP-155", "type 2");
        assertThat(checked.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(20);
    }

    /**
     * Blob transactions into an OP Stack batch inbox are only accepted from the rollup's configured
     * batcher, whose address is public (OP Mainnet: the op-node rollup config and the superchain
     * registry; Base: Base's published mainnet addresses).
     */
    @Test
    void recoversRollupBatchersAsTheSendersOfBlobTransactions() {
        Map<Address, Address> batcherByInbox =
                Map.of(
                        Address.fromHex("0xff00000000000000000000000000000000000010"),
                        Address.fromHex("0x6887246668a3b87f54deb3b94ba47a6f63f32985"),
                        Address.fromHex("0xff00000000000000000000000000000000008453"),
                        Address.fromHex("0x5050f69a9786f081509234f1a7f4684b5e5b76c9"));
        int checked = 0;
        for (MainnetBlock block : MainnetBlocks.all()) {
            for (Transaction tx : block.body().transactions()) {
                if (tx.type() == 3 && batcherByInbox.containsKey(tx.fields().to())) {
                    assertThat(tx.sender())
                            .as("sender of %s", tx.hash())
                            .isEqualTo(batcherByInbox.get(tx.fields().to()));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(2);
    }

    /**
     * Tx 24 of block 22,869,878 delegates its own account: the authorization's signer, recovered
     * from a separate signature over a different digest, is the transaction's recipient and its
     * sender.
     */
    @Test
    void recoversSetCodeSendersAndAuthoritiesConsistently() {
        List<Transaction> txs = MainnetBlocks.PRAGUE_SET_CODE.body().transactions();
        SetCodeTransaction selfDelegation = (SetCodeTransaction) txs.get(24).fields();
        Authorization auth = selfDelegation.authorizationList().get(0);
        assertThat(auth.recoverAuthority()).contains(selfDelegation.to());
        assertThat(txs.get(24).sender()).isEqualTo(selfDelegation.to());

        SetCodeTransaction sponsored = (SetCodeTransaction) txs.get(266).fields();
        assertThat(sponsored.authorizationList().get(0).recoverAuthority())
                .contains(sponsored.to());
        assertThat(txs.get(266).sender()).isNotEqualTo(sponsored.to());
    }

    @Test
    void everyMainnetTransactionHasARecoverableSender() {
        for (MainnetBlock block : MainnetBlocks.all()) {
            for (Transaction tx : block.body().transactions()) {
                assertThat(tx.sender()).isNotNull();
            }
        }
    }

    /**
     * The example of EIP-155 itself: its signing data, signing hash, signed transaction and key.
     */
    @Test
    void matchesTheEip155Example() {
        byte[] privateKey =
                Hex.decode("4646464646464646464646464646464646464646464646464646464646464646");
        Transaction signed =
                Transaction.decode(
                        Hex.decode(
                                "f86c098504a817c800825208943535353535353535353535353535353535"
                                        + "353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a0"
                                        + "67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"));
        assertThat(TransactionSigner.signingHash(signed))
                .isEqualTo(
                        Hash.fromHex(
                                "daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"));
        LegacyTransaction fields = (LegacyTransaction) signed.fields();
        assertThat(fields.chainId()).hasValue(1);
        assertThat(fields.v()).isEqualTo(BigInteger.valueOf(37));
        assertThat(signed.sender())
                .isEqualTo(Secp256k1.addressOf(Secp256k1.publicKeyOf(privateKey)));

        LegacyTransaction unsigned =
                LegacyTransaction.unsigned(
                        9,
                        BigInteger.valueOf(20_000_000_000L),
                        21_000,
                        Address.fromHex("0x3535353535353535353535353535353535353535"),
                        new BigInteger("1000000000000000000"),
                        new byte[0],
                        java.util.OptionalLong.of(1));
        assertThat(TransactionSigner.sign(unsigned, privateKey)).isEqualTo(signed);
    }

    @Test
    void signsAndRecoversEveryTypeWithAndWithoutReplayProtection() {
        RandomChain chain = new RandomChain(42);
        Map<TransactionType, Integer> seen = new EnumMap<>(TransactionType.class);
        for (int i = 0; i < 40; i++) {
            byte[] key =
                    Secp256k1.generatePrivateKey(new java.security.SecureRandom(chain.bytes(32)));
            Address expected = Secp256k1.addressOf(Secp256k1.publicKeyOf(key));
            TransactionType type = TransactionType.values()[i % TransactionType.values().length];
            Transaction tx =
                    chain.signedTransaction(type, key, 1 + chain.random().nextInt(100_000));
            assertThat(tx.sender()).isEqualTo(expected);
            assertThat(Transaction.decode(tx.encoding()).sender()).isEqualTo(expected);
            seen.merge(type, 1, Integer::sum);
        }
        assertThat(seen).hasSize(TransactionType.values().length);
    }

    @Test
    void aSignatureOutOfRangeIsReportedNotCrashed() {
        RandomChain chain = new RandomChain(7);
        TransactionFields zeroSignature = chain.unsignedFields(TransactionType.DYNAMIC_FEE, 1);
        assertThatThrownBy(() -> zeroSignature.toTransaction().sender())
                .isInstanceOf(InvalidSignatureException.class);
        TransactionFields badV = chain.unsignedFields(TransactionType.LEGACY, 1);
        LegacyTransaction legacy = (LegacyTransaction) badV;
        LegacyTransaction vOf30 =
                new LegacyTransaction(
                        legacy.nonce(),
                        legacy.gasPrice(),
                        legacy.gasLimit(),
                        legacy.to(),
                        legacy.value(),
                        legacy.input(),
                        BigInteger.valueOf(30),
                        BigInteger.ONE,
                        BigInteger.ONE);
        assertThatThrownBy(() -> vOf30.toTransaction().sender())
                .isInstanceOf(InvalidSignatureException.class);
    }

    private static String signatureForm(TransactionFields f) {
        if (f instanceof LegacyTransaction legacy) {
            return legacy.isReplayProtected() ? "legacy EIP-155" : "legacy pre-EIP-155";
        }
        return "type " + f.type().code();
    }
}
