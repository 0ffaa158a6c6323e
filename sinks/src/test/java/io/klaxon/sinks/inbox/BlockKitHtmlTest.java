package io.klaxon.sinks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BlockKitHtmlTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void rendersHeaderSectionFieldsContextAndDivider() throws Exception {
    String html = BlockKitHtml.blocks(json("""
        [{"type":"header","text":{"type":"plain_text","text":"Disk <full>"}},
         {"type":"section","text":{"type":"mrkdwn","text":"*db-1* at 97%"},
          "fields":[{"type":"mrkdwn","text":"*Severity*\\nHIGH"},{"type":"plain_text","text":"Source: disk"}]},
         {"type":"divider"},
         {"type":"context","elements":[{"type":"mrkdwn","text":"_repeat_"},{"type":"image","image_url":"https://x/y.png","alt_text":"logo"}]},
         {"type":"mystery"}]
        """));
    assertThat(html)
        .contains("<div class=\"sk-header\">Disk &lt;full&gt;</div>")
        .contains("<b>db-1</b> at 97%")
        .contains("<div class=\"sk-field\"><span class=\"mrkdwn\"><b>Severity</b>\nHIGH</span></div>")
        .contains("<div class=\"sk-field\">Source: disk</div>")
        .contains("<hr class=\"sk-divider\">")
        .contains("<i>repeat</i>")
        .contains("[logo]")
        .contains("[mystery block]")
        .doesNotContain("https://x/y.png");
  }

  @Test
  void showsTheTextAndAttachmentsWithTheirColourBar() throws Exception {
    SlackCapture message = new SlackCapture(Instant.EPOCH, "acme", SlackCapture.VIA_API, "C1", "alerts", "1.000001",
        "Disk full", null, json("""
            [{"color":"#D00000","fallback":"Disk full","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"body"}}]}]
            """), null, 0);
    String html = BlockKitHtml.message(message);
    assertThat(html).startsWith("<div class=\"mrkdwn\">Disk full</div>")
        .contains("border-inline-start-color:#D00000")
        .contains("body");
  }

  @Test
  void usesOnlySafeColours() {
    assertThat(BlockKitHtml.color("#2eb67d")).isEqualTo("#2eb67d");
    assertThat(BlockKitHtml.color("ECB22E")).isEqualTo("#ECB22E");
    assertThat(BlockKitHtml.color("danger")).isEqualTo("#E01E5A");
    assertThat(BlockKitHtml.color("red;background:url(http://evil)")).isEqualTo("#DDDDDD");
  }

  @Test
  void topLevelBlocksReplaceTheText() throws Exception {
    SlackCapture message = new SlackCapture(Instant.EPOCH, "acme", SlackCapture.VIA_API, "C1", "alerts", "1.000001",
        "fallback only", json("[{\"type\":\"section\",\"text\":{\"type\":\"plain_text\",\"text\":\"shown\"}}]"),
        null, null, 0);
    assertThat(BlockKitHtml.message(message)).contains("shown").doesNotContain("fallback only");
  }
}
