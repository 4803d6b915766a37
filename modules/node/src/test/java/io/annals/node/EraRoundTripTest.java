package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigRenderOptions;
import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetSettings;
import io.annals.devnet.chain.DevnetChainSpec;
import io.annals.node.service.AnnalsNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip of issue "expired history from era files": a node syncs a devnet chain with a
 * merge in it over devp2p; its store is exported with {@code annals export-era} (era1 for the
 * proof-of-work blocks, eraE for the merge's epoch); {@code annals import-era} loads the files into
 * a fresh data directory; a node on that directory, with no peers at all, answers every JSON-RPC
 * call about every block, transaction, receipt and log byte for byte as the node that synced.
 */
class EraRoundTripTest {
    private static final long HEAD = 140;
    private static final long MERGE = 100;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void aNodeImportedFromEraFilesAnswersAsTheNodeThatSynced() throws Exception {
        DevnetSettings devnetSettings =
                TestNetwork.devnet(
                        2,
                        HEAD,
                        "seed = 43, chain { merge-block = "
                                + MERGE
                                + " }, "
                                + TestNetwork.SMALL_SHAPE);
        Path synced = dir.resolve("synced");
        Path imported = dir.resolve("imported");
        Path files = dir.resolve("era");
        try (Devnet devnet = Devnet.create(devnetSettings)) {
            devnet.start();
            String chain =
                    "annals.chain = "
                            + DevnetChainSpec.toConfig(devnet.chainSpec())
                                    .getValue("annals.chain")
                                    .render(ConfigRenderOptions.concise())
                            + "\n";
            String bounded = "annals.node.end-block = " + HEAD + "\n";
            Path syncedConf =
                    write(
                            "synced.conf",
                            TestNetwork.nodeHocon(devnet.enodes(), synced) + chain + bounded);
            Path importedConf =
                    write(
                            "imported.conf",
                            TestNetwork.nodeHocon(List.of(), imported) + chain + bounded);

            try (AnnalsNode node =
                    TestNetwork.startNode(ConfigLoader.load(syncedConf, java.util.Map.of()))) {
                TestNetwork.await(
                        node,
                        Duration.ofMinutes(2),
                        stats -> TestNetwork.head(stats) >= HEAD,
                        "synced to " + HEAD);
            }
            String exported =
                    cli(
                            "export-era",
                            "--config",
                            syncedConf.toString(),
                            "--from",
                            "0",
                            "--to",
                            Long.toString(HEAD),
                            "--out",
                            files.toString());
            assertThat(exported).contains("2 files and");
            try (Stream<Path> listing = Files.list(files)) {
                assertThat(listing.map(p -> p.getFileName().toString()).sorted().toList())
                        .hasSize(3)
                        .anyMatch(n -> n.startsWith("devnet-00000-") && n.endsWith(".era1"))
                        .anyMatch(n -> n.startsWith("devnet-00000-") && n.endsWith("-noproofs.ere"))
                        .contains("checksums.txt");
            }
            String imports =
                    cli("import-era", files.toString(), "--config", importedConf.toString());
            assertThat(imports).contains("2 files imported").contains("0 refused");

            try (AnnalsNode first =
                            TestNetwork.startNode(
                                    ConfigLoader.load(syncedConf, java.util.Map.of()));
                    AnnalsNode second =
                            TestNetwork.startNode(
                                    ConfigLoader.load(importedConf, java.util.Map.of()))) {
                URI a = rpc(first);
                URI b = rpc(second);
                List<String> calls = calls(a);
                assertThat(calls.size()).isGreaterThan(5 * (int) HEAD);
                for (String call : calls) {
                    assertThat(post(b, call)).as(call).isEqualTo(post(a, call));
                }
            }
        }
    }

    /** Every call about the chain: blocks by number and hash, receipts, transactions, logs. */
    private static List<String> calls(URI node) throws Exception {
        List<String> calls = new ArrayList<>();
        calls.add(call("eth_blockNumber", "[]"));
        calls.add(
                call("eth_getLogs", "[{\"fromBlock\":\"0x0\",\"toBlock\":\"" + hex(HEAD) + "\"}]"));
        calls.add(call("eth_getBlockByNumber", "[\"earliest\",false]"));
        for (long n = 0; n <= HEAD; n++) {
            calls.add(call("eth_getBlockByNumber", "[\"" + hex(n) + "\",true]"));
            calls.add(call("eth_getBlockByNumber", "[\"" + hex(n) + "\",false]"));
            calls.add(call("eth_getBlockReceipts", "[\"" + hex(n) + "\"]"));
            calls.add(call("eth_getBlockTransactionCountByNumber", "[\"" + hex(n) + "\"]"));
            calls.add(
                    call(
                            "eth_getLogs",
                            "[{\"fromBlock\":\"" + hex(n) + "\",\"toBlock\":\"" + hex(n) + "\"}]"));
            JsonNode block =
                    JSON.readTree(
                                    post(
                                            node,
                                            call(
                                                    "eth_getBlockByNumber",
                                                    "[\"" + hex(n) + "\",false]")))
                            .get("result");
            String hash = block.get("hash").asText();
            calls.add(call("eth_getBlockByHash", "[\"" + hash + "\",true]"));
            for (JsonNode tx : block.get("transactions")) {
                calls.add(call("eth_getTransactionByHash", "[\"" + tx.asText() + "\"]"));
                calls.add(call("eth_getTransactionReceipt", "[\"" + tx.asText() + "\"]"));
            }
        }
        return calls;
    }

    private static String call(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                + method
                + "\",\"params\":"
                + params
                + "}";
    }

    private static String hex(long n) {
        return "0x" + Long.toHexString(n);
    }

    private static String post(URI node, String body) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(node)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static URI rpc(AnnalsNode node) {
        return URI.create("http://127.0.0.1:" + node.rpcAddress().orElseThrow().getPort() + "/");
    }

    /** Runs the command line in this JVM and returns what it printed; it must exit with 0. */
    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                AnnalsMain.newCommandLine(
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8))
                        .execute(args);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code of %s%n%s%n%s", List.of(args), printed, err).isZero();
        return printed;
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
