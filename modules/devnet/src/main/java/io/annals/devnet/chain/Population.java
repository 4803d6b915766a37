package io.annals.devnet.chain;

import io.annals.core.types.Address;
import java.nio.charset.StandardCharsets;

/**
 * Who takes part in the generated chain, with mainnet-like repetition: 20,000 contracts drawn by a
 * Zipf law (a few tokens and routers take most calls and logs), each emitting one to three events
 * from a pool whose head is the real popular events (ERC-20 Transfer first); two million accounts,
 * also Zipf-distributed, so the log index and the blooms see a few hot values and a long tail;
 * function selectors, block builders and withdrawal recipients. Built once per seed; immutable and
 * safe to share between threads. Bloom bit positions of every contract (as a log address and as an
 * indexed topic) and every event topic are computed here once.
 */
final class Population {
    static final int CONTRACTS = 20_000;
    static final int SYNTHETIC_EVENTS = 2_000;
    static final int ACCOUNTS = 2_000_000;
    static final int SELECTORS = 1_000;
    static final int WITHDRAWAL_RECIPIENTS = 50_000;

    /** Builder tags as they appear in extraData, with their fee recipients drawn from the seed. */
    private static final String[] BUILDER_TAGS = {
        "beaverbuild.org", "Titan (titanbuilder.xyz)", "BuilderNet (Flashbots)",
                "rsync-builder.xyz",
        "quasar.win", "Geth/v1.15.11-stable/linux-amd64/go1.24.2", "bloXroute Max Profit",
                "Nethermind v1.31.10",
    };

    final Address[] contracts = new Address[CONTRACTS];
    final long[] contractAddressBloom = new long[CONTRACTS];
    final long[] contractTopicBloom = new long[CONTRACTS];
    final int[][] contractEvents = new int[CONTRACTS][];
    final EventKind[] events;
    final byte[][] selectors = new byte[SELECTORS][];
    final byte[][] builderTags = new byte[BUILDER_TAGS.length][];
    final Address[] builderRecipients = new Address[BUILDER_TAGS.length];
    final Address[] withdrawalRecipients = new Address[WITHDRAWAL_RECIPIENTS];

    final Zipf contractPick = new Zipf(CONTRACTS, 1.2);
    final Zipf eventPick;
    final Zipf accountPick = new Zipf(ACCOUNTS, 1.05);
    final Zipf selectorPick = new Zipf(SELECTORS, 1.1);
    final Zipf builderPick = new Zipf(BUILDER_TAGS.length, 1.0);
    final Zipf withdrawalPick = new Zipf(WITHDRAWAL_RECIPIENTS, 0.8);

    private final long accountSalt;

    Population(long seed) {
        SplitMix random = SplitMix.of(seed, 0x706f70L);
        this.accountSalt = random.nextLong();
        EventKind[] popular = EventKind.popular();
        events = new EventKind[popular.length + SYNTHETIC_EVENTS];
        System.arraycopy(popular, 0, events, 0, popular.length);
        for (int i = popular.length; i < events.length; i++) {
            int indexed = random.nextInt(4);
            events[i] =
                    EventKind.of(
                            "Event" + i + "_" + random.nextLong() + "()",
                            indexed,
                            random.nextInt(indexed + 1),
                            random.nextInt(100) < 15 ? 0 : 1 + random.nextInt(4));
        }
        eventPick = new Zipf(events.length, 1.3);
        for (int i = 0; i < CONTRACTS; i++) {
            contracts[i] = Address.wrap(random.nextBytes(Address.SIZE));
            contractAddressBloom[i] = BloomBits.positions(contracts[i].unsafeArray());
            contractTopicBloom[i] = BloomBits.positions(padded(contracts[i].unsafeArray()));
            int[] emitted = new int[1 + random.nextInt(3)];
            for (int e = 0; e < emitted.length; e++) {
                emitted[e] = eventPick.draw(random);
            }
            contractEvents[i] = emitted;
        }
        for (int i = 0; i < SELECTORS; i++) {
            selectors[i] = random.nextBytes(4);
        }
        for (int i = 0; i < BUILDER_TAGS.length; i++) {
            builderTags[i] = BUILDER_TAGS[i].getBytes(StandardCharsets.US_ASCII);
            builderRecipients[i] = Address.wrap(random.nextBytes(Address.SIZE));
        }
        for (int i = 0; i < WITHDRAWAL_RECIPIENTS; i++) {
            withdrawalRecipients[i] = Address.wrap(random.nextBytes(Address.SIZE));
        }
    }

    /**
     * Writes the 20-byte address of account {@code rank} at {@code offset}: a pure function of the
     * seed and rank.
     */
    void account(int rank, byte[] out, int offset) {
        long a = SplitMix.mix(accountSalt + rank * 0x9E3779B97F4A7C15L);
        long b = SplitMix.mix(a ^ 0x632BE59BD9B4E019L);
        long c = SplitMix.mix(b ^ 0x8CB92BA72F3D8DD7L);
        for (int i = 0; i < 8; i++) {
            out[offset + i] = (byte) (a >>> (8 * i));
            out[offset + 8 + i] = (byte) (b >>> (8 * i));
        }
        for (int i = 0; i < 4; i++) {
            out[offset + 16 + i] = (byte) (c >>> (8 * i));
        }
    }

    static byte[] padded(byte[] address) {
        byte[] word = new byte[32];
        System.arraycopy(address, 0, word, 32 - address.length, address.length);
        return word;
    }
}
