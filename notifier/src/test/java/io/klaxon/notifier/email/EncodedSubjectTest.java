package io.klaxon.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedSubjectTest {
  @Test
  void plainAsciiStaysAsItIs() {
    assertThat(EncodedSubject.of("[Critical] Firing: Disk almost full - Acme Corp"))
        .isEqualTo("[Critical] Firing: Disk almost full - Acme Corp");
  }

  @Test
  void everyOtherSubjectDecodesBackToItselfInShortLines() throws Exception {
    List<String> subjects = List.of(
        "[Critical] Firing: Disk almost full — Acme Corp",
        "[קריטית] פעילה: \u2068Disk almost full\u2069 — \u2068Acme Corp\u2069",
        "[重大] 発生中：ディスクがいっぱい 🚨 — Acme Corp",
        "🚨".repeat(40),
        "é".repeat(19) + "🚨" + "x".repeat(100),
        "looks =?UTF-8?B?encoded?= but is not",
        "");
    for (String subject : subjects) {
      String header = EncodedSubject.of(subject);
      assertThat(MimeUtility.decodeText(MimeUtility.unfold(header))).as(subject).isEqualTo(subject);
      for (String line : header.split("\r\n", -1)) {
        assertThat(("Subject: " + line).length()).as(header).isLessThanOrEqualTo(78);
      }
      if (!subject.isEmpty()) {
        assertThat(header).startsWith("=?UTF-8?B?");
      }
    }
  }

  @Test
  void aCharacterIsNeverSplitBetweenTwoWords() throws Exception {
    // 13 three-byte characters fill a word exactly; the 14th starts the next one.
    String header = EncodedSubject.of("日".repeat(14));
    String[] words = header.split("\r\n ", -1);
    assertThat(words).hasSize(2);
    assertThat(MimeUtility.decodeWord(words[0])).isEqualTo("日".repeat(13));
    assertThat(MimeUtility.decodeWord(words[1])).isEqualTo("日");
  }
}
