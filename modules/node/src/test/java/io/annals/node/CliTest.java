package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.annals.core.chain.Chains;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in-process: flags win over the config file, every flag sets its key, and each
 * kind of bad input (missing file, malformed value, unknown network, a data directory of another
 * chain) ends with one clear message and a non-zero exit code, before anything listens.
 */
class CliTest {

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AnnalsMain.newCommandLine(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The configuration --print-config printed (after its two header lines). */
    private Config printed() {
        List<String> lines = out().lines().toList();
        return ConfigFactory.parseString(String.join("\n", lines.subList(2, lines.size())))
                .atKey("annals");
    }

    @Test
    void flagsWinOverTheConfigFileWhichWinsOverDefaults() throws Exception {
        Path conf = dir.resolve("op.conf");
        Files.writeString(
                conf,
                "annals.node { network = sepolia, data-dir = from-file }\n"
                        + "annals.rpc { port = 9000, max-batch-size = 10 }\nannals.p2p.max-peers = 7");
        int code =
                run(
                        "--config",
                        conf.toString(),
                        "--data-dir",
                        "from-flag",
                        "--rpc-port",
                        "9100",
                        "--print-config");

        assertThat(code).as(err()).isZero();
        assertThat(out())
                .contains(
                        "network sepolia, data dir from-flag, chain sepolia (network id 11155111)");
        Config config = printed();
        assertThat(config.getInt("annals.rpc.port")).isEqualTo(9100);
        assertThat(config.getInt("annals.rpc.max-batch-size")).as("from the file").isEqualTo(10);
        assertThat(config.getInt("annals.p2p.max-peers")).as("from the file").isEqualTo(7);
        assertThat(config.getInt("annals.rpc.get-logs.max-logs")).as("a default").isEqualTo(10_000);
    }

    @Test
    void everyFlagSetsItsKey() {
        String enode =
                "enode://52397ebc7e1385f4d1d32e5a11a24d3038eec5bb5d06f3fecd59cde4d8e1197d7af2c493eda75cdcf23f417beb73"
                        + "cdc41d069ad4f18cd3da139e2841a1698088@127.0.0.1:30400";
        int code =
                run(
                        "--network",
                        "hoodi",
                        "--data-dir",
                        "d",
                        "--start-block",
                        "100",
                        "--end-block",
                        "200",
                        "--static-peers",
                        enode + "," + enode.replace("30400", "30401"),
                        "--p2p-port",
                        "0",
                        "--max-peers",
                        "9",
                        "--bootnodes",
                        enode,
                        "--nat",
                        "extip:192.0.2.7",
                        "--discovery=false",
                        "--discovery-port",
                        "30399",
                        "--dns-lists",
                        "enrtree://AKA3AM6LPBYEUDMVNU3BSVQJ5AD45Y7YPOHJLEF6W26QOE4VTUDPE@all.hoodi.ethdisco.net",
                        "--dns-server",
                        "127.0.0.1:5353",
                        "--rpc-enabled=false",
                        "--rpc-host",
                        "0.0.0.0",
                        "--rpc-port",
                        "0",
                        "--rpc-cors-origins",
                        "https://a.example, *",
                        "--rpc-max-request-size",
                        "1MiB",
                        "--rpc-max-response-size",
                        "2MiB",
                        "--rpc-max-batch-size",
                        "50",
                        "--rpc-timeout",
                        "7s",
                        "--rpc-max-block-range",
                        "500",
                        "--rpc-max-logs",
                        "600",
                        "--progress-interval",
                        "0s",
                        "--print-config");

        assertThat(code).as(err()).isZero();
        Config c = printed();
        assertThat(c.getString("annals.node.network")).isEqualTo("hoodi");
        assertThat(c.getString("annals.node.data-dir")).isEqualTo("d");
        assertThat(c.getLong("annals.store.start-block")).isEqualTo(100);
        assertThat(c.getLong("annals.node.end-block")).isEqualTo(200);
        assertThat(c.getStringList("annals.p2p.static-peers"))
                .hasSize(2)
                .allMatch(p -> p.startsWith("enode://5239"));
        assertThat(c.getInt("annals.p2p.listen-port")).isZero();
        assertThat(c.getInt("annals.p2p.max-peers")).isEqualTo(9);
        assertThat(c.getStringList("annals.p2p.discovery.bootnodes")).containsExactly(enode);
        assertThat(c.getString("annals.p2p.nat")).isEqualTo("extip:192.0.2.7");
        assertThat(c.getBoolean("annals.p2p.discovery.enabled")).isFalse();
        assertThat(c.getInt("annals.p2p.discovery.port")).isEqualTo(30399);
        assertThat(c.getStringList("annals.p2p.discovery.dns.lists")).hasSize(1);
        assertThat(c.getString("annals.p2p.discovery.dns.name-server")).isEqualTo("127.0.0.1:5353");
        assertThat(c.getBoolean("annals.rpc.enabled")).isFalse();
        assertThat(c.getString("annals.rpc.host")).isEqualTo("0.0.0.0");
        assertThat(c.getInt("annals.rpc.port")).isZero();
        assertThat(c.getStringList("annals.rpc.cors-origins"))
                .containsExactly("https://a.example", "*");
        assertThat(c.getBytes("annals.rpc.max-request-size")).isEqualTo(1L << 20);
        assertThat(c.getBytes("annals.rpc.max-response-size")).isEqualTo(2L << 20);
        assertThat(c.getInt("annals.rpc.max-batch-size")).isEqualTo(50);
        assertThat(c.getDuration("annals.rpc.request-timeout").toSeconds()).isEqualTo(7);
        assertThat(c.getLong("annals.rpc.get-logs.max-block-range")).isEqualTo(500);
        assertThat(c.getInt("annals.rpc.get-logs.max-logs")).isEqualTo(600);
        assertThat(c.getDuration("annals.node.progress-interval").isZero()).isTrue();
    }

    @Test
    void theNetworkFlagWinsOverTheChainOfAConfigFile() {
        int code =
                run(
                        "--config",
                        repoFile("conf/devnet.conf").toString(),
                        "--network",
                        "mainnet",
                        "--print-config");

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("chain mainnet (network id 1)");
    }

    @Test
    void theOperatorFilesAreValid() {
        assertThat(run("--config", repoFile("conf/application.conf").toString(), "--print-config"))
                .as(err())
                .isZero();
        assertThat(out()).contains("network mainnet, data dir data/mainnet, chain mainnet");
        out.reset();
        assertThat(run("--config", repoFile("conf/devnet.conf").toString(), "--print-config"))
                .as(err())
                .isZero();
        assertThat(out()).contains("network devnet", "chain devnet (network id 1337)");
    }

    @Test
    void theEmbeddedDevnetHasItsOwnDefaultsAndATemporaryDataDir() {
        int code = run("--devnet", "--print-config");

        assertThat(code).as(err()).isZero();
        assertThat(out())
                .contains(
                        "network devnet, data dir (a new temporary directory), chain of the embedded devnet");
        Config c = printed();
        assertThat(c.getInt("annals.devnet.peers")).isEqualTo(8);
        assertThat(c.getLong("annals.devnet.blocks")).isBetween(2_000L, 5_000L);
        assertThat(c.getList("annals.devnet.faults")).hasSize(4);
        assertThat(c.getInt("annals.devnet.base-port")).as("free ports").isZero();
    }

    @Test
    void aMissingConfigFileIsAClearError() {
        int code = run("--config", dir.resolve("nope.conf").toString());

        assertThat(code).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err())
                .contains("config file not found")
                .contains("nope.conf")
                .doesNotContain("\tat ");
    }

    @Test
    void aMalformedFlagValueIsAUsageError() {
        assertThat(run("--p2p-port", "abc")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Invalid value for option '--p2p-port'");
    }

    @Test
    void aValueTheConfigurationRefusesNamesItsKey() {
        assertThat(run("--rpc-timeout", "soon")).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err())
                .contains("configuration error")
                .contains("request-timeout")
                .doesNotContain("\tat ");
        err.reset();
        assertThat(run("--p2p-port", "70000")).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err()).contains("annals.p2p.listen-port must be 0..65535, got 70000");
        err.reset();
        assertThat(run("--start-block", "10", "--end-block", "5"))
                .isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err()).contains("end-block 5 is below annals.store.start-block 10");
    }

    @Test
    void anUnknownNetworkIsAClearError() {
        assertThat(run("--network", "foonet")).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err())
                .contains("unknown network 'foonet': choose mainnet, sepolia, hoodi or devnet");
    }

    @Test
    void aDevnetWithoutItsChainIsAClearError() {
        assertThat(run("--network", "devnet")).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err()).contains("network devnet needs the devnet's chain in annals.chain");
    }

    @Test
    void aDataDirOfAnotherChainIsRefusedBeforeAnythingListens() {
        Path data = dir.resolve("data");
        ChainIdentity mainnet =
                new ChainIdentity(Chains.MAINNET.chainId(), Chains.MAINNET.genesisHash());
        HistoryStore.open(data.resolve("store"), mainnet, StoreSettings.defaults()).close();

        int code =
                run(
                        "--network",
                        "sepolia",
                        "--data-dir",
                        data.toString(),
                        "--p2p-port",
                        "0",
                        "--rpc-port",
                        "0",
                        "--progress-interval",
                        "0s");

        assertThat(code).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err())
                .contains("cannot use the data directory")
                .contains(Long.toString(Chains.MAINNET.chainId()))
                .contains(Long.toString(Chains.SEPOLIA.chainId()))
                .doesNotContain("\tat ");
    }

    @Test
    void theReadmeListsEveryFlagWithItsKey() throws Exception {
        String readme = Files.readString(repoFile("README.md"));
        Map<String, String> keys = CliOverrides.keysByFlag();
        assertThat(keys).hasSizeGreaterThan(15);
        keys.forEach(
                (flag, key) ->
                        assertThat(readme)
                                .as(flag)
                                .containsPattern(
                                        "\\| `"
                                                + flag
                                                + "[^|]*\\| `"
                                                + key.replace(".", "\\.")
                                                + "`"));
        Arrays.asList("--config", "--print-config", "--devnet")
                .forEach(flag -> assertThat(readme).contains("`" + flag));
    }

    /** A file of the repository (tests run in the module's folder). */
    private static Path repoFile(String path) {
        return Path.of("..", "..").resolve(path).normalize();
    }
}
