package io.klaxon.sinks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextDirectionTest {
  @Test
  void detectsRightToLeftTextByItsFirstStrongCharacterOrIsolates() {
    assertThat(TextDirection.isRightToLeft("تنبيه: القرص ممتلئ")).isTrue();
    assertThat(TextDirection.isRightToLeft("123 התראה")).isTrue();
    assertThat(TextDirection.isRightToLeft(":warning: *\u2067Disk\u2069*")).isTrue();
    assertThat(TextDirection.isRightToLeft("Disk full على db-1")).isFalse();
    assertThat(TextDirection.isRightToLeft("")).isFalse();
    assertThat(TextDirection.isRightToLeft(null)).isFalse();
  }

  @Test
  void knowsRightToLeftLanguages() {
    assertThat(TextDirection.isRightToLeftLanguage("ar")).isTrue();
    assertThat(TextDirection.isRightToLeftLanguage("he-IL")).isTrue();
    assertThat(TextDirection.isRightToLeftLanguage("iw")).isTrue();
    assertThat(TextDirection.isRightToLeftLanguage("fr-CA")).isFalse();
    assertThat(TextDirection.isRightToLeftLanguage("")).isFalse();
  }
}
