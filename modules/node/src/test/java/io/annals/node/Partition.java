package io.annals.node;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network partition between one cluster member and the others, made with iptables on the loopback
 * interface: packets to the member's cluster port are dropped (nothing reaches it), and packets
 * from the address its outbound cluster connections leave from (each test member gets its own,
 * {@code pekko.remote.artery.advanced.tcp.outbound-client-hostname}), so nothing it sends arrives
 * either. Its devp2p and JSON-RPC, on other ports and from 127.0.0.1, are untouched. The rules are
 * removed on {@link #close()}. Needs root and iptables (.ci/run installs it).
 */
final class Partition implements AutoCloseable {
    private final List<List<String>> rules;

    private Partition(List<List<String>> rules) {
        this.rules = rules;
    }

    /** Fails the test with what to do when iptables cannot be used here. */
    static void requireIptables() {
        try {
            Result version = run(List.of("iptables", "-V"));
            Result list = run(List.of("iptables", "-S", "INPUT"));
            if (version.exit() != 0 || list.exit() != 0) {
                fail(
                        "the partition test needs iptables with the right to change rules (root):"
                                + " iptables -V: "
                                + version
                                + "; iptables -S INPUT: "
                                + list);
            }
        } catch (IOException e) {
            fail(
                    "the partition test needs iptables (apt-get install iptables; .ci/run installs"
                            + " it): "
                            + e.getMessage());
        }
    }

    /** Cuts off the member listening on {@code clusterPort} and sending from {@code outbound}. */
    static Partition cut(int clusterPort, String outbound) throws IOException {
        List<List<String>> rules =
                List.of(
                        List.of(
                                "INPUT",
                                "-p",
                                "tcp",
                                "--dport",
                                Integer.toString(clusterPort),
                                "-j",
                                "DROP"),
                        List.of("INPUT", "-p", "tcp", "-s", outbound, "-j", "DROP"));
        List<List<String>> added = new ArrayList<>();
        Partition partition = new Partition(added);
        for (List<String> rule : rules) {
            List<String> insert = new ArrayList<>(List.of("iptables", "-I"));
            insert.addAll(rule);
            Result result = run(insert);
            if (result.exit() != 0) {
                partition.close();
                fail("cannot add the rule " + rule + ": " + result);
            }
            added.add(rule);
        }
        return partition;
    }

    @Override
    public void close() throws IOException {
        for (List<String> rule : rules) {
            List<String> delete = new ArrayList<>(List.of("iptables", "-D"));
            delete.addAll(rule);
            run(delete);
        }
        rules.clear();
    }

    private record Result(int exit, String output) {
        @Override
        public String toString() {
            return "exit " + exit + ": " + output.strip();
        }
    }

    private static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Result(-1, "interrupted");
        }
        return new Result(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
