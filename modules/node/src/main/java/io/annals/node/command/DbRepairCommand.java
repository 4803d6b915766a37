package io.annals.node.command;

import io.annals.node.ExitCodes;
import io.annals.store.HistoryStore;
import io.annals.store.RepairResult;
import io.annals.store.VerificationReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code annals db repair}: verifies the whole store, drops every block whose own records are
 * damaged (the next start fetches them again from peers, who prove them against their headers), and
 * verifies again. Problems no single block accounts for are reported, not repaired. Exit code 0
 * when the store is consistent afterwards, {@value ExitCodes#STORE_DAMAGED} when not. Run it with
 * the node stopped: it needs the store to itself (LevelDB's lock refuses a second opener anyway).
 */
@Command(
        name = "repair",
        mixinStandardHelpOptions = true,
        description = "Drop the blocks verify finds damaged, so the next sync fetches them again.")
public final class DbRepairCommand implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (HistoryStore opened = store.open()) {
            VerificationReport before = opened.verify();
            if (before.isConsistent()) {
                Reports.printVerification(out, before);
                out.println("nothing to repair");
                return ExitCodes.OK;
            }
            Reports.printVerification(out, before);
            RepairResult result = opened.repair(before);
            Reports.printRepair(out, result);
            VerificationReport after = opened.verify();
            out.println("after the repair:");
            Reports.printVerification(out, after);
            return after.isConsistent() ? ExitCodes.OK : ExitCodes.STORE_DAMAGED;
        }
    }
}
