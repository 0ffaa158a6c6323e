package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LocatedTreeReaderTest {
  private final LocatedTreeReader reader = new LocatedTreeReader();

  @Test
  void aYamlAliasIsRefusedWithItsLocationAndPathNotReadAsTheAnchorsName() {
    LocatedTreeReader.Result result = reader.read("acme.yaml", new StringReader("""
        displayName: &name ACME Corp
        timeZone: Europe/Paris
        routes:
          - name: r
            targets: [*name]
        """), false);

    assertThat(result.problems()).extracting(Problem::toString).containsExactly(
        "acme.yaml:5:15: routes[0].targets[0]: YAML aliases are not supported (*name): write the value out");
  }

  @Test
  void aMergeKeyIsRefusedToo() {
    LocatedTreeReader.Result result = reader.read("acme.yaml", new StringReader("""
        base: &base {tier: TRIAL}
        tenant:
          <<: *base
        """), false);

    assertThat(result.problems()).extracting(Problem::toString).containsExactly(
        "acme.yaml:3:7: tenant.<<: YAML aliases are not supported (*base): write the value out");
  }

  @Test
  void anAnchorAloneChangesNothing() {
    LocatedTreeReader.Result result = reader.read("acme.yaml", new StringReader("displayName: &name ACME Corp\n"), false);

    assertThat(result.problems()).isEmpty();
    assertThat(((Located.Mapping) result.root()).entries().get("displayName").value())
        .isEqualTo(new Located.Scalar(1, 14, "ACME Corp"));
  }
}
