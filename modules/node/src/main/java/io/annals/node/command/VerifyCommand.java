package io.annals.node.command;

import io.annals.node.ExitCodes;
import io.annals.store.HistoryStore;
import io.annals.store.VerificationReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code annals verify}: checks every stored block of a range against its header (header hash and
 * canonical index, transactions, ommers and withdrawals roots, receipts root, logs bloom, gas
 * used), the parent links, the transaction lookups and the log index, and with the whole store also
 * the index totals and segment files. Exit code 0 when consistent, {@value ExitCodes#STORE_DAMAGED}
 * when not.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description =
                "Check the stored blocks and every index against them; exit 0 when consistent.")
public final class VerifyCommand implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--from", paramLabel = "N", description = "First block to check (default: 0).")
    long from;

    @Option(
            names = "--to",
            paramLabel = "N",
            description = "Last block to check (default: the highest stored).")
    Long to;

    @Option(
            names = "--progress",
            negatable = true,
            description = "A progress line on stderr (default: when stderr is a terminal).")
    Boolean progress;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (HistoryStore opened = store.open()) {
            long last = to != null ? to : HistoryStore.MAX_BLOCK_NUMBER;
            long total =
                    opened.presentRanges().stream()
                            .mapToLong(
                                    r ->
                                            Math.max(
                                                    0,
                                                    Math.min(r.last(), last)
                                                            - Math.max(r.first(), from)
                                                            + 1))
                            .sum();
            ProgressLine line =
                    new ProgressLine(
                            err, progress != null ? progress : System.console() != null, total);
            VerificationReport report = opened.verify(from, last, line::update);
            line.done();
            Reports.printVerification(out, report);
            return report.isConsistent() ? ExitCodes.OK : ExitCodes.STORE_DAMAGED;
        }
    }
}
