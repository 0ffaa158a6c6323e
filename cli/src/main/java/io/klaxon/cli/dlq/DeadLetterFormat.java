package io.klaxon.cli.dlq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.events.DeadLetter;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Renders a dead letter as one readable line or as one line of JSON (original key and value as
 * base64). Stateless and thread-safe.
 */
public final class DeadLetterFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeadLetterFormat() {}

  /** {@code REASON tenant=T event=E from=topic-partition@offset [field=path] detail}. */
  public static String line(DeadLetter d) {
    StringBuilder out = new StringBuilder()
        .append(d.getDeadLetteredAt()).append(' ')
        .append(d.getReason())
        .append(" tenant=").append(d.getTenantId() == null ? "-" : d.getTenantId())
        .append(" event=").append(d.getEventId() == null ? "-" : d.getEventId())
        .append(" from=").append(d.getSourceTopic()).append('-').append(d.getSourcePartition()).append('@').append(d.getSourceOffset());
    if (d.getFieldPath() != null) {
      out.append(" field=").append(d.getFieldPath());
    }
    return out.append(' ').append(d.getDetail()).toString();
  }

  public static String json(DeadLetter d) {
    ObjectNode node = JSON.createObjectNode()
        .put("reason", d.getReason().name())
        .put("detail", d.getDetail())
        .put("fieldPath", d.getFieldPath())
        .put("tenantId", d.getTenantId())
        .put("eventId", d.getEventId())
        .put("schemaId", d.getSchemaId())
        .put("sourceTopic", d.getSourceTopic())
        .put("sourcePartition", d.getSourcePartition())
        .put("sourceOffset", d.getSourceOffset())
        .put("originalTimestamp", d.getOriginalTimestamp().toString())
        .put("deadLetteredAt", d.getDeadLetteredAt().toString())
        .put("originalKey", base64(d.getOriginalKey()))
        .put("originalValue", base64(d.getOriginalValue()));
    return node.toString();
  }

  static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  private static String base64(ByteBuffer buffer) {
    byte[] raw = bytes(buffer);
    return raw == null ? null : Base64.getEncoder().encodeToString(raw);
  }
}
