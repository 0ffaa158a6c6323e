package io.klaxon.notifier.render;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Unicode bidirectional isolates (UAX #9). In a right-to-left message, untrusted or left-to-right
 * runs (titles, label values, URLs) are wrapped in FSI…PDI so their direction cannot reorder the
 * surrounding text, and a whole line in RLI…PDI. HTML writes the same isolation as {@code <bdi>}
 * elements ({@link #toBdiElements}).
 *
 * <p>In every direction an untrusted run is first {@linkplain #neutralise neutralised}: the
 * embeddings, overrides, isolates and marks a producer put in it are removed, so "Disk
 * U+202E lluf" cannot show as "Disk full" and no stray isolate can swallow the text after it.
 * The only bidi controls in a rendered message are Klaxon's own. Immutable and thread-safe.
 */
public final class BidiIsolation {
  /** LEFT-TO-RIGHT ISOLATE. */
  public static final char LRI = '\u2066';
  /** RIGHT-TO-LEFT ISOLATE. */
  public static final char RLI = '\u2067';
  /** FIRST STRONG ISOLATE. */
  public static final char FSI = '\u2068';
  /** POP DIRECTIONAL ISOLATE. */
  public static final char PDI = '\u2069';

  private final boolean rightToLeft;

  public BidiIsolation(boolean rightToLeft) {
    this.rightToLeft = rightToLeft;
  }

  /** Neutralises a run of untrusted text and, in a right-to-left message, wraps it in FSI…PDI. */
  public String run(String text) {
    return rightToLeft ? FSI + neutralise(text) + PDI : neutralise(text);
  }

  /** Wraps a whole right-to-left line in RLI…PDI; unchanged otherwise. */
  public String line(String text) {
    return rightToLeft ? RLI + text + PDI : text;
  }

  /**
   * Neutralises a run of untrusted text and wraps it in FSI…PDI in any direction: the mark HTML
   * turns into {@code <bdi>}.
   */
  public static String isolate(String text) {
    return FSI + neutralise(text) + PDI;
  }

  /**
   * Turns the FSI…PDI runs of escaped HTML text into {@code <bdi>…</bdi>} elements. Other
   * directional formatting characters are dropped, and the elements always nest and close, so
   * a stray mark in a template cannot leave an element open.
   */
  public static String toBdiElements(String escapedHtml) {
    StringBuilder out = new StringBuilder(escapedHtml.length() + 32);
    // true for an FSI written as <bdi>, false for an isolate initiator that was dropped
    Deque<Boolean> open = new ArrayDeque<>();
    for (int i = 0; i < escapedHtml.length(); i++) {
      char c = escapedHtml.charAt(i);
      if (c == FSI) {
        out.append("<bdi>");
        open.push(true);
      } else if (c == PDI) {
        if (!open.isEmpty() && open.pop()) {
          out.append("</bdi>");
        }
      } else if (c == LRI || c == RLI) {
        open.push(false);
      } else if (!isDirectional(c)) {
        out.append(c);
      }
    }
    while (!open.isEmpty()) {
      if (open.pop()) {
        out.append("</bdi>");
      }
    }
    return out.toString();
  }

  /**
   * {@code url} with its bidi controls percent-encoded (U+202E becomes {@code %E2%80%AE}), which
   * is how a browser sends them anyway: the link leads where it did, and no control reaches the
   * markup it is written in.
   */
  public static String percentEncodeControls(String url) {
    StringBuilder out = null;
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (isBidiControl(c)) {
        if (out == null) {
          out = new StringBuilder(url.length() + 16).append(url, 0, i);
        }
        for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          out.append('%').append(String.format("%02X", b & 0xFF));
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? url : out.toString();
  }

  /**
   * {@code pattern} without bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO): what a
   * tenant's template or bundle may not bring ({@code klaxon tenants validate} refuses them), since
   * they would reorder the untrusted values placed after them. Its isolates and marks stay: a
   * right-to-left tenant language may need them. A pattern without any is returned as it is.
   */
  static String withoutEmbeddings(String pattern) {
    if (pattern.chars().noneMatch(BidiIsolation::isEmbedding)) {
      return pattern;
    }
    StringBuilder out = new StringBuilder(pattern.length());
    pattern.chars().filter(c -> !isEmbedding(c)).forEach(c -> out.append((char) c));
    return out.toString();
  }

  private static boolean isEmbedding(int c) {
    return c >= '\u202A' && c <= '\u202E';
  }

  /** Whether {@code c} is a directional formatting character (embedding, override or isolate). */
  static boolean isDirectional(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= LRI && c <= PDI);
  }

  /**
   * Whether {@code c} is a bidi control: a directional formatting character, or one of the marks
   * LRM, RLM and ALM, which are invisible and change how the text around them is ordered.
   */
  static boolean isBidiControl(char c) {
    return isDirectional(c) || c == '\u200E' || c == '\u200F' || c == '\u061C';
  }

  /**
   * {@code text} without its bidi controls ({@link #isBidiControl}): LRE, RLE, LRO, RLO, PDF,
   * LRI, RLI, FSI, PDI, LRM, RLM and ALM. Text without any is returned as it is.
   */
  public static String neutralise(String text) {
    int first = 0;
    while (first < text.length() && !isBidiControl(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    out.append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isBidiControl(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

}
