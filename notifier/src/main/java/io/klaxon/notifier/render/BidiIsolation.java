package io.klaxon.notifier.render;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Unicode bidirectional isolates (UAX #9). In a right-to-left message, untrusted or left-to-right
 * runs (titles, label values, URLs) are wrapped in FSI…PDI so their direction cannot reorder the
 * surrounding text, and a whole line in RLI…PDI. HTML writes the same isolation as {@code <bdi>}
 * elements ({@link #toBdiElements}). Immutable and thread-safe.
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

  /** Wraps a run of untrusted text in FSI…PDI in a right-to-left message; unchanged otherwise. */
  public String run(String text) {
    return rightToLeft ? FSI + stripIsolates(text) + PDI : text;
  }

  /** Wraps a whole right-to-left line in RLI…PDI; unchanged otherwise. */
  public String line(String text) {
    return rightToLeft ? RLI + text + PDI : text;
  }

  /** Wraps a run of untrusted text in FSI…PDI in any direction: the mark HTML turns into {@code <bdi>}. */
  public static String isolate(String text) {
    return FSI + stripIsolates(text) + PDI;
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

  /** Whether {@code c} is a directional formatting character (embedding, override or isolate). */
  static boolean isDirectional(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= LRI && c <= PDI);
  }

  /** Removes directional formatting characters an untrusted text might carry to break out. */
  static String stripIsolates(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isDirectional(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
