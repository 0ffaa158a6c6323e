package io.klaxon.notifier.render;

import static io.klaxon.notifier.testing.Requests.email;
import static io.klaxon.notifier.testing.Requests.request;
import static io.klaxon.notifier.testing.Requests.slackChannel;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import io.klaxon.i18n.BuiltInBundles;
import io.klaxon.i18n.MessageSurface;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.Requests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code klaxon i18n check} holds each key to the limit of where {@link MessageSurface} says it is
 * shown; this checks that the renderers really show it there.
 */
class MessageSurfaceTest {
  @Test
  void everyKeyIsShownWhereMessageSurfaceSays() {
    Map<String, String> marked = new HashMap<>();
    BuiltInBundles.english().forEach((key, pattern) -> marked.put(key, pattern + " [" + key + "]"));
    Renderer renderer = new Renderer(MessageBundles.of(Map.of("en", marked)), "en", NotifierMetrics.inMemory());

    Map<MessageSurface, StringBuilder> shown = new HashMap<>();
    for (MessageSurface surface : MessageSurface.values()) {
      shown.put(surface, new StringBuilder());
    }
    for (SlackMessage slack : List.of(
        renderer.slackMessage(request(slackChannel("#ops")).setRepeat(true).setDuplicatesSuppressed(2).build()),
        renderer.slackMessage(Requests.summaryRequest(slackChannel("#ops"), 3).build()),
        renderer.slackMessage(Requests.groupRequest(slackChannel("#ops"), Requests.group().setOmitted(4).build()).build()),
        renderer.slackMessage(Requests.digestRequest(slackChannel("#ops")).build()))) {
      collect(slack, shown);
    }
    shown.get(MessageSurface.SUBJECT).append(renderer.emailMessage(request(email("a@example.com")).build()).subject())
        .append(renderer.emailMessage(Requests.summaryRequest(email("a@example.com"), 3).build()).subject())
        .append(renderer.emailMessage(Requests.groupRequest(email("a@example.com")).build()).subject())
        .append(renderer.emailMessage(Requests.digestRequest(email("a@example.com")).build()).subject());
    String limited = String.join("", shown.values());

    BuiltInBundles.english().keySet().forEach(key -> {
      MessageSurface surface = MessageSurface.of(key);
      if (surface == MessageSurface.BODY) {
        assertThat(limited).as(key + " is shown nowhere with a limit").doesNotContain("[" + key + "]");
      } else {
        assertThat(shown.get(surface).toString()).as(key + " on " + surface).contains("[" + key + "]");
      }
    });
  }

  private static void collect(SlackMessage slack, Map<MessageSurface, StringBuilder> shown) {
    List<LayoutBlock> blocks = new ArrayList<>(slack.blocks());
    SectionBlock first = (SectionBlock) blocks.removeFirst();
    shown.get(MessageSurface.HEADLINE).append(first.getText().getText());
    for (LayoutBlock block : blocks) {
      if (block instanceof SectionBlock section) {
        if (section.getText() != null) {
          shown.get(MessageSurface.SECTION).append(section.getText().getText());
        }
        if (section.getFields() != null) {
          section.getFields().forEach(f -> shown.get(MessageSurface.FIELD).append(f.getText()));
        }
      } else if (block instanceof ContextBlock context) {
        context.getElements().forEach(e -> shown.get(MessageSurface.CONTEXT).append(((MarkdownTextObject) e).getText()));
      }
    }
  }
}
