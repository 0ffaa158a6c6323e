package io.klaxon.cli.tenants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A tenant file {@code acme.yaml} with one Slack target {@code oncall} and what a test adds, parsed. */
final class TenantFileFixture {
  private TenantFileFixture() {}

  /** Parses {@code acme.yaml} in {@code dir}: tenant acme, target oncall, then {@code rest} (top-level YAML). */
  static TenantFileParser.FileResult parse(Path dir, String rest) throws IOException {
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, """
        tenantId: acme
        tier: standard
        targets:
          - id: oncall
            slack: {channel: "#oncall"}
        """ + rest);
    return new TenantFileParser().parse(file);
  }

  static List<String> errors(TenantFileParser.FileResult result) {
    return result.problems().stream().filter(Problem::isError).map(Problem::toString).toList();
  }

  static List<String> warnings(TenantFileParser.FileResult result) {
    return result.problems().stream().filter(p -> !p.isError()).map(Problem::toString).toList();
  }
}
