package io.klaxon.cli.control;

import picocli.CommandLine.Command;

/** {@code klaxon silence}: groups the silence subcommands. */
@Command(name = "silence", mixinStandardHelpOptions = true,
    description = "Silence a tenant's alerts by label matchers (Alertmanager syntax) for a while, list and expire silences.",
    subcommands = {SilenceAddCommand.class, SilenceListCommand.class, SilenceExpireCommand.class})
public final class SilenceCommand {}
