package io.klaxon.notifier.render;

import io.klaxon.events.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A list a notification shows under its heading, localized and not yet escaped, like the rest of a
 * {@link NotificationView}: a heading, one line per item, and the line that counts the items left
 * out. A group lists its alerts ({@link GroupView}); a digest its counts by severity, by source and
 * by title ({@link DigestView}). Immutable.
 *
 * @param title heading of the list
 * @param lines one line per item, in the order shown
 * @param more "and N more" when items were left out, else null
 */
public record AlertList(String title, List<Line> lines, String more) {
  /**
   * One line of a list.
   *
   * @param severity the severity of the line's marker (emoji, colour), or null for a line without one
   * @param resolved whether the line is about a resolved alert, which its marker then shows
   *     instead of the severity
   * @param text the line: a group's change marker, severity, title and source; a digest's count
   */
  public record Line(Severity severity, boolean resolved, String text) {
    public Line {
      Objects.requireNonNull(text, "text");
    }

    /** A line without a marker. */
    public static Line plain(String text) {
      return new Line(null, false, text);
    }

    /** Whether the line shows a marker: whether it has a severity. */
    public boolean marked() {
      return severity != null;
    }
  }

  public AlertList {
    Objects.requireNonNull(title, "title");
    lines = List.copyOf(lines);
  }

  /** Whether there is nothing to list. */
  public boolean isEmpty() {
    return lines.isEmpty() && more == null;
  }

  /** The lines as text, then "and N more" if there is one: what a webhook's {@code rendered} text shows. */
  List<String> texts() {
    List<String> texts = new ArrayList<>(lines.size() + 1);
    lines.forEach(line -> texts.add(line.text()));
    if (more != null) {
      texts.add(more);
    }
    return texts;
  }
}
