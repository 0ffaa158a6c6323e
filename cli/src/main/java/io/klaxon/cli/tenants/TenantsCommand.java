package io.klaxon.cli.tenants;

import picocli.CommandLine.Command;

/** {@code klaxon tenants}: groups the tenant-file subcommands. */
@Command(name = "tenants", mixinStandardHelpOptions = true,
    description = "Validate tenant files, publish them to the tenants topic, show what changed, make API keys, erase tenants, enforce their retention.",
    subcommands = {TenantsValidateCommand.class, TenantsApplyCommand.class, TenantsLogCommand.class, TenantsKeyCommand.class,
        TenantsEraseCommand.class, TenantsRetainCommand.class})
public final class TenantsCommand {}
