package io.annals.node;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code annals run [flags]}: the node, exactly as {@code annals [flags]}. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Run the node (the default when no command is given).")
final class RunCommand implements Callable<Integer> {
    @Mixin NodeOptions options = new NodeOptions();

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        return options.run(out, err);
    }
}
