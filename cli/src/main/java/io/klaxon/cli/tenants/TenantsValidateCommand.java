package io.klaxon.cli.tenants;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon tenants validate}: checks tenant files and directories, prints every problem
 * (file:line:column: path: message) to standard error and a summary to standard output. Exit 0
 * when every file is valid (warnings allowed), 1 otherwise.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check tenant files (.yaml, .yml, .json) and list every problem.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all files valid", "1:at least one error", "2:usage error"})
public final class TenantsValidateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Tenant files or directories of tenant files.")
  List<Path> inputs;

  @Override
  public Integer call() {
    TenantSetValidator.Report report = new TenantSetValidator().validate(inputs);
    report.problems().forEach(p -> spec.commandLine().getErr().println(p));
    spec.commandLine().getOut().println(report.summary());
    return report.allValid() ? 0 : 1;
  }
}
