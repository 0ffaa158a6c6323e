package io.klaxon.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides which tenant a capture belongs to, preferring explicit fields over guesses:
 *
 * <ul>
 *   <li>Slack: the message metadata's {@code event_payload.tenant_id} (the notifier sets it on
 *       {@code chat.postMessage}); else, for an incoming webhook, the first path segment after
 *       {@code /services/}; else the channel name.
 *   <li>Email: an {@code X-Klaxon-Tenant} header; else the first recipient's domain.
 *   <li>Webhook: the payload's {@code tenant.id} (or a string {@code tenant}/{@code tenantId});
 *       else the first path segment after {@code /hooks/}.
 * </ul>
 *
 * Returns {@link #UNKNOWN} when nothing names a tenant. Stateless.
 */
public final class TenantAttribution {
  /** The tenant of a capture that names none. */
  public static final String UNKNOWN = "unknown";

  private TenantAttribution() {}

  public static String slack(JsonNode metadata, String webhookPath, String channel) {
    JsonNode tenant = metadata == null ? null : metadata.path("event_payload").path("tenant_id");
    if (tenant != null && tenant.isTextual() && !tenant.asText().isBlank()) {
      return tenant.asText().strip();
    }
    if (webhookPath != null) {
      String segment = firstSegmentAfter(webhookPath, "/services/");
      if (segment != null) {
        return segment;
      }
    }
    return nonBlank(channel);
  }

  public static String email(Map<String, String> headers, List<String> recipients) {
    String header = headers.get("X-Klaxon-Tenant");
    if (header != null && !header.isBlank()) {
      return header.strip();
    }
    for (String recipient : recipients) {
      int at = recipient.lastIndexOf('@');
      if (at >= 0 && at < recipient.length() - 1) {
        return recipient.substring(at + 1).replace(">", "").strip().toLowerCase(Locale.ROOT);
      }
    }
    return UNKNOWN;
  }

  public static String webhook(WebhookPayload payload, String path) {
    String tenant = payload.tenantId();
    if (tenant != null && !tenant.isBlank()) {
      return tenant.strip();
    }
    String segment = firstSegmentAfter(path, "/hooks/");
    return segment == null ? UNKNOWN : segment;
  }

  private static String firstSegmentAfter(String path, String prefix) {
    if (path == null || !path.startsWith(prefix)) {
      return null;
    }
    String rest = path.substring(prefix.length());
    int slash = rest.indexOf('/');
    String segment = slash < 0 ? rest : rest.substring(0, slash);
    return segment.isBlank() ? null : segment;
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? UNKNOWN : value.strip();
  }
}
