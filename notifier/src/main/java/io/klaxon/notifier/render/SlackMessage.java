package io.klaxon.notifier.render;

import com.ibm.icu.util.ULocale;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * A Slack message: Block Kit blocks shown in an attachment coloured by severity, and a plain
 * fallback text for notifications and clients without blocks. All texts are mrkdwn-escaped.
 *
 * @param text fallback text (escaped mrkdwn)
 * @param color attachment colour, {@code #RRGGBB}
 * @param blocks the Block Kit blocks
 * @param locale the rendering locale
 */
public record SlackMessage(String text, String color, List<LayoutBlock> blocks, ULocale locale)
    implements RenderedMessage {
  public SlackMessage {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(color, "color");
    blocks = List.copyOf(blocks);
    Objects.requireNonNull(locale, "locale");
  }
}
