package io.klaxon.cli.tenants;

import picocli.CommandLine.Command;

/** {@code klaxon tenants}: groups the tenant-file subcommands. */
@Command(name = "tenants", mixinStandardHelpOptions = true,
    description = "Validate tenant files and publish them to the tenants topic.",
    subcommands = {TenantsValidateCommand.class, TenantsApplyCommand.class})
public final class TenantsCommand {}
