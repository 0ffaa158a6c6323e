package io.klaxon.notifier.email;

import jakarta.mail.internet.MimeUtility;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A Subject header's value (RFC 2047), written here rather than by {@code
 * MimeUtility.encodeText}, which looks its encoder up through a {@code ServiceLoader} on every
 * call. Printable ASCII without {@code =?} is kept as it is (folded at spaces, as Jakarta Mail
 * folds it); anything else becomes UTF-8 "B" encoded words of whole characters, one per folded
 * line, so a line of the header stays under 78 characters.
 */
final class EncodedSubject {
  /** UTF-8 bytes per encoded word: 52 base64 characters, 64 with the word's frame. */
  static final int BYTES_PER_WORD = 39;
  private static final String PREFIX = "=?UTF-8?B?";
  private static final String SUFFIX = "?=";
  /** Where the value starts on its line: after {@code "Subject: "}. */
  private static final int HEADER_NAME_LENGTH = "Subject: ".length();

  private EncodedSubject() {}

  /** The header value of {@code subject} (a single line). */
  static String of(String subject) {
    if (plainAscii(subject)) {
      return MimeUtility.fold(HEADER_NAME_LENGTH, subject);
    }
    Base64.Encoder base64 = Base64.getEncoder();
    StringBuilder out = new StringBuilder(subject.length() * 2 + 16);
    int start = 0;
    int bytes = 0;
    for (int i = 0; i < subject.length(); ) {
      int codePoint = subject.codePointAt(i);
      int width = utf8Length(codePoint);
      if (bytes + width > BYTES_PER_WORD && i > start) {
        word(out, base64, subject.substring(start, i));
        start = i;
        bytes = 0;
      }
      bytes += width;
      i += Character.charCount(codePoint);
    }
    if (start < subject.length() || subject.isEmpty()) {
      word(out, base64, subject.substring(start));
    }
    return out.toString();
  }

  private static void word(StringBuilder out, Base64.Encoder base64, String text) {
    if (!out.isEmpty()) {
      out.append("\r\n ");
    }
    out.append(PREFIX).append(base64.encodeToString(text.getBytes(StandardCharsets.UTF_8))).append(SUFFIX);
  }

  private static boolean plainAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return !text.contains("=?");
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }
}
