package io.klaxon.notifier.render;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;
import io.klaxon.events.Link;
import io.klaxon.i18n.SlackLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lays a {@link NotificationView} out as Slack Block Kit: a headline with the severity emoji, the
 * message or the view's {@link AlertList}s (a group's alerts, a digest's counts: one line per item,
 * a marked one with its own severity emoji, then "and N more", in as many sections as Slack's
 * section limit needs), the fields, labels and links, and notes (reminder, duplicates suppressed,
 * alerts resolved) in a context block. Every text is mrkdwn-escaped after localization, so neither alert text nor a template
 * can mention {@code <!channel>} or users, and Slack is told to take every text verbatim, so no
 * plain {@code @here} becomes a mention either; right-to-left lines are wrapped in bidi isolates, which
 * always stand outside the bold asterisks ({@link #bold}).
 * Stateless and thread-safe.
 */
public final class SlackRenderer {
  /** Slack's limits, less a margin for the markup added after truncating. */
  static final int MAX_SECTION = SlackLimits.SECTION_TEXT - 100;
  private static final int MAX_FIELDS = SlackLimits.FIELDS;
  private static final int MAX_FIELD = SlackLimits.FIELD_TEXT - 100;

  public SlackMessage render(NotificationView view, ResolvedLocale locale) {
    BidiIsolation bidi = new BidiIsolation(locale.rightToLeft());
    SeverityStyle style = SeverityStyle.of(view.severity(), view.resolved());
    List<LayoutBlock> blocks = new ArrayList<>();
    String headline = MrkdwnEscaper.escape(view.headline());
    blocks.add(section(style.emoji() + " " + bidi.line(bold(headline))));
    if (view.message() != null && !view.message().isBlank()) {
      blocks.add(section(bidi.line(bidi.run(truncate(MrkdwnEscaper.escape(view.message()), MAX_SECTION)))));
    }
    for (AlertList list : view.lists()) {
      if (!list.isEmpty()) {
        list(list, bidi, blocks);
      }
    }
    List<TextObject> fields = new ArrayList<>();
    for (Map.Entry<String, String> field : view.fields().entrySet()) {
      if (fields.size() == MAX_FIELDS) {
        break;
      }
      fields.add(mrkdwn(bidi.line(bold(MrkdwnEscaper.escape(field.getKey()))) + "\n"
          + bidi.line(truncate(MrkdwnEscaper.escape(field.getValue()), MAX_FIELD))));
    }
    if (!fields.isEmpty()) {
      blocks.add(SectionBlock.builder().fields(fields).build());
    }
    if (!view.labels().isEmpty()) {
      StringBuilder text = new StringBuilder(bidi.line(bold(MrkdwnEscaper.escape(view.labelsTitle()))));
      view.labels().forEach((name, value) ->
          text.append('\n').append(bidi.line(MrkdwnEscaper.escape(view.labelFormat().pair(name, value)))));
      blocks.add(section(truncate(text.toString(), MAX_SECTION)));
    }
    List<String> links = new ArrayList<>();
    for (Link link : view.links()) {
      String shown = link.getText() != null && !link.getText().isBlank() ? link.getText() : link.getUrl();
      String markup = MrkdwnEscaper.link(link.getUrl(), shown);
      if (markup != null) {
        links.add(bidi.line(bidi.run(markup)));
      }
    }
    if (!links.isEmpty()) {
      blocks.add(section(truncate(bidi.line(bold(MrkdwnEscaper.escape(view.linksTitle()))) + "\n"
          + String.join("\n", links), MAX_SECTION)));
    }
    if (!view.notes().isEmpty()) {
      List<ContextBlockElement> elements = new ArrayList<>();
      for (String note : view.notes()) {
        if (elements.size() < MAX_FIELDS) {
          elements.add(mrkdwn(bidi.line(MrkdwnEscaper.escape(note))));
        }
      }
      blocks.add(ContextBlock.builder().elements(elements).build());
    }
    return new SlackMessage(bidi.line(headline), style.color(), blocks, locale.formatting());
  }

  /**
   * A list under its heading, one line per item (a marked line after its severity's emoji), in
   * sections that each stay within Slack's limit: a list that would not fit one section goes on in
   * the next rather than being cut off.
   */
  private static void list(AlertList alerts, BidiIsolation bidi, List<LayoutBlock> blocks) {
    List<String> lines = new ArrayList<>();
    for (AlertList.Line line : alerts.lines()) {
      String text = bidi.line(truncate(MrkdwnEscaper.escape(line.text()), MAX_FIELD));
      lines.add(line.marked() ? SeverityStyle.of(line.severity(), line.resolved()).emoji() + " " + text : text);
    }
    if (alerts.more() != null) {
      lines.add(bidi.line(MrkdwnEscaper.escape(alerts.more())));
    }
    StringBuilder text = new StringBuilder(bidi.line(bold(MrkdwnEscaper.escape(alerts.title()))));
    for (String line : lines) {
      if (text.length() + 1 + line.length() > MAX_SECTION) {
        blocks.add(section(text.toString()));
        text.setLength(0);
      } else {
        text.append('\n');
      }
      text.append(line);
    }
    blocks.add(section(text.toString()));
  }

  /**
   * Mrkdwn bold whose asterisks touch visible text on their inner side, as Slack requires: a run
   * that starts or ends with a bidi isolate ("*\u2068Disk full\u2069*") shows its asterisks instead of
   * bold. So each stretch between directional marks is made bold on its own and the marks stay
   * outside the asterisks: "פעילה: \u2068Disk full\u2069" becomes "*פעילה:* \u2068*Disk full*\u2069". Text
   * without marks is simply wrapped.
   */
  static String bold(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || BidiIsolation.isDirectional(text.charAt(i))) {
        boldStretch(text.substring(start, i), out);
        if (i < text.length()) {
          out.append(text.charAt(i));
        }
        start = i + 1;
      }
    }
    return out.toString();
  }

  /** Wraps a stretch in asterisks inside its leading and trailing spaces (which would break bold too). */
  private static void boldStretch(String stretch, StringBuilder out) {
    int begin = 0;
    int end = stretch.length();
    while (begin < end && Character.isWhitespace(stretch.charAt(begin))) {
      begin++;
    }
    while (end > begin && Character.isWhitespace(stretch.charAt(end - 1))) {
      end--;
    }
    if (begin == end) {
      out.append(stretch);
      return;
    }
    out.append(stretch, 0, begin).append('*').append(stretch, begin, end).append('*').append(stretch, end, stretch.length());
  }

  private static SectionBlock section(String mrkdwn) {
    return SectionBlock.builder().text(mrkdwn(mrkdwn)).build();
  }

  /**
   * A mrkdwn text that Slack takes as written: verbatim, so a plain "@here", "@channel" or
   * channel name in alert text is not turned into a mention or link (escaping has already made
   * {@code <!here>} and {@code <@U…>} inert; Klaxon's own {@code <url|text>} links still work).
   */
  private static MarkdownTextObject mrkdwn(String text) {
    return MarkdownTextObject.builder().text(text).verbatim(true).build();
  }

  private static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    // Never cut an escape entity or a surrogate pair in half.
    int amp = text.lastIndexOf('&', end);
    if (amp >= 0 && text.indexOf(';', amp) >= end) {
      end = amp;
    }
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
