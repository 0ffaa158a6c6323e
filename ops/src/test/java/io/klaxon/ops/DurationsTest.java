package io.klaxon.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @Test
  void readsEveryUnitCompoundsAndIso() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("4h")).isEqualTo(Duration.ofHours(4));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("1m500ms")).isEqualTo(Duration.ofMillis(60_500));
    assertThat(Durations.parse(" 1_000ms ")).isEqualTo(Duration.ofSeconds(1));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("PT4H")).isEqualTo(Duration.ofHours(4));
    assertThat(Durations.parse("pt1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("5M")).isEqualTo(Duration.ofMinutes(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1500", "5", "5 parsecs", "5 minutes", "m", "5x", "-5s", "-5m", "PT-5M", "Pxyz", "1.5s",
      "h1", "99999999999999999999d"})
  void refusesWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining(Durations.EXPECTED);
  }

  /**
   * Every user of a duration counts it in milliseconds: one too long for a {@code long} of them is
   * refused here, with the text and the limit, not left to overflow later ({@code 1251251235450d}
   * came from fuzzing tenant files and crashed {@code tenants apply}).
   */
  @ParameterizedTest
  @ValueSource(strings = {"1251251235450d", "106751991168d", "9223372036854775807s", "PT2562047788016H",
      "106751991167d1d"})
  void refusesADurationTooLongToCountInMilliseconds(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("too long")
        .hasMessageContaining("at most 106751991167d");
  }

  @Test
  void theLongestDurationIsTheLongestCountOfMilliseconds() {
    assertThat(Durations.MAX).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
    assertThat(Durations.parse(Durations.format(Durations.MAX))).isEqualTo(Durations.MAX);
    assertThat(Durations.parse("106751991167d")).isEqualTo(Duration.ofDays(106_751_991_167L));
  }

  /**
   * A duration of many parts ({@code 1s1s1s...}) is read one character at a time: the grammar used
   * to be checked with a regular expression that Java matches with one level of recursion per
   * part, so about a thousand parts overflowed a small thread stack, and a few thousand the 1 MB
   * of an ordinary thread (a tenant file's window, a command-line option, an environment variable).
   */
  @Test
  void aDurationOfManyPartsIsReadWithoutRecursingPerPart() throws Exception {
    assertThat(parseOnStack("1s".repeat(20_000), 128 * 1024)).isEqualTo(Duration.ofSeconds(20_000));
    assertThat(parseOnStack("1h30m".repeat(5_000) + "1_000ms", 128 * 1024))
        .isEqualTo(Duration.ofHours(7_500).plusSeconds(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1s1", "1s_s", "1s1x", "ss", "1sms", "1m1", "_1s", "1s 1s", "1ss"})
  void refusesAPartWithoutItsNumberOrUnit(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining(Durations.EXPECTED);
  }

  /**
   * A deadline {@code duration} after {@code now} that a {@code long} of nanoseconds cannot hold is
   * 146 years away, and is not passed at once whichever way it is compared.
   */
  @Test
  void aDeadlineBeyondWhatNanosecondsCountIsAsFarAsCanBeCompared() {
    assertThat(Durations.nanoDeadline(1_000L, Duration.ofSeconds(2))).isEqualTo(2_000_001_000L);
    assertThat(Durations.nanoDeadline(1_000L, Duration.ofDays(200_000)))
        .isEqualTo(1_000L + Durations.FARTHEST_NANOS);
    assertThat(Durations.nanoDeadline(-5_000L, Durations.MAX)).isEqualTo(-5_000L + Durations.FARTHEST_NANOS);
    for (long now : new long[] {-(1L << 61), -1L, 0L, 1L << 40, 1L << 61}) {
      long deadline = Durations.nanoDeadline(now, Durations.MAX);
      long aCenturyLater = now + Duration.ofDays(36_525).toNanos();
      assertThat(aCenturyLater > deadline).as("plain comparison from %d", now).isFalse();
      assertThat(aCenturyLater - deadline > 0).as("wrapping comparison from %d", now).isFalse();
    }
  }

  /** Parses on a thread with a stack of {@code stackBytes}; whatever the parser throws fails the test. */
  private static Duration parseOnStack(String text, long stackBytes) throws InterruptedException {
    Object[] result = new Object[1];
    Thread thread = new Thread(null, () -> {
      try {
        result[0] = Durations.parse(text);
      } catch (Throwable t) {
        result[0] = t;
      }
    }, "small-stack", stackBytes);
    thread.start();
    thread.join();
    assertThat(result[0]).isInstanceOf(Duration.class);
    return (Duration) result[0];
  }

  @Test
  void formatsLargestUnitsFirstAndParsesBackToTheSameDuration() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0");
    assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofDays(30))).isEqualTo("30d");
    assertThat(Durations.format(Duration.ofMillis(90_061_001))).isEqualTo("1d1h1m1s1ms");
    for (Duration d : new Duration[] {Duration.ofSeconds(1), Duration.ofHours(25), Duration.ofMillis(123_456_789)}) {
      assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
    assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
