package io.annals.core.trie;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.Rlp;
import io.annals.core.types.Hash;
import io.annals.core.util.Hex;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The arena's RLP agrees with {@link Rlp}; a short child is copied into its parent and a long one
 * hashed into its parent's slot, level by level.
 */
class NodeArenaTest {

    @Test
    void stringsAndListsOfEveryHeaderSizeMatchRlp() {
        Random random = new Random(11);
        for (int length : new int[] {1, 2, 31, 32, 55, 56, 255, 256, 65_535, 65_536, 70_000}) {
            byte[] a = bytes(random, length);
            byte[] b = bytes(random, 1 + random.nextInt(40));
            NodeArena arena = new NodeArena();
            arena.reset(16);
            int start = arena.beginList(NodeArena.stringLength(a) + 1 + NodeArena.stringLength(b));
            arena.writeString(a);
            arena.writeEmptyString();
            arena.writeString(b);
            int node = arena.endNode(start, 0);
            byte[] expected =
                    Rlp.encodeList(Rlp.encodeBytes(a), Rlp.EMPTY_STRING, Rlp.encodeBytes(b));
            assertThat(arena.encodingOf(node)).as("length %d", length).isEqualTo(expected);
            assertThat(arena.hashFrom(node)).isEqualTo(Keccak256.hashOf(expected));
        }
    }

    @Test
    void aSingleByteBelowTheStringPrefixIsItsOwnEncoding() {
        NodeArena arena = new NodeArena();
        arena.reset(16);
        byte[] low = {0x7f};
        byte[] high = {(byte) 0x80};
        int start = arena.beginList(NodeArena.stringLength(low) + NodeArena.stringLength(high));
        arena.writeString(low);
        arena.writeString(high);
        int node = arena.endNode(start, 0);
        assertThat(arena.hashFrom(node)).isEqualTo(Keccak256.hashOf(Hex.decode("c37f8180")));
    }

    @Test
    void aShortChildIsEmbeddedAndALongOneHashedWhereItsParentWantsIt() {
        for (int childLength : new int[] {1, 30, 31, 32, 33, 200}) {
            byte[] childValue = new byte[childLength];
            childValue[0] = (byte) 0x90;
            byte[] child = Rlp.encodeList(Rlp.encodeBytes(childValue));
            byte[] reference =
                    child.length < Hash.SIZE ? child : Rlp.encodeBytes(Keccak256.hash(child));

            NodeArena arena = new NodeArena();
            arena.reset(16);
            int childStart = arena.beginList(NodeArena.stringLength(childValue));
            arena.writeString(childValue);
            int childNode = arena.endNode(childStart, 0);
            assertThat(arena.referenceLength(childNode)).isEqualTo(reference.length);
            int parentStart = arena.beginList(1 + arena.referenceLength(childNode));
            arena.writeEmptyString();
            arena.writeReference(childNode);
            int parent = arena.endNode(parentStart, arena.levelAbove(childNode));
            assertThat(arena.hashFrom(parent))
                    .as("child of %d bytes", child.length)
                    .isEqualTo(Keccak256.hashOf(Rlp.encodeList(Rlp.EMPTY_STRING, reference)));
        }
    }

    @Test
    void aReusedArenaForgetsTheNodesOfTheRootBefore() {
        NodeArena arena = new NodeArena();
        Random random = new Random(12);
        for (int round = 0; round < 20; round++) {
            arena.reset(1);
            byte[][] values = new byte[1 + random.nextInt(20)][];
            int[] children = new int[values.length];
            int payload = 0;
            int level = 0;
            for (int i = 0; i < values.length; i++) {
                values[i] = bytes(random, 1 + random.nextInt(100));
                int start = arena.beginList(NodeArena.stringLength(values[i]));
                arena.writeString(values[i]);
                children[i] = arena.endNode(start, 0);
                payload += arena.referenceLength(children[i]);
                level = Math.max(level, arena.levelAbove(children[i]));
            }
            int start = arena.beginList(payload);
            byte[][] references = new byte[values.length][];
            for (int i = 0; i < values.length; i++) {
                arena.writeReference(children[i]);
                byte[] child = Rlp.encodeList(Rlp.encodeBytes(values[i]));
                references[i] =
                        child.length < Hash.SIZE ? child : Rlp.encodeBytes(Keccak256.hash(child));
            }
            int root = arena.endNode(start, level);
            assertThat(arena.hashFrom(root))
                    .as("round %d", round)
                    .isEqualTo(Keccak256.hashOf(Rlp.encodeList(references)));
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
