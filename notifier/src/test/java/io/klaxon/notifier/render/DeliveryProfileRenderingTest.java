package io.klaxon.notifier.render;

import static io.klaxon.notifier.testing.Requests.email;
import static io.klaxon.notifier.testing.Requests.request;
import static io.klaxon.notifier.testing.Requests.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.events.DeliveryProfile;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The renderer takes the tenant's settings from the request's delivery profile, and from the flat
 * fields only for requests written before the profile existed.
 */
class DeliveryProfileRenderingTest {
  private final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", NotifierMetrics.inMemory());

  /** A profile that disagrees with every flat field {@code Requests.request} sets. */
  private static final DeliveryProfile GERMAN = DeliveryProfile.newBuilder()
      .setDisplayName("Acme GmbH")
      .setDefaultLocale("de")
      .setTimeZone("Europe/Berlin")
      .setTemplateOverrides(Map.of("alert.headline", "ALARM {title}!"))
      .build();

  @Test
  void theProfileWinsOverTheFlatFields() {
    NotificationRequest request = request(email("ops@acme.example")).setDelivery(GERMAN).build();

    EmailMessage message = (EmailMessage) renderer.render(request);

    assertThat(message.locale().toLanguageTag()).isEqualTo("de");
    assertThat(message.text()).startsWith("ALARM Disk almost full!");
    // 10:15 UTC is 11:15 in Berlin in November.
    assertThat(message.text()).contains("11:15").contains("Acme GmbH").doesNotContain("Acme Corp");
  }

  @Test
  void aRequestWithoutProfileIsRenderedFromItsFlatFields() {
    NotificationRequest request = request(email("ops@acme.example")).setTenantLocale("de").setTimeZone("Europe/Berlin")
        .setTemplateOverrides(Map.of("alert.headline", "ALARM {title}!")).build();

    EmailMessage message = (EmailMessage) renderer.render(request);

    assertThat(message.locale().toLanguageTag()).isEqualTo("de");
    assertThat(message.text()).startsWith("ALARM Disk almost full!").contains("11:15").contains("Acme Corp");
  }

  @Test
  void theWebhookPayloadNamesTheTenantFromTheProfile() throws Exception {
    NotificationRequest request = request(webhook("https://hooks.acme.example/in", "env:ACME_HOOK"))
        .setDelivery(GERMAN).build();

    WebhookMessage message = (WebhookMessage) renderer.render(request);

    assertThat(new ObjectMapper().readTree(message.body()).path("tenant").path("name").asText()).isEqualTo("Acme GmbH");
  }
}
