package io.klaxon.streams.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.contract.AlertEventLimits;
import io.klaxon.contract.TenantIds;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The shape checks every input record goes through (tenant id, event id, label names) are written
 * as plain loops for speed; each must accept exactly what its documented pattern matches. Inputs
 * are drawn near the edges: the patterns' own characters, their neighbours in ASCII ({@code /},
 * {@code :}, {@code @}, {@code [}, {@code `} and the opening brace), upper case where only lower case is
 * allowed, non-ASCII letters and digits, line ends, and lengths around every bound.
 */
class FieldShapeProperties {
  private static final String NEAR = "abcfgxyzABCFGXYZ0189_-/:@[`{ \n\u00e9\u0663\u212a";

  @Provide
  Arbitrary<String> nearMisses() {
    Arbitrary<String> random = Arbitraries.strings().withChars(NEAR.toCharArray()).ofMinLength(0).ofMaxLength(70);
    // Real UUIDs with one character changed, and tenant-like ids of every length around 3 and 64.
    Arbitrary<String> uuids = Arbitraries.integers().between(0, 35).flatMap(at -> Arbitraries.of(NEAR.toCharArray())
        .map(c -> {
          String uuid = UUID.randomUUID().toString();
          return uuid.substring(0, at) + c + uuid.substring(at + 1);
        }));
    Arbitrary<String> lengths = Arbitraries.integers().between(0, 66)
        .flatMap(n -> Arbitraries.strings().withChars("az09_-A".toCharArray()).ofLength(n));
    return Arbitraries.oneOf(random, uuids, lengths, Arbitraries.create(() -> UUID.randomUUID().toString()));
  }

  @Property(tries = 20_000)
  void tenantIdsAreWhatThePatternMatches(@ForAll("nearMisses") String value) {
    assertThat(TenantIds.isValid(value)).as("'%s'", value).isEqualTo(TenantIds.PATTERN.matcher(value).matches());
  }

  @Property(tries = 20_000)
  void eventIdsAreWhatTheUuidPatternMatches(@ForAll("nearMisses") String value) {
    assertThat(AlertEventLimits.isUuid(value)).as("'%s'", value)
        .isEqualTo(AlertEventLimits.UUID.matcher(value).matches());
  }

  @Property(tries = 20_000)
  void labelNamesAreWhatTheLabelPatternMatches(@ForAll("nearMisses") String value) {
    assertThat(AlertEventLimits.isLabelName(value)).as("'%s'", value)
        .isEqualTo(AlertEventLimits.LABEL_NAME.matcher(value).matches());
  }

  @Example
  void nullIsNeverValid() {
    assertThat(TenantIds.isValid(null)).isFalse();
    assertThat(AlertEventLimits.isUuid(null)).isFalse();
    assertThat(AlertEventLimits.isLabelName(null)).isFalse();
  }
}
