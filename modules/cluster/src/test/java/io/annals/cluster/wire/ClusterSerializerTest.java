package io.annals.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.cluster.directory.HeldRun;
import io.annals.cluster.directory.Holding;
import io.annals.cluster.directory.MemberCard;
import io.annals.cluster.range.RangeEntity;
import io.annals.cluster.read.ReadReply;
import io.annals.cluster.read.ReadRequest;
import io.annals.cluster.read.ReadService;
import io.annals.cluster.tip.TipState;
import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import java.io.NotSerializableException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every cluster message survives the trip through its binary form, with store values read from a
 * real store; and a damaged or hostile message fails to decode, never allocating past its size.
 */
class ClusterSerializerTest {
    private static ActorTestKit kit;
    private static ClusterSerializer serializer;

    @TempDir Path folder;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("serializer");
        serializer = new ClusterSerializer((ExtendedActorSystem) Adapter.toClassic(kit.system()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void directoryValuesAndEntityCommandsRoundTrip() throws Exception {
        Hash hash = Hash.fromHex("0x" + "cd".repeat(32));
        for (Object message :
                List.of(
                        new Holding(
                                7,
                                "ab12",
                                true,
                                List.of(new HeldRun(70, 80, hash), new HeldRun(90, 99, hash))),
                        new Holding(8, "ab12", false, List.of()),
                        new MemberCard("ab12", "pekko://annals@127.0.0.1:2551", "enode://x@y:1"),
                        new TipState(6_000, 5_936, 5_937, "ab12"),
                        new RangeEntity.Start())) {
            assertThat(roundTrip(message)).isEqualTo(message);
        }
    }

    @Test
    void readsAndTheirAnswersRoundTripWithTheStoresValues() throws Exception {
        TestChain chain = TestChain.of(93, 40, 6);
        try (HistoryStore store = StoreFixture.filled(folder, chain, 0, 39)) {
            TestProbe<ReadReply> replyTo = kit.createTestProbe();
            for (ReadRequest request :
                    List.of(
                            new ReadRequest.HeaderAt(3),
                            new ReadRequest.HashAt(4),
                            new ReadRequest.BodyAt(5),
                            new ReadRequest.TransactionHashesAt(6),
                            new ReadRequest.ReceiptsAt(7),
                            new ReadRequest.NumberOf(hash(store, 8)),
                            new ReadRequest.TransactionByHash(hash(store, 9)),
                            new ReadRequest.Logs(
                                    new LogQuery(
                                            0,
                                            39,
                                            List.of(),
                                            List.of(List.of(), List.of(hash(store, 2))),
                                            5)),
                            new ReadRequest.MissingIn(30, 60))) {
                ReadService.Read read = new ReadService.Read(request, replyTo.ref());
                assertThat(roundTrip(read)).isEqualTo(read);
            }
            int transactions = store.transactionHashes(11).orElseThrow().size();
            assertThat(transactions).as("block 11 has transactions").isPositive();
            List<ReadReply> replies =
                    List.of(
                            new ReadReply.OneHash(store.canonicalHash(12)),
                            new ReadReply.OneHash(Optional.empty()),
                            new ReadReply.Number(OptionalLong.of(13)),
                            new ReadReply.Number(OptionalLong.empty()),
                            new ReadReply.Hashes(store.transactionHashes(11)),
                            new ReadReply.Transaction(
                                    store.transaction(store.transactionHashes(11).get().get(0))),
                            new ReadReply.Receipts(store.receipts(11)),
                            new ReadReply.Receipts(Optional.empty()),
                            new ReadReply.Logs(store.logs(LogQuery.range(0, 39))),
                            new ReadReply.Logs(store.logs(LogQuery.range(0, 39).withMaxResults(3))),
                            new ReadReply.Logs(store.logs(LogQuery.range(30, 60))),
                            new ReadReply.Missing(List.of(BlockRange.of(40, 60))),
                            new ReadReply.Failed("busy: 256 reads in flight"));
            for (ReadReply reply : replies) {
                assertThat(roundTrip(reply)).isEqualTo(reply);
            }
            byte[] body = store.bodyRlp(5).orElseThrow();
            ReadReply.Bytes bytes =
                    (ReadReply.Bytes) roundTrip(new ReadReply.Bytes(Optional.of(body)));
            assertThat(bytes.bytes()).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
            assertThat(
                            ((LogQueryResult.Complete)
                                            ((ReadReply.Logs) roundTrip(replies.get(8))).result())
                                    .logs())
                    .as("logs with their positions and data")
                    .isNotEmpty();
        }
    }

    @Test
    void damagedAndHostileMessagesFailToDecode() throws Exception {
        Hash hash = Hash.fromHex("0x" + "cd".repeat(32));
        byte[] holding =
                serializer.toBinary(
                        new Holding(7, "ab12", true, List.of(new HeldRun(70, 80, hash))));
        for (int cut = 0; cut < holding.length; cut++) {
            byte[] truncated = Arrays.copyOf(holding, cut);
            assertThatThrownBy(() -> serializer.fromBinary(truncated, "H"))
                    .isInstanceOf(NotSerializableException.class);
        }
        byte[] longer = Arrays.copyOf(holding, holding.length + 1);
        assertThatThrownBy(() -> serializer.fromBinary(longer, "H"))
                .hasMessageContaining("after the message");
        // a reply claiming two billion hashes in a few bytes
        byte[] hashes = {4, 1, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0};
        assertThatThrownBy(() -> serializer.fromBinary(hashes, "A"))
                .isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("do not fit");
        assertThatThrownBy(() -> serializer.fromBinary(new byte[] {42}, "A"))
                .hasMessageContaining("unknown answer");
        assertThatThrownBy(() -> serializer.fromBinary(new byte[0], "?"))
                .hasMessageContaining("unknown manifest");
    }

    private static Hash hash(HistoryStore store, long number) {
        return store.canonicalHash(number).orElseThrow();
    }

    private static Object roundTrip(Object message) throws NotSerializableException {
        return serializer.fromBinary(serializer.toBinary(message), serializer.manifest(message));
    }
}
