package io.annals.core.trie;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.Rlp;
import io.annals.core.types.Hash;
import io.annals.core.util.Hex;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The node buffer's RLP agrees with {@link Rlp}, and a child's reference replaces it in place. */
class NodeBufferTest {

    @Test
    void stringsAndListsOfEveryHeaderSizeMatchRlp() {
        Random random = new Random(11);
        for (int length : new int[] {1, 2, 31, 32, 55, 56, 255, 256, 65_535, 65_536, 70_000}) {
            byte[] a = bytes(random, length);
            byte[] b = bytes(random, 1 + random.nextInt(40));
            NodeBuffer buffer = new NodeBuffer(16);
            int mark = buffer.startList();
            buffer.writeString(a);
            buffer.writeEmptyString();
            buffer.writeString(b);
            int start = buffer.endList(mark);
            byte[] expected =
                    Rlp.encodeList(Rlp.encodeBytes(a), Rlp.EMPTY_STRING, Rlp.encodeBytes(b));
            assertThat(buffer.size() - start).as("length %d", length).isEqualTo(expected.length);
            assertThat(buffer.hash(start)).isEqualTo(Keccak256.hashOf(expected));
        }
    }

    @Test
    void aSingleByteBelowTheStringPrefixIsItsOwnEncoding() {
        NodeBuffer buffer = new NodeBuffer(16);
        int mark = buffer.startList();
        buffer.writeString(new byte[] {0x7f});
        buffer.writeString(new byte[] {(byte) 0x80});
        int start = buffer.endList(mark);
        assertThat(buffer.hash(start)).isEqualTo(Keccak256.hashOf(Hex.decode("c37f8180")));
    }

    @Test
    void aShortChildIsEmbeddedAndALongOneHashedWhereItsParentWantsIt() {
        for (int childLength : new int[] {1, 30, 31, 32, 33, 200}) {
            byte[] childValue = new byte[childLength];
            childValue[0] = (byte) 0x90;
            byte[] child = Rlp.encodeList(Rlp.encodeBytes(childValue));
            byte[] reference =
                    child.length < Hash.SIZE ? child : Rlp.encodeBytes(Keccak256.hash(child));

            NodeBuffer buffer = new NodeBuffer(16);
            int parent = buffer.startList();
            buffer.writeEmptyString();
            int at = buffer.size();
            int childMark = buffer.startList();
            buffer.writeString(childValue);
            buffer.replaceWithReference(at, buffer.endList(childMark));
            assertThat(buffer.size()).isEqualTo(at + reference.length);
            int start = buffer.endList(parent);
            assertThat(buffer.hash(start))
                    .as("child of %d bytes", child.length)
                    .isEqualTo(Keccak256.hashOf(Rlp.encodeList(Rlp.EMPTY_STRING, reference)));
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
