package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Address;
import io.annals.rpc.eth.json.ReceiptJson;
import org.junit.jupiter.api.Test;

/**
 * {@code keccak(rlp([sender, nonce]))[12:]}: the widely published addresses deployed by
 * 0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0 at nonces 0 to 3 (Ethereum Stack Exchange, "How is the
 * address of an Ethereum contract computed?").
 */
class ContractAddressTest {

    @Test
    void matchesThePublishedAddresses() {
        Address sender = Address.fromHex("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
        assertThat(ReceiptJson.createdAddress(sender, 0).toHex())
                .isEqualTo("0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d");
        assertThat(ReceiptJson.createdAddress(sender, 1).toHex())
                .isEqualTo("0x343c43a37d37dff08ae8c4a11544c718abb4fcf8");
        assertThat(ReceiptJson.createdAddress(sender, 2).toHex())
                .isEqualTo("0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91");
        assertThat(ReceiptJson.createdAddress(sender, 3).toHex())
                .isEqualTo("0xfffd933a0bc612844eaf0c6fe3e5b8e9b6c1d19c");
    }
}
