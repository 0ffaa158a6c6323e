package io.klaxon.cli.dlq;

import picocli.CommandLine.Command;

/** {@code klaxon dlq}: groups the dead-letter subcommands. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
    description = "Inspect and replay the dead-letter topic.",
    subcommands = {DlqTailCommand.class, DlqReplayCommand.class})
public final class DlqCommand {}
