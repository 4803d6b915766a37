package io.annals.core.era;

import io.annals.core.chain.ChainSpec;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.HeaderFormat;
import io.annals.core.types.Receipts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;

/** Era files of random chains written in memory, and in-memory channels to read them. */
final class EraTestFiles {
    /** A chain with no merge and no known roots: only the files' own checks apply. */
    static final ChainSpec CHAIN =
            new ChainSpec("test", 1337, 1337, Hash.ZERO, 0, List.of(), Optional.empty());

    static final BigInteger INITIAL_TD = BigInteger.valueOf(1_000_000);

    private EraTestFiles() {}

    /** Random proof-of-work blocks of {@code format}, with small difficulties and linked. */
    static List<RandomChain.GeneratedBlock> chain(long seed, int blocks, HeaderFormat format) {
        return relinked(new RandomChain(seed).chain(blocks, format, 6), blocks);
    }

    /** The blocks' total difficulties, from {@link #INITIAL_TD}. */
    static BigInteger[] totalDifficulties(List<RandomChain.GeneratedBlock> blocks) {
        BigInteger[] out = new BigInteger[blocks.size()];
        BigInteger td = INITIAL_TD;
        for (int i = 0; i < out.length; i++) {
            td = td.add(blocks.get(i).header().difficulty());
            out[i] = td;
        }
        return out;
    }

    static byte[] era1(List<RandomChain.GeneratedBlock> blocks) {
        BigInteger[] tds = totalDifficulties(blocks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Era1Writer writer = new Era1Writer(out);
        try {
            for (int i = 0; i < blocks.size(); i++) {
                RandomChain.GeneratedBlock b = blocks.get(i);
                writer.add(
                        b.header().number(),
                        b.header().encoding(),
                        b.header().hash(),
                        b.body().encode(),
                        Receipts.encodeEth68List(b.receipts()),
                        tds[i]);
            }
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * An eraE file of {@code blocks}; those from {@code firstProofOfStake} on (an index) carry no
     * total difficulty.
     */
    static byte[] eraE(List<RandomChain.GeneratedBlock> blocks, int firstProofOfStake) {
        BigInteger[] tds = totalDifficulties(blocks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            EraEWriter.write(
                    out,
                    new EpochContent() {
                        @Override
                        public long startBlock() {
                            return blocks.get(0).header().number();
                        }

                        @Override
                        public int blockCount() {
                            return blocks.size();
                        }

                        @Override
                        public byte[] header(int index) {
                            return blocks.get(index).header().encoding();
                        }

                        @Override
                        public Hash hash(int index) {
                            return blocks.get(index).header().hash();
                        }

                        @Override
                        public byte[] body(int index) {
                            return blocks.get(index).body().encode();
                        }

                        @Override
                        public byte[] slimReceipts(int index) {
                            return Receipts.encodeEth69List(blocks.get(index).receipts());
                        }

                        @Override
                        public Optional<BigInteger> totalDifficulty(int index) {
                            return index < firstProofOfStake
                                    ? Optional.of(tds[index])
                                    : Optional.empty();
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Random blocks whose difficulty is zero from index {@code firstProofOfStake} on. */
    static List<RandomChain.GeneratedBlock> mergingChain(
            long seed, int blocks, int firstProofOfStake) {
        return relinked(
                new RandomChain(seed).chain(blocks, HeaderFormat.LONDON, 4), firstProofOfStake);
    }

    /**
     * The blocks with difficulty {@code 131072 + i} below index {@code firstProofOfStake} and zero
     * from it on, each header's parent hash rewritten to the new hash of the one before.
     */
    private static List<RandomChain.GeneratedBlock> relinked(
            List<RandomChain.GeneratedBlock> blocks, int firstProofOfStake) {
        List<RandomChain.GeneratedBlock> out = new java.util.ArrayList<>();
        BlockHeader parent = null;
        for (int i = 0; i < blocks.size(); i++) {
            RandomChain.GeneratedBlock block = blocks.get(i);
            BigInteger difficulty =
                    i < firstProofOfStake ? BigInteger.valueOf(131_072 + i) : BigInteger.ZERO;
            var fields = block.header().toBuilder().difficulty(difficulty);
            if (parent != null) {
                fields.parentHash(parent.hash());
            }
            BlockHeader header = fields.build();
            out.add(new RandomChain.GeneratedBlock(header, block.body(), block.receipts()));
            parent = header;
        }
        return out;
    }

    static EraFile open(byte[] file, EraKind kind) {
        return EraFiles.open(new MemoryChannel(file), kind, EraLimits.DEFAULT);
    }

    /** Little-endian uint64 at {@code offset}, rewritten. */
    static void putLong(byte[] file, int offset, long value) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value);
    }

    static long getLong(byte[] file, int offset) {
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    /** A read-only channel over bytes. */
    static final class MemoryChannel implements SeekableByteChannel {
        private final byte[] data;
        private long position;

        MemoryChannel(byte[] data) {
            this.data = data;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), data.length - position);
            dst.put(data, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
