package io.annals.node.command;

import picocli.CommandLine.Command;

/** {@code annals db}: the store's statistics and repair. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Inspect or repair the history store.",
        subcommands = {DbStatsCommand.class, DbRepairCommand.class})
public final class DbCommand {}
