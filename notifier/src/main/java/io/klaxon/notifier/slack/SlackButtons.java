package io.klaxon.notifier.slack;

import com.google.gson.JsonObject;
import com.slack.api.model.Attachment;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.klaxon.events.NotificationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Ack and Silence 1h buttons of a firing alert's Slack message: one Block Kit actions block
 * whose buttons carry, as their {@code value}, JSON naming the tenant, the target and the alert
 * ({@code {"tenant":..,"target":..,"fingerprint":..}}; the silence button adds the alert's labels,
 * from which the silence's matchers are made). The ingest service reads these values back from a
 * signed interaction. A silence value longer than Slack allows ({@value #MAX_VALUE} characters)
 * leaves the silence button out rather than cut labels off. A group's, a summary's and a digest's
 * message have no buttons ({@link #apply}). Stateless.
 */
public final class SlackButtons {
  /** {@code action_id} of the Ack button. */
  public static final String ACK_ACTION = "klaxon_ack";
  /** {@code action_id} of the Silence 1h button. */
  public static final String SILENCE_ACTION = "klaxon_silence_1h";
  /** {@code block_id} of the actions block. */
  public static final String BLOCK_ID = "klaxon_actions";
  /** Slack's limit on a button value. */
  static final int MAX_VALUE = 2000;

  private SlackButtons() {}

  /**
   * Whether the buttons fit {@code request}: only an alert's. Acknowledgements are kept per alert
   * fingerprint, and a group's fingerprint ({@code group:<groupKey>}) names no alert, so an Ack
   * would be recorded and change nothing; a Silence made from the one alert the request carries
   * would silence that alert and leave the rest of the group firing, which the button would not say.
   * A summary and a digest name no alert at all.
   */
  static boolean apply(NotificationRequest request) {
    return switch (request.getType()) {
      case ALERT -> true;
      case GROUP, SUPPRESSION_SUMMARY, DIGEST -> false;
    };
  }

  /** {@code attachment} with the buttons for {@code request} appended to its blocks. */
  static Attachment addTo(Attachment attachment, NotificationRequest request) {
    List<LayoutBlock> blocks = new ArrayList<>(attachment.getBlocks() == null ? List.of() : attachment.getBlocks());
    blocks.add(actions(request));
    return Attachment.builder().color(attachment.getColor()).fallback(attachment.getFallback()).blocks(blocks).build();
  }

  /** The actions block for a firing alert notification (tenant, target and fingerprint set). */
  static ActionsBlock actions(NotificationRequest request) {
    JsonObject alert = new JsonObject();
    alert.addProperty("tenant", request.getTenantId());
    alert.addProperty("target", request.getTarget().getId());
    alert.addProperty("fingerprint", request.getFingerprint());
    List<BlockElement> buttons = new ArrayList<>();
    buttons.add(button(ACK_ACTION, "Ack", alert.toString(), "primary"));
    JsonObject silence = alert.deepCopy();
    JsonObject labels = new JsonObject();
    Map<String, String> sorted = request.getAlert() == null ? Map.of() : new TreeMap<>(request.getAlert().getLabels());
    sorted.forEach(labels::addProperty);
    silence.add("labels", labels);
    if (silence.toString().length() <= MAX_VALUE && !sorted.isEmpty()) {
      buttons.add(button(SILENCE_ACTION, "Silence 1h", silence.toString(), null));
    }
    return ActionsBlock.builder().blockId(BLOCK_ID).elements(buttons).build();
  }

  private static ButtonElement button(String actionId, String text, String value, String style) {
    return ButtonElement.builder()
        .actionId(actionId)
        .text(PlainTextObject.builder().text(text).emoji(false).build())
        .value(value)
        .style(style)
        .build();
  }
}
