package io.klaxon.sinks.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.klaxon.contract.TenantIds;
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
 *   <li>Email: an {@code X-Klaxon-Tenant} header; else the first label of the first recipient
 *       domain that is a well-formed tenant id ({@link TenantIds}): {@code noc@umbrella.example}
 *       belongs to {@code umbrella}, the tenant its Slack messages and webhooks name.
 *   <li>Webhook: the payload's {@code tenant.id} (or a string {@code tenant}/{@code tenantId});
 *       else the first path segment after {@code /hooks/}.
 *   <li>PagerDuty: a trigger's {@code payload.custom_details.tenant} (the notifier sets it); else,
 *       since acknowledge and resolve events carry no payload, the tenant the stand-in already knows
 *       for the event (its incident's, or the last one named for its routing key).
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
      String label = firstDomainLabel(recipient);
      // A tenant id has no dots, so a whole domain can never be one: the tenant is its first label.
      if (TenantIds.isValid(label)) {
        return label;
      }
    }
    return UNKNOWN;
  }

  /** {@code noc@Umbrella.Example} → {@code umbrella}; null when the address has no domain. */
  private static String firstDomainLabel(String address) {
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return null;
    }
    String domain = address.substring(at + 1).replace(">", "").strip().toLowerCase(Locale.ROOT);
    int dot = domain.indexOf('.');
    return dot < 0 ? domain : domain.substring(0, dot);
  }

  public static String webhook(WebhookPayload payload, String path) {
    String tenant = payload.tenantId();
    if (tenant != null && !tenant.isBlank()) {
      return tenant.strip();
    }
    String segment = firstSegmentAfter(path, "/hooks/");
    return segment == null ? UNKNOWN : segment;
  }

  /**
   * @param event the event as received (any JSON, or a missing node)
   * @param known the tenant known for the event without looking at it, or null
   */
  public static String pagerDuty(JsonNode event, String known) {
    JsonNode tenant = event == null ? null : event.path("payload").path("custom_details").path("tenant");
    if (tenant != null && tenant.isTextual() && !tenant.asText().isBlank()) {
      return tenant.asText().strip();
    }
    return nonBlank(known);
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
