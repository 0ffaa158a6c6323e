package io.klaxon.notifier.render;

import static io.klaxon.notifier.testing.Requests.email;
import static io.klaxon.notifier.testing.Requests.request;
import static io.klaxon.notifier.testing.Requests.slackChannel;
import static io.klaxon.notifier.testing.Requests.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.GsonBuilder;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.embedded.junit.LogCapture;
import io.klaxon.notifier.testing.Requests;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendererTest {
  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", metrics);

  private SlackMessage slack(NotificationRequest request) {
    return (SlackMessage) renderer.render(request);
  }

  private static String json(SlackMessage message) {
    return new GsonBuilder().disableHtmlEscaping().create().toJson(message.blocks());
  }

  @Test
  void slackBlocksCarryHeadlineFieldsLabelsLinksAndColour() {
    SlackMessage message = slack(request(slackChannel("#ops")).setDuplicatesSuppressed(3).build());

    String blocks = json(message);
    assertThat(message.color()).isEqualTo("#D00000");
    assertThat(blocks).contains(":rotating_light: *Firing: Disk almost full*")
        .contains("Volume /data is 97% full")
        .contains("*Severity*\\nCritical").contains("*Tenant*\\nAcme Corp").contains("*Source*\\ncheckout-api")
        .contains("region: eu-west-1")
        .contains("<https://runbooks.example.com/disk|Runbook>")
        .contains("3 duplicates suppressed");
    assertThat(message.text()).isEqualTo("Firing: Disk almost full");
  }

  @Test
  void slackEscapesUntrustedTextSoNothingCanMentionOrLink() {
    NotificationRequest request = request(slackChannel("#ops"))
        .setTenantName("<!everyone>")
        .setAlert(Requests.alert().setTitle("Deploy <!channel> & <@U123ABC> now")
            .setMessage("ping <!here> and <https://evil.example|click>")
            .setLabels(Map.of("team", "<!subteam^S1>")).build())
        .build();

    String blocks = json(slack(request));

    assertThat(blocks).doesNotContain("<!channel>", "<!here>", "<@U123ABC>", "<!everyone>", "<!subteam", "<https://evil");
    assertThat(blocks).contains("Deploy &lt;!channel&gt; &amp; &lt;@U123ABC&gt; now")
        .contains("ping &lt;!here&gt; and &lt;https://evil.example|click&gt;");
  }

  @Test
  void arabicAndHebrewSlackTextIsRightToLeftWithIsolatedUntrustedRuns() {
    for (String locale : new String[] {"ar", "he"}) {
      SlackMessage message = slack(request(slackChannel("#ops")).setTenantLocale(locale).build());

      assertThat(message.rightToLeft()).isTrue();
      assertThat(message.text()).startsWith(String.valueOf(BidiIsolation.RLI)).endsWith(String.valueOf(BidiIsolation.PDI))
          .contains(BidiIsolation.FSI + "Disk almost full" + BidiIsolation.PDI);
      assertThat(json(message)).contains(BidiIsolation.FSI + "eu-west-1" + BidiIsolation.PDI);
    }
    assertThat(slack(request(slackChannel("#ops")).setTenantLocale("ar").build()).text()).contains("نشط");
    assertThat(slack(request(slackChannel("#ops")).setTenantLocale("he").build()).text()).contains("פעילה");
  }

  @Test
  void rightToLeftSlackBoldTouchesVisibleTextWithTheIsolatesOutsideTheAsterisks() {
    for (String locale : new String[] {"ar", "he"}) {
      SlackMessage message = slack(request(slackChannel("#ops")).setTenantLocale(locale).build());
      String status = locale.equals("he") ? "פעילה:" : "نشط:";

      // Slack's mrkdwn wants each '*' against visible text: "*\u2068Disk\u2069*" would show its asterisks.
      assertThat(json(message)).contains(":rotating_light: " + BidiIsolation.RLI + "*" + status + "* "
          + BidiIsolation.FSI + "*Disk almost full*" + BidiIsolation.PDI + BidiIsolation.PDI);
      java.util.regex.Matcher bold = java.util.regex.Pattern.compile("\\*([^*\\n]+)\\*").matcher(json(message));
      int spans = 0;
      while (bold.find()) {
        String inside = bold.group(1);
        assertThat(Character.getType(inside.charAt(0))).as(locale + " " + inside).isNotEqualTo((int) Character.FORMAT);
        assertThat(Character.getType(inside.charAt(inside.length() - 1))).as(locale + " " + inside)
            .isNotEqualTo((int) Character.FORMAT);
        spans++;
      }
      assertThat(spans).as(locale).isGreaterThanOrEqualTo(8);
    }
  }

  @Test
  void leftToRightSlackTextHasNoIsolates() {
    SlackMessage message = slack(request(slackChannel("#ops")).build());
    assertThat(json(message) + message.text()).doesNotContain(String.valueOf(BidiIsolation.FSI), String.valueOf(BidiIsolation.RLI));
  }

  @Test
  void alertLocaleFallsBackFromRegionToLanguageAndFormatsInTheTenantTimeZone() {
    NotificationRequest request = request(email("ops@acme.example"))
        .setAlert(Requests.alert().setLocale("fr-CA").build())
        .setTenantLocale("de")
        .setTimeZone("America/Toronto")
        .build();

    EmailMessage message = (EmailMessage) renderer.render(request);

    assertThat(message.locale().toLanguageTag()).isEqualTo("fr-CA");
    assertThat(message.subject()).isEqualTo("[Critique] Déclenchée\u202F: Disk almost full — Acme Corp");
    // 10:15 UTC is 05:15 in Toronto (EST) in November; Canadian French writes "05 h 15".
    assertThat(message.text()).contains("05 h 15").contains("HNE").contains("Date");
  }

  @Test
  void unsupportedLocalesFallBackToTheTenantThenTheDeployment() {
    Renderer german = new Renderer(MessageBundles.builtIn(), "de", metrics);

    RenderedMessage tenant = german.render(request(email("a@acme.example"))
        .setAlert(Requests.alert().setLocale("xx-YY").build()).setTenantLocale("es").build());
    RenderedMessage deployment = german.render(request(email("a@acme.example"))
        .setAlert(Requests.alert().setLocale("tlh").build()).setTenantLocale("not a locale!").build());

    assertThat(((EmailMessage) tenant).subject()).startsWith("[Crítica] Activa:");
    assertThat(((EmailMessage) deployment).subject()).startsWith("[Kritisch] Ausgelöst:");
  }

  @Test
  void pluralsFollowEachLanguagesCategories() {
    assertThat(duplicates("en", 1)).contains("1 duplicate suppressed");
    assertThat(duplicates("en", 5)).contains("5 duplicates suppressed");
    assertThat(duplicates("ru", 1)).contains("1 дубликат подавлен");
    assertThat(duplicates("ru", 3)).contains("3 дубликата подавлены");
    assertThat(duplicates("ru", 5)).contains("5 дубликатов подавлено");
    assertThat(duplicates("ar", 2)).contains("حُجب تنبيهان مكرران");
    assertThat(duplicates("ar", 11)).contains("حُجب 11 تنبيهًا مكررًا");
    assertThat(duplicates("he", 2)).contains("שתי התראות כפולות הושמטו");
    assertThat(duplicates("fr", 1_000_000)).contains("1 000 000 de doublons ignorés");
  }

  private String duplicates(String locale, long count) {
    return ((EmailMessage) renderer.render(request(email("a@acme.example")).setTenantLocale(locale)
        .setDuplicatesSuppressed(count).build())).text().replace('\u202F', ' ').replace('\u00A0', ' ');
  }

  @Test
  void labelsAndValuesAreJoinedWithTheLocalesPunctuation() {
    String french = ((EmailMessage) renderer.render(request(email("a@acme.example")).setTenantLocale("fr").build())).text();
    String japanese = ((EmailMessage) renderer.render(request(email("a@acme.example")).setTenantLocale("ja").build())).text();
    String chineseSlack = json(slack(request(slackChannel("#ops")).setTenantLocale("zh").build()));

    assertThat(french).contains("Gravité\u202F: Critique\n").contains("Étiquettes\u202F:\n").contains("  env\u202F: prod\n")
        .contains("Liens\u202F:\n  Runbook\u202F: https://runbooks.example.com/disk\n");
    assertThat(japanese).contains("重大度：重大\n").contains("ラベル：\n").contains("  env：prod\n")
        .contains("  Runbook：https://runbooks.example.com/disk\n");
    assertThat(chineseSlack).contains("env：prod").contains("region：eu-west-1");
  }

  @Test
  void summarySubjectComesFromTheBundle() {
    EmailMessage overridden = (EmailMessage) renderer.render(Requests.summaryRequest(email("a@acme.example"), 3)
        .setTemplateOverrides(Map.of("summary.subject", "{tenant} / {headline}")).build());
    EmailMessage french = (EmailMessage) renderer.render(Requests.summaryRequest(email("a@acme.example"), 3)
        .setTenantLocale("fr").build());

    assertThat(overridden.subject()).isEqualTo("Acme Corp / 3 alerts suppressed by the rate limit");
    assertThat(french.subject()).isEqualTo("3 alertes non envoyées en raison de la limite de débit — Acme Corp");
  }

  @Test
  void numbersAreFormattedPerLocale() {
    String german = ((EmailMessage) renderer.render(Requests.summaryRequest(email("a@acme.example"), 12_345)
        .setTenantLocale("de").build())).text();
    String english = ((EmailMessage) renderer.render(Requests.summaryRequest(email("a@acme.example"), 12_345)
        .build())).text();

    assertThat(german).contains("12.345 Alarme durch das Ratenlimit unterdrückt").contains("Info: 12.345");
    assertThat(english).contains("12,345 alerts suppressed by the rate limit");
  }

  @Test
  void templateOverridesApplyByKeyAndByLocale() {
    NotificationRequest english = request(email("a@acme.example"))
        .setTemplateOverrides(Map.of("alert.headline", "ALARM {title}!", "alert.headline/fr", "ALERTE {title} !"))
        .build();
    NotificationRequest french = NotificationRequest.newBuilder(english).setTenantLocale("fr-CA").build();

    assertThat(((EmailMessage) renderer.render(english)).text()).startsWith("ALARM Disk almost full!");
    assertThat(((EmailMessage) renderer.render(french)).text()).startsWith("ALERTE Disk almost full !");
  }

  @Test
  void brokenOverrideFallsBackToTheDefaultAndIsCountedAndLoggedWithoutPayload() {
    NotificationRequest request = request(email("a@acme.example"))
        .setTemplateOverrides(Map.of("alert.headline", "SECRET-PATTERN {title"))
        .build();

    try (LogCapture logs = new LogCapture()) {
      EmailMessage message = (EmailMessage) renderer.render(request);

      assertThat(message.text()).startsWith("Firing: Disk almost full");
      assertThat(metrics.count("klaxon.notifier.template.fallbacks", "key", "alert.headline")).isEqualTo(1.0);
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("alert.headline").contains("acme"));
      assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).containsAnyOf("SECRET-PATTERN", "Disk almost full"));
    }
  }

  @Test
  void emailHtmlEscapesTextAndCarriesLanguageAndDirection() {
    NotificationRequest request = request(email("a@acme.example")).setTenantLocale("he")
        .setAlert(Requests.alert().setMessage("<script>alert(1)</script> & \"quotes\"").build()).build();

    EmailMessage message = (EmailMessage) renderer.render(request);

    assertThat(message.html()).contains("<html lang=\"he\" dir=\"rtl\">").contains("<body dir=\"rtl\"")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;")
        .doesNotContain("<script>");
    assertThat(message.subject()).contains("פעילה");
    EmailMessage english = (EmailMessage) renderer.render(request(email("a@acme.example")).build());
    assertThat(english.html()).contains("<html lang=\"en\" dir=\"ltr\">");
  }

  @Test
  void rightToLeftEmailIsolatesLatinValuesInsideTranslatedSentences() {
    String fsi = String.valueOf(BidiIsolation.FSI);
    String pdi = String.valueOf(BidiIsolation.PDI);
    Map<String, String[]> texts = Map.of(
        "he", new String[] {"[קריטית] פעילה: ", "מקור: ", "נשלח על ידי Klaxon לצוות ", ". מזהה התראה: "},
        "ar", new String[] {"[حرج] نشط: ", "المصدر: ", "أرسله Klaxon إلى فريق ", ". معرّف الإشعار: "});
    texts.forEach((locale, expected) -> {
      EmailMessage message = (EmailMessage) renderer.render(request(email("a@acme.example")).setTenantLocale(locale)
          .setTenantName("Acme (EU)")
          .setAlert(Requests.alert().setTitle("Disk full (db-1)").setSource("api (v2)").build()).build());
      String headline = expected[0].substring(expected[0].indexOf("] ") + 2);
      String footer = expected[2] + fsi + "Acme (EU)" + pdi + expected[3] + fsi + "ntf-0001" + pdi;

      assertThat(message.subject()).as(locale)
          .isEqualTo(expected[0] + fsi + "Disk full (db-1)" + pdi + " — " + fsi + "Acme (EU)" + pdi);
      assertThat(message.text()).as(locale).startsWith(headline + fsi + "Disk full (db-1)" + pdi + "\n")
          .contains("\n" + expected[1] + fsi + "api (v2)" + pdi + "\n")
          .contains(fsi + "Volume /data is 97% full" + pdi)
          .contains(fsi + "Runbook" + pdi).contains(fsi + "https://runbooks.example.com/disk" + pdi)
          .endsWith("\n" + footer + "\n");
      assertThat(message.html()).as(locale)
          .contains("<title>" + expected[0] + fsi + "Disk full (db-1)" + pdi + " — " + fsi + "Acme (EU)" + pdi + "</title>")
          .contains(">" + headline + "<bdi>Disk full (db-1)</bdi></h1>")
          .contains(expected[2] + "<bdi>Acme (EU)</bdi>" + expected[3] + "<bdi>ntf-0001</bdi></p>")
          .contains("<td><bdi>api (v2)</bdi></td>")
          .doesNotContain("<bdi><bdi>");
      // The body writes isolates as elements; only <title>, which holds plain text, keeps the characters.
      assertThat(message.html().substring(message.html().indexOf("<body"))).as(locale).doesNotContain(fsi, pdi);
    });
  }

  @Test
  void leftToRightEmailTextHasNoIsolatesButItsHtmlStillIsolatesValues() {
    EmailMessage message = (EmailMessage) renderer.render(request(email("a@acme.example")).build());

    assertThat(message.subject() + message.text() + message.html())
        .doesNotContain(String.valueOf(BidiIsolation.FSI), String.valueOf(BidiIsolation.PDI));
    assertThat(message.html()).contains(">Firing: <bdi>Disk almost full</bdi></h1>")
        .contains("<li><bdi>env</bdi>: <bdi>prod</bdi></li>");
  }

  @Test
  void emailSubjectHasNoLineBreaks() {
    NotificationRequest request = request(email("a@acme.example"))
        .setAlert(Requests.alert().setTitle("Disk\r\nBcc: victim@example.com\nfull").build()).build();

    EmailMessage message = (EmailMessage) renderer.render(request);

    assertThat(message.subject()).doesNotContain("\r", "\n").contains("Disk Bcc: victim@example.com full");
  }

  @Test
  void resolvedAlertsAreGreen() {
    SlackMessage message = slack(request(slackChannel("#ops"))
        .setAlert(Requests.alert().setStatus(AlertStatus.RESOLVED).build()).build());
    assertThat(message.color()).isEqualTo("#2EB67D");
    assertThat(message.text()).isEqualTo("Resolved: Disk almost full");
  }

  @Test
  void webhookPayloadIsVersionedJsonWithTheAlert() throws Exception {
    WebhookMessage message = (WebhookMessage) renderer.render(request(webhook("https://hooks.acme.example/k", "env:X"))
        .setTenantLocale("ja").build());

    JsonNode json = new ObjectMapper().readTree(message.body());
    assertThat(json.get("version").asText()).isEqualTo("1");
    assertThat(json.get("type").asText()).isEqualTo("alert");
    assertThat(json.get("notificationId").asText()).isEqualTo("ntf-0001");
    assertThat(json.at("/tenant/id").asText()).isEqualTo("acme");
    assertThat(json.at("/alert/title").asText()).isEqualTo("Disk almost full");
    assertThat(json.at("/alert/labels/region").asText()).isEqualTo("eu-west-1");
    assertThat(json.at("/alert/occurredAt").asText()).isEqualTo("2026-11-22T10:15:30Z");
    assertThat(json.at("/rendered/locale").asText()).isEqualTo("ja");
    assertThat(json.at("/rendered/title").asText()).isEqualTo("発生中：Disk almost full");
    assertThat(json.get("summary").isNull()).isTrue();
  }

  @Test
  void summaryWebhookCarriesTheSummary() throws Exception {
    WebhookMessage message = (WebhookMessage) renderer.render(
        Requests.summaryRequest(webhook("https://hooks.acme.example/k", "env:X"), 42).build());

    JsonNode json = new ObjectMapper().readTree(message.body());
    assertThat(json.get("type").asText()).isEqualTo("suppression_summary");
    assertThat(json.at("/summary/suppressedCount").asLong()).isEqualTo(42);
    assertThat(json.get("alert").isNull()).isTrue();
  }
}
