package io.klaxon.cli.read;

import io.klaxon.contract.TenantIds;
import io.klaxon.ops.Durations;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks the options of the commands that read one tenant's records from a time on ({@code
 * history}, {@code tenants log}): bad input is a usage error (exit 2) naming the option. Stateless.
 */
public final class ReadOptions {
  private ReadOptions() {}

  /**
   * @param option how the command line names the tenant ({@code --tenant}, {@code TENANT_ID})
   * @throws ParameterException when {@code tenant} is not a tenant id
   */
  public static String tenant(CommandSpec spec, String option, String tenant) {
    if (!TenantIds.isValid(tenant)) {
      throw new ParameterException(spec.commandLine(),
          option + " '" + tenant + "' is not a tenant id (" + TenantIds.PATTERN.pattern() + ")");
    }
    return tenant;
  }

  /**
   * The instant {@code since} (Klaxon's one duration grammar) before now; null when {@code since} is null.
   *
   * @throws ParameterException naming {@code --since} when it is not a duration
   */
  public static Instant since(CommandSpec spec, String since) {
    if (since == null) {
      return null;
    }
    try {
      return Instant.now().minus(Durations.parse(since));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--since: " + e.getMessage());
    }
  }
}
