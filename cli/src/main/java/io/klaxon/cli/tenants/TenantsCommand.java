package io.klaxon.cli.tenants;

import picocli.CommandLine.Command;

/** {@code klaxon tenants}: groups the tenant-file subcommands. */
@Command(name = "tenants", mixinStandardHelpOptions = true,
    description = "Validate tenant files, publish them to the tenants topic, show what changed, make API keys.",
    subcommands = {TenantsValidateCommand.class, TenantsApplyCommand.class, TenantsLogCommand.class, TenantsKeyCommand.class})
public final class TenantsCommand {}
