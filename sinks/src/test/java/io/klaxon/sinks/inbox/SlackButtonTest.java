package io.klaxon.sinks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackButtonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static SlackCapture message() throws Exception {
    JsonNode blocks = MAPPER.readTree("""
        [{"type":"section","text":{"type":"mrkdwn","text":"top"},
          "accessory":{"type":"button","action_id":"open","text":{"type":"plain_text","text":"Open"},"value":"v0"}},
         {"type":"actions","block_id":"b1","elements":[
           {"type":"button","action_id":"a1","text":{"type":"plain_text","text":"One"},"value":"v1","style":"danger"},
           {"type":"static_select","action_id":"pick"}]}]
        """);
    JsonNode attachments = MAPPER.readTree("""
        [{"color":"#D00000","blocks":[{"type":"actions","block_id":"klaxon_actions","elements":[
           {"type":"button","action_id":"klaxon_ack","text":{"type":"plain_text","text":"Ack"},
            "value":"{\\"fingerprint\\":\\"fp\\\\\\"><script>x</script>\\"}","style":"primary"}]}]}]
        """);
    return new SlackCapture(Instant.EPOCH, "acme", SlackCapture.VIA_API, "C1", "#ops", "1.000001", "", blocks,
        attachments, null, 0);
  }

  @Test
  void numbersTopLevelButtonsThenAttachmentButtons() throws Exception {
    List<SlackButton> buttons = SlackButton.of(message());

    assertThat(buttons).extracting(SlackButton::actionId).containsExactly("open", "a1", "klaxon_ack");
    assertThat(buttons).extracting(SlackButton::index).containsExactly(0, 1, 2);
    assertThat(buttons.get(1)).isEqualTo(new SlackButton(1, "b1", "a1", "One", "v1", "danger"));
    assertThat(buttons.get(2).blockId()).isEqualTo("klaxon_actions");
  }

  @Test
  void clickableButtonsPostOnlyTheMessageIdAndTheirNumberNeverTheirValue() throws Exception {
    String html = BlockKitHtml.clickableMessage(message(), 42);

    assertThat(html)
        .contains("<form class=\"sk-click\" method=\"post\" action=\"/slack/actions\"><input type=\"hidden\" "
            + "name=\"message\" value=\"42\"><input type=\"hidden\" name=\"button\" value=\"2\"><button "
            + "type=\"submit\" class=\"sk-button sk-primary\" data-action-id=\"klaxon_ack\">Ack</button></form>")
        .contains("name=\"button\" value=\"0\"").contains("data-action-id=\"open\">Open</button>")
        .contains("class=\"sk-button sk-danger\" data-action-id=\"a1\"")
        .doesNotContain("fp").doesNotContain("<script>").doesNotContain("v1");
  }

  @Test
  void plainMessagesShowButtonsAsLabels() throws Exception {
    String html = BlockKitHtml.message(message());

    assertThat(html).contains("<span class=\"sk-button sk-primary\">Ack</span>").doesNotContain("<form");
  }
}
