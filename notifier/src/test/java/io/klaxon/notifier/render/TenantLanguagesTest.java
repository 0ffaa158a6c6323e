package io.klaxon.notifier.render;

import static io.klaxon.notifier.testing.Requests.email;
import static io.klaxon.notifier.testing.Requests.request;
import static io.klaxon.notifier.testing.Requests.slackChannel;
import static io.klaxon.notifier.testing.Requests.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.GsonBuilder;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeliveryProfile;
import io.klaxon.events.NotificationRequest;
import io.klaxon.i18n.TenantBundleLimits;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.ExampleTenants;
import io.klaxon.embedded.junit.LogCapture;
import io.klaxon.notifier.testing.Requests;
import java.util.HashMap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tenants bring languages Klaxon lacks and change the texts of those it has; each target may be
 * read in a language of its own.
 */
class TenantLanguagesTest {
  private static final Map<String, Map<String, String>> HOOGLAND = ExampleTenants.messageBundles("hoogland");

  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", metrics);

  private static DeliveryProfile.Builder profile(String locale, Map<String, Map<String, String>> bundles) {
    return DeliveryProfile.newBuilder().setDisplayName("Hoogland Logistiek").setDefaultLocale(locale)
        .setTimeZone("Europe/Amsterdam").setMessageBundles(bundles);
  }

  private static NotificationRequest.Builder dutch(ChannelTarget target) {
    return request(target).setDelivery(profile("nl", HOOGLAND).build());
  }

  @Test
  void theExampleDutchTenantIsNotifiedInDutchOnEveryChannel() throws Exception {
    SlackMessage slack = renderer.slackMessage(dutch(slackChannel("#planning")).setDuplicatesSuppressed(2).build());
    EmailMessage email = renderer.emailMessage(dutch(email("ops@hoogland.example")).build());
    WebhookMessage webhook = renderer.webhookMessage(dutch(webhook("https://tms.example/hook", "env:K")).build());

    assertThat(slack.text()).isEqualTo("Actief: Disk almost full");
    assertThat(json(slack)).contains("*Ernst*\\nKritiek").contains("*Bron*\\ncheckout-api").contains("2 duplicaten onderdrukt");
    // 10:15 UTC is 11:15 in Amsterdam in November.
    assertThat(email.subject()).isEqualTo("[Kritiek] Actief: Disk almost full — Hoogland Logistiek");
    assertThat(email.text()).contains("Opgetreden op: 22 nov 2026, 11:15").contains("Verzonden door Klaxon aan het team van");
    assertThat(email.html()).contains("<html lang=\"nl\" dir=\"ltr\">");
    JsonNode rendered = new ObjectMapper().readTree(webhook.body()).path("rendered");
    assertThat(rendered.path("locale").asText()).isEqualTo("nl");
    assertThat(rendered.path("title").asText()).isEqualTo("Actief: Disk almost full");
    assertThat(metrics.count(MessageFallbacks.METER, "to", "english")).isZero();
  }

  @Test
  void aTenantChangesSomeKeysOfABuiltInLanguageAndKeepsTheRest() {
    NotificationRequest request = request(email("ops@acme.example")).setRepeat(true)
        .setDelivery(profile("fr", Map.of("fr", Map.of("alert.repeat", "Toujours là, on insiste"))).build()).build();

    EmailMessage message = renderer.emailMessage(request);

    assertThat(message.text()).contains("Toujours là, on insiste").contains("Gravité\u202F: Critique");
  }

  @Test
  void aKeyTheTenantsLanguageLacksIsShownInEnglishCountedAndLogged() {
    Map<String, Map<String, String>> partial = Map.of("nl", without(HOOGLAND.get("nl"), "field.kind"));

    Configurator.setLevel(LocalizedMessages.class.getName(), Level.DEBUG);
    try (LogCapture logs = new LogCapture()) {
      EmailMessage message = renderer.emailMessage(request(email("ops@hoogland.example"))
          .setDelivery(profile("nl", partial).build()).build());

      assertThat(message.text()).contains("Ernst: Kritiek").contains("Kind: Alarm");
      assertThat(metrics.count(MessageFallbacks.METER, "key", "field.kind", "to", "english")).isEqualTo(1.0);
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("field.kind").contains("acme").contains("nl"));
    } finally {
      Configurator.setLevel(LocalizedMessages.class.getName(), Level.INFO);
    }
  }

  @Test
  void aTenantPatternThatFailsFallsBackToKlaxonsCountedAndLogged() {
    Map<String, String> broken = new HashMap<>(HOOGLAND.get("nl"));
    broken.put("time.at", "{at, date, ::yMMMdjmmz");
    Map<String, Map<String, String>> bundles = Map.of("nl", broken, "fr", Map.of("field.kind", "SECRET {kind, number"));

    EmailMessage dutch = renderer.emailMessage(request(email("a@hoogland.example")).setDelivery(profile("nl", bundles).build()).build());
    EmailMessage french = renderer.emailMessage(request(email("a@hoogland.example")).setDelivery(profile("fr", bundles).build()).build());

    // Klaxon's pattern of the chain (English: Klaxon has no Dutch), still formatted in Dutch.
    assertThat(dutch.text()).contains("Opgetreden op: 22 nov 2026, 11:15");
    assertThat(french.text()).contains("Type\u202F: Alerte").doesNotContain("SECRET");
    assertThat(metrics.count(MessageFallbacks.METER, "key", "time.at", "to", "built_in")).isEqualTo(1.0);
    assertThat(metrics.count(MessageFallbacks.METER, "key", "field.kind", "to", "built_in")).isEqualTo(1.0);
  }

  @Test
  void persianAndUrduBundlesAreRenderedRightToLeftAsCldrSays() {
    for (String language : new String[] {"fa", "ur"}) {
      Map<String, Map<String, String>> bundles = Map.of(language, Map.of(
          "status", "{status, select, RESOLVED {حل شد} other {فعال}}",
          "alert.headline", "{status, select, RESOLVED {حل شد} other {فعال}}: {title}"));
      NotificationRequest.Builder request = request(slackChannel("#ops")).setDelivery(profile(language, bundles).build());

      SlackMessage slack = renderer.slackMessage(request.build());
      EmailMessage email = renderer.emailMessage(NotificationRequest.newBuilder(request.build())
          .setTarget(email("a@example.com")).build());

      assertThat(slack.rightToLeft()).as(language).isTrue();
      assertThat(slack.text()).as(language)
          .isEqualTo(BidiIsolation.RLI + "فعال: " + BidiIsolation.FSI + "Disk almost full" + BidiIsolation.PDI + BidiIsolation.PDI);
      assertThat(email.html()).as(language).contains("<html lang=\"" + language + "\" dir=\"rtl\">");
    }
  }

  @Test
  void oneAlertToAnEnglishEmailAndAJapaneseSlackChannelIsRenderedInBoth() {
    ChannelTarget englishEmail = ChannelTarget.newBuilder(email("board@initech.example")).setLocale("en").build();
    ChannelTarget japaneseSlack = ChannelTarget.newBuilder(slackChannel("#initech-ops")).setLocale("ja").build();
    DeliveryProfile tenant = profile("de", Map.of()).build();

    EmailMessage email = renderer.emailMessage(request(englishEmail).setDelivery(tenant).build());
    SlackMessage slack = renderer.slackMessage(request(japaneseSlack).setDelivery(tenant).build());

    assertThat(email.subject()).isEqualTo("[Critical] Firing: Disk almost full — Hoogland Logistiek");
    assertThat(slack.text()).isEqualTo("発生中：Disk almost full");
    assertThat(json(slack)).contains("重大度");
  }

  @Test
  void theAlertsLocaleComesBeforeTheTargetsAndTheTargetsBeforeTheTenants() {
    ChannelTarget japanese = ChannelTarget.newBuilder(email("a@example.com")).setLocale("ja").build();
    ChannelTarget unknown = ChannelTarget.newBuilder(email("a@example.com")).setLocale("tlh").build();
    DeliveryProfile dutchTenant = profile("nl", HOOGLAND).build();

    String alertFirst = renderer.emailMessage(request(japanese).setDelivery(dutchTenant)
        .setAlert(Requests.alert().setLocale("fr-CA").build()).build()).subject();
    String targetNext = renderer.emailMessage(request(japanese).setDelivery(dutchTenant).build()).subject();
    String tenantLast = renderer.emailMessage(request(unknown).setDelivery(dutchTenant).build()).subject();

    assertThat(alertFirst).startsWith("[Critique] Déclenchée");
    assertThat(targetNext).startsWith("[重大] 発生中");
    assertThat(tenantLast).startsWith("[Kritiek] Actief");
  }

  @Test
  void aTargetMayNameALanguageOnlyItsTenantHasABundleFor() {
    ChannelTarget dutchTarget = ChannelTarget.newBuilder(email("a@example.com")).setLocale("nl-BE").build();

    EmailMessage message = renderer.emailMessage(request(dutchTarget).setDelivery(profile("en", HOOGLAND).build()).build());

    assertThat(message.subject()).startsWith("[Kritiek] Actief");
    assertThat(message.locale().toLanguageTag()).isEqualTo("nl-BE");
    // Another tenant has no Dutch: its Dutch target reads the tenant's language.
    assertThat(renderer.emailMessage(request(dutchTarget).build()).subject()).startsWith("[Critical] Firing");
  }

  @Test
  void bundlesBeyondTheSizeLimitsAreIgnored() {
    Map<String, String> huge = new HashMap<>(HOOGLAND.get("nl"));
    huge.put("email.footer", "x".repeat(TenantBundleLimits.MAX_BUNDLE_CHARS));

    EmailMessage message = renderer.emailMessage(request(email("a@example.com"))
        .setDelivery(profile("nl", Map.of("nl", huge)).build()).build());

    assertThat(message.subject()).startsWith("[Critical] Firing");
  }

  private static Map<String, String> without(Map<String, String> bundle, String key) {
    Map<String, String> copy = new HashMap<>(bundle);
    copy.remove(key);
    return copy;
  }

  private static String json(SlackMessage message) {
    return new GsonBuilder().disableHtmlEscaping().create().toJson(message.blocks());
  }
}
