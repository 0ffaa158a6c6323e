package io.klaxon.cli.i18n;

import picocli.CommandLine.Command;

/** {@code klaxon i18n}: groups the message-bundle subcommands. */
@Command(name = "i18n", mixinStandardHelpOptions = true,
    description = "Check notification texts: Klaxon's own bundles and tenants' bundles.",
    subcommands = {I18nCheckCommand.class})
public final class I18nCommand {}
