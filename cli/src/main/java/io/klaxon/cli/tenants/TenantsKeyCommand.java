package io.klaxon.cli.tenants;

import picocli.CommandLine.Command;

/** {@code klaxon tenants key}: groups the API key subcommands. */
@Command(name = "key", mixinStandardHelpOptions = true,
    description = "Make API keys for the HTTP ingest service.",
    subcommands = {TenantsKeyNewCommand.class})
public final class TenantsKeyCommand {}
