package io.klaxon.notifier.render;

import static io.klaxon.notifier.testing.Requests.alert;
import static io.klaxon.notifier.testing.Requests.digest;
import static io.klaxon.notifier.testing.Requests.digestRequest;
import static io.klaxon.notifier.testing.Requests.email;
import static io.klaxon.notifier.testing.Requests.request;
import static io.klaxon.notifier.testing.Requests.slackChannel;
import static io.klaxon.notifier.testing.Requests.titleCount;
import static io.klaxon.notifier.testing.Requests.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.GsonBuilder;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelLimit;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A digest (type DIGEST) is one notification summing up a tenant's low-severity alerts for one
 * target over a window, on every channel and in every language: counts by severity, the top
 * sources, the most frequent titles and the window, never an alert or an incident of its own.
 */
class DigestRenderingTest {
  private static final String FSI = String.valueOf(BidiIsolation.FSI);
  private static final String PDI = String.valueOf(BidiIsolation.PDI);
  private static final String RLI = String.valueOf(BidiIsolation.RLI);
  private static final ChannelTarget HOOK = webhook("https://hooks.acme.example/k", "env:K");

  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", metrics);

  private static String json(SlackMessage message) {
    return new GsonBuilder().disableHtmlEscaping().create().toJson(message.blocks());
  }

  private JsonNode hook(NotificationRequest request) throws Exception {
    return new ObjectMapper().readTree(renderer.webhookMessage(request).body());
  }

  @Test
  void slackShowsTheCountThenEachSeveritySourceAndTitleWithItsCountAndTheWindowInTheTenantsZone() {
    SlackMessage message = renderer.slackMessage(digestRequest(slackChannel("#ops")).setTimeZone("Asia/Tokyo").build());

    String blocks = json(message);
    assertThat(message.text()).isEqualTo("Digest: 42 alerts");
    assertThat(blocks).startsWith("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\":red_circle: *Digest: 42 alerts*\"")
        .contains("*By severity*\\n:red_circle: High: 3\\n:warning: Warning: 30\\n:information_source: Info: 9\"")
        .contains("*Top sources*\\ncheckout-api: 20\\nbilling-api: 12\\n10 alerts from other sources\"")
        .contains("*Most frequent alerts*\\nQueue slow ×12\\nDisk almost full ×5\"")
        .contains("*Tenant*\\nAcme Corp")
        // 09:00 to 10:00 UTC, in Tokyo (CLDR puts a narrow no-break space before PM).
        .contains("From Nov 22, 2026, 6:00\u202FPM GMT+9 to Nov 22, 2026, 7:00\u202FPM GMT+9")
        .contains("4 alerts resolved in this period");
    // A digest is no alert: none of an alert's fields, and nothing is said to be firing.
    assertThat(blocks).doesNotContain("*Severity*", "*Status*", "*Source*", "Firing", "*Labels*");
  }

  @Test
  void theColourIsThatOfTheMostSevereSeverityCountedAndInfosWhenItCountsNone() {
    SlackMessage warning = renderer.slackMessage(digestRequest(slackChannel("#ops"),
        digest().setBySeverity(Map.of("WARNING", 2L, "INFO", 7L)).build()).build());
    SlackMessage none = renderer.slackMessage(digestRequest(slackChannel("#ops"),
        digest().setFiring(0).setBySeverity(Map.of()).build()).build());
    SlackMessage oddKeys = renderer.slackMessage(digestRequest(slackChannel("#ops"),
        digest().setBySeverity(Map.of("HIGH", 0L, "INFO", 1L, "BOGUS", 5L)).build()).build());
    EmailMessage mail = renderer.emailMessage(digestRequest(email("ops@acme.example"),
        digest().setBySeverity(Map.of("WARNING", 2L)).build()).build());

    assertThat(warning.color()).isEqualTo("#ECB22E");
    assertThat(json(warning)).contains(":warning: *Digest: 42 alerts*").doesNotContain("High");
    assertThat(none.color()).isEqualTo("#439FE0");
    assertThat(json(none)).contains(":information_source: *Digest: 0 alerts*").doesNotContain("*By severity*");
    assertThat(oddKeys.color()).isEqualTo("#439FE0");
    assertThat(json(oddKeys)).contains("*By severity*\\n:information_source: Info: 1\"").doesNotContain("BOGUS", "High");
    assertThat(mail.html()).contains("<div style=\"border-left:4px solid #ECB22E;");
  }

  @Test
  void emailHasTheCountInItsSubjectAndTheListsUnderTheirHeadingsInTextAndHtml() {
    EmailMessage mail = renderer.emailMessage(digestRequest(email("ops@acme.example")).build());

    assertThat(mail.subject()).isEqualTo("Digest: 42 alerts — Acme Corp");
    assertThat(mail.text()).startsWith("Digest: 42 alerts\n\n"
            + "By severity:\n  High: 3\n  Warning: 30\n  Info: 9\n\n"
            + "Top sources:\n  checkout-api: 20\n  billing-api: 12\n  10 alerts from other sources\n\n"
            + "Most frequent alerts:\n  Queue slow ×12\n  Disk almost full ×5\n\n"
            + "Tenant: Acme Corp\n\n"
            + "From Nov 22, 2026, 9:00\u202FAM UTC to Nov 22, 2026, 10:00\u202FAM UTC\n"
            + "4 alerts resolved in this period\n");
    assertThat(mail.html()).contains("<html lang=\"en\" dir=\"ltr\">")
        .contains("<h2 style=\"font-size:14px\">By severity</h2>\n<ul>\n"
            + "<li style=\"border-left:3px solid #FF8C00;padding-inline-start:6px\">High: 3</li>\n"
            + "<li style=\"border-left:3px solid #ECB22E;padding-inline-start:6px\">Warning: 30</li>\n")
        .contains("<h2 style=\"font-size:14px\">Top sources</h2>\n<ul>\n<li><bdi>checkout-api</bdi>: 20</li>\n"
            + "<li><bdi>billing-api</bdi>: 12</li>\n<li>10 alerts from other sources</li>\n</ul>")
        .contains("<li><bdi>Queue slow</bdi> ×12</li>")
        .contains("<p>4 alerts resolved in this period</p>");
  }

  @Test
  void theWebhookBodyCarriesEveryFieldOfTheDigestWithIsoInstantsAndNoAlert() throws Exception {
    JsonNode body = hook(digestRequest(HOOK).build());
    JsonNode alert = hook(request(HOOK).build());

    // The same fields as every other body, "digest" among them.
    assertThat(body.fieldNames()).toIterable().containsExactlyElementsOf(alert::fieldNames)
        .containsSubsequence("group", "digest", "rendered");
    assertThat(body.get("type").asText()).isEqualTo("digest");
    assertThat(body.get("route").asText()).isEqualTo("digest");
    assertThat(body.get("alert").isNull()).isTrue();
    assertThat(body.get("summary").isNull()).isTrue();
    assertThat(body.get("group").isNull()).isTrue();
    JsonNode digest = body.get("digest");
    assertThat(digest.fieldNames()).toIterable().containsExactly("windowStart", "windowEnd", "firing", "resolved",
        "bySeverity", "bySource", "otherSources", "topTitles", "heldByLimit");
    assertThat(digest.get("heldByLimit").isNull()).isTrue();
    assertThat(digest.get("windowStart").asText()).isEqualTo("2026-11-22T09:00:00Z");
    assertThat(digest.get("windowEnd").asText()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(digest.get("firing").asLong()).isEqualTo(42);
    assertThat(digest.get("resolved").asLong()).isEqualTo(4);
    assertThat(digest.get("bySeverity").fieldNames()).toIterable().containsExactly("HIGH", "INFO", "WARNING");
    assertThat(digest.at("/bySeverity/WARNING").asLong()).isEqualTo(30);
    assertThat(digest.at("/bySource/checkout-api").asLong()).isEqualTo(20);
    assertThat(digest.at("/bySource/billing-api").asLong()).isEqualTo(12);
    assertThat(digest.get("otherSources").asLong()).isEqualTo(10);
    assertThat(digest.get("topTitles")).hasSize(2);
    assertThat(digest.at("/topTitles/0/title").asText()).isEqualTo("Queue slow");
    assertThat(digest.at("/topTitles/0/count").asLong()).isEqualTo(12);
    assertThat(digest.at("/topTitles/1/title").asText()).isEqualTo("Disk almost full");
    assertThat(body.at("/rendered/title").asText()).isEqualTo("Digest: 42 alerts");
    assertThat(body.at("/rendered/text").asText()).isEqualTo("By severity:\nHigh: 3\nWarning: 30\nInfo: 9\n"
        + "Top sources:\ncheckout-api: 20\nbilling-api: 12\n10 alerts from other sources\n"
        + "Most frequent alerts:\nQueue slow ×12\nDisk almost full ×5\n"
        + "From Nov 22, 2026, 9:00\u202FAM UTC to Nov 22, 2026, 10:00\u202FAM UTC\n4 alerts resolved in this period");
    assertThat(alert.get("digest").isNull()).isTrue();
  }

  @Test
  void withoutTopTitlesOtherSourcesOrResolvedEventsTheirPartsAreLeftOut() throws Exception {
    DigestSummary lean = digest().setTopTitles(List.of()).setOtherSources(0).setResolved(0).build();

    String slack = json(renderer.slackMessage(digestRequest(slackChannel("#ops"), lean).build()));
    EmailMessage mail = renderer.emailMessage(digestRequest(email("ops@acme.example"), lean).build());
    JsonNode body = hook(digestRequest(HOOK, lean).build());

    assertThat(slack).contains("*Top sources*\\ncheckout-api: 20\\nbilling-api: 12\"")
        .doesNotContain("Most frequent", "other sources", "resolved");
    assertThat(mail.text()).contains("  billing-api: 12\n\nTenant: Acme Corp\n").doesNotContain("Most frequent", "resolved");
    assertThat(mail.html()).doesNotContain("Most frequent");
    assertThat(body.at("/digest/topTitles").isArray()).isTrue();
    assertThat(body.at("/digest/topTitles")).isEmpty();
    assertThat(body.at("/rendered/text").asText()).doesNotContain("Most frequent");
  }

  @Test
  void arabicDigestsReadRightToLeftWithEveryValueIsolatedOnEveryChannel() throws Exception {
    SlackMessage slack = renderer.slackMessage(digestRequest(slackChannel("#ops")).setTenantLocale("ar").build());
    EmailMessage mail = renderer.emailMessage(digestRequest(email("ops@acme.example")).setTenantLocale("ar").build());
    JsonNode hook = hook(digestRequest(HOOK).setTenantLocale("ar").build());
    // 42 takes Arabic's "many" form, 10 and 4 its "few".
    String headline = "ملخص: 42 تنبيهًا";

    assertThat(slack.rightToLeft()).isTrue();
    assertThat(slack.text()).isEqualTo(RLI + headline + PDI);
    assertThat(json(slack)).contains(":red_circle: " + RLI + "*" + headline + "*" + PDI)
        .contains(RLI + "*حسب الخطورة*" + PDI + "\\n:red_circle: " + RLI + "مرتفع: 3" + PDI)
        .contains(RLI + FSI + "checkout-api" + PDI + ": 20" + PDI)
        .contains(RLI + "10 تنبيهات من مصادر أخرى" + PDI)
        .contains(RLI + FSI + "Queue slow" + PDI + " ×12" + PDI)
        .contains(RLI + "حُلّت 4 تنبيهات خلال هذه الفترة" + PDI);
    assertThat(mail.subject()).isEqualTo(headline + " — " + FSI + "Acme Corp" + PDI);
    assertThat(mail.text()).contains("\n  " + FSI + "checkout-api" + PDI + ": 20\n");
    assertThat(mail.html()).contains("<html lang=\"ar\" dir=\"rtl\">").contains("<body dir=\"rtl\"")
        .contains("<li style=\"border-right:3px solid #FF8C00;padding-inline-start:6px\">مرتفع: 3</li>")
        .contains("<li><bdi>checkout-api</bdi>: 20</li>")
        .contains(">التنبيهات الأكثر تكرارًا</h2>");
    assertThat(mail.html().substring(mail.html().indexOf("<body"))).doesNotContain(FSI, PDI);
    assertThat(hook.at("/rendered/direction").asText()).isEqualTo("rtl");
    assertThat(hook.at("/rendered/title").asText()).isEqualTo(headline);
    assertThat(hook.at("/rendered/text").asText()).contains(FSI + "Queue slow" + PDI + " ×12");
  }

  @Test
  void countsTakeTheLanguagesPluralForms() throws Exception {
    assertThat(rendered("ru", 1, 1, 1)).contains("Сводка: 1 оповещение", "1 оповещение из других источников",
        "1 оповещение решено за этот период");
    assertThat(rendered("ru", 3, 2, 2)).contains("Сводка: 3 оповещения", "2 оповещения из других источников",
        "2 оповещения решены за этот период");
    assertThat(rendered("ru", 5, 11, 25)).contains("Сводка: 5 оповещений", "11 оповещений из других источников",
        "25 оповещений решено за этот период");
    assertThat(rendered("ru", 21, 1, 1)).contains("Сводка: 21 оповещение");
    assertThat(rendered("ar", 0, 2, 2)).contains("ملخص: لا تنبيهات", "تنبيهان من مصادر أخرى", "حُلّ تنبيهان خلال هذه الفترة");
    assertThat(rendered("ar", 1, 3, 11)).contains("ملخص: تنبيه واحد", "3 تنبيهات من مصادر أخرى",
        "حُلّ 11 تنبيهًا خلال هذه الفترة");
    assertThat(rendered("ar", 100, 1, 1)).contains("ملخص: 100 تنبيه", "تنبيه واحد من مصادر أخرى");
    assertThat(rendered("he", 2, 1, 5)).contains("תקציר: שתי התראות", "התראה אחת ממקורות אחרים", "5 התראות נפתרו בתקופה זו");
    assertThat(rendered("fr", 1, 1_000_000, 2)).contains("Récapitulatif : 1 alerte",
        "1 000 000 d’alertes provenant d’autres sources", "2 alertes résolues sur la période");
    assertThat(rendered("ja", 3, 2, 1)).contains("ダイジェスト：3件のアラート", "その他の発生元からのアラート 2件");
  }

  /** The webhook's rendered title and lines in {@code locale}, spaces normalised. */
  private List<String> rendered(String locale, long firing, long otherSources, long resolved) throws Exception {
    JsonNode body = hook(digestRequest(HOOK, digest().setFiring(firing).setOtherSources(otherSources)
        .setResolved(resolved).build()).setTenantLocale(locale).build());
    List<String> lines = new ArrayList<>();
    lines.add(body.at("/rendered/title").asText());
    lines.addAll(List.of(body.at("/rendered/text").asText().split("\n")));
    return lines.stream().map(line -> line.replace('\u202F', ' ').replace('\u00A0', ' ')).toList();
  }

  @Test
  void whatANotificationLimitHeldBackIsSummedUpAsSuchAndNamesTheLimitOnEveryChannel() throws Exception {
    DigestSummary held = digest().setHeldByLimit(new ChannelLimit(Channel.SLACK, 20, 10)).build();

    SlackMessage slack = renderer.slackMessage(digestRequest(slackChannel("#ops"), held).build());
    EmailMessage mail = renderer.emailMessage(digestRequest(email("ops@acme.example"),
        digest().setHeldByLimit(new ChannelLimit(Channel.EMAIL, 6, null)).build()).build());
    JsonNode body = hook(digestRequest(HOOK, digest().setHeldByLimit(new ChannelLimit(Channel.WEBHOOK, 100, null)).build()).build());

    assertThat(slack.text()).isEqualTo("Notification limit reached: 42 alerts held back");
    assertThat(json(slack)).contains(":red_circle: *Notification limit reached: 42 alerts held back*")
        .contains("Slack notifications for this tenant are limited to 20 a minute; the alerts counted here were not sent one by one.")
        .contains("*By severity*\\n:red_circle: High: 3")
        .doesNotContain("Digest");
    assertThat(mail.subject()).isEqualTo("Notification limit reached: 42 alerts held back — Acme Corp");
    assertThat(mail.text()).contains("Email notifications for this tenant are limited to 6 a minute;");
    assertThat(body.get("type").asText()).isEqualTo("digest");
    assertThat(body.at("/digest/heldByLimit/channel").asText()).isEqualTo("webhook");
    assertThat(body.at("/digest/heldByLimit/perMinute").asInt()).isEqualTo(100);
    // No burst named: the bucket holds a minute's worth.
    assertThat(body.at("/digest/heldByLimit/burst").asInt()).isEqualTo(100);
    assertThat(body.at("/rendered/title").asText()).isEqualTo("Notification limit reached: 42 alerts held back");
    // The limit comes first among the notes, before the window.
    assertThat(body.at("/rendered/text").asText()).startsWith("By severity:\nHigh: 3\n")
        .contains("Disk almost full ×5\nWebhook notifications for this tenant are limited to 100 a minute;"
            + " the alerts counted here were not sent one by one.\nFrom Nov 22, 2026");
  }

  @Test
  void aHeldBackSummaryTakesTheLanguagesPluralFormsAndDirection() throws Exception {
    ChannelLimit limit = new ChannelLimit(Channel.EMAIL, 6, null);

    assertThat(held("ru", 1, limit)).contains("Достигнут лимит уведомлений: 1 оповещение задержано",
        "Лимит канала «Электронная почта» для этого клиента: 6 в минуту; учтённые здесь оповещения не отправлялись по отдельности.");
    assertThat(held("ru", 3, limit)).contains("Достигнут лимит уведомлений: 3 оповещения задержаны");
    assertThat(held("ru", 25, limit)).contains("Достигнут лимит уведомлений: 25 оповещений задержано");
    assertThat(held("ar", 2, limit)).contains("بلغ حد الإشعارات: أُرجئ تنبيهان");
    assertThat(held("ar", 42, limit)).contains("بلغ حد الإشعارات: أُرجئ 42 تنبيهًا");
    assertThat(held("de", 1, limit)).contains("Benachrichtigungslimit erreicht: 1 Alarm zurückgehalten");
    EmailMessage arabic = renderer.emailMessage(digestRequest(email("ops@acme.example"),
        digest().setHeldByLimit(limit).build()).setTenantLocale("ar").build());
    assertThat(arabic.html()).contains("<html lang=\"ar\" dir=\"rtl\">").contains("البريد الإلكتروني");
    assertThat(arabic.subject()).startsWith("بلغ حد الإشعارات: أُرجئ 42 تنبيهًا — ");
  }

  /** The webhook's rendered title and lines of a held-back summary in {@code locale}, spaces normalised. */
  private List<String> held(String locale, long firing, ChannelLimit limit) throws Exception {
    JsonNode body = hook(digestRequest(HOOK, digest().setFiring(firing).setHeldByLimit(limit).build())
        .setTenantLocale(locale).build());
    List<String> lines = new ArrayList<>();
    lines.add(body.at("/rendered/title").asText());
    lines.addAll(List.of(body.at("/rendered/text").asText().split("\n")));
    return lines.stream().map(line -> line.replace('\u202F', ' ').replace('\u00A0', ' ')).toList();
  }

  @Test
  void hostileTitlesAndSourcesInsideADigestAreEscapedForEachChannel() throws Exception {
    DigestSummary hostile = digest()
        .setBySource(Map.of("<!channel>", 7L, "<script>alert(1)</script>", 3L, "db\u202E1", 2L))
        .setTopTitles(List.of(titleCount("Deploy <!here> \u202Enow\r\nBcc: victim@example.com", 4),
            titleCount("<@U123ABC> & <https://evil.example|click>", 2)))
        .build();
    NotificationRequest.Builder request = digestRequest(slackChannel("#ops"), hostile)
        .setTenantName("Acme\r\nBcc: victim@example.com");

    SlackMessage slack = renderer.slackMessage(request.build());
    EmailMessage mail = renderer.emailMessage(request.setTarget(email("ops@acme.example")).build());
    JsonNode hook = hook(request.setTarget(HOOK).build());

    String slackText = slack.text() + json(slack);
    assertThat(slackText).doesNotContain("<!channel>", "<!here>", "<@U123ABC>", "<script>", "<https://evil", "\u202E")
        .contains("*Top sources*\\n&lt;!channel&gt;: 7\\n&lt;script&gt;alert(1)&lt;/script&gt;: 3\\ndb1: 2\\n")
        .contains("Deploy &lt;!here&gt; now")
        .contains("&lt;@U123ABC&gt; &amp; &lt;https://evil.example|click&gt; ×2");
    assertThat(mail.subject()).doesNotContain("\r", "\n", "\u202E").isEqualTo("Digest: 42 alerts — Acme Bcc: victim@example.com");
    assertThat(mail.html()).doesNotContain("<script>", "<!channel>", "\u202E")
        .contains("<li><bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi>: 3</li>")
        .contains("<li><bdi>&lt;!channel&gt;</bdi>: 7</li>")
        .contains("<bdi>&lt;@U123ABC&gt; &amp; &lt;https://evil.example|click&gt;</bdi> ×2");
    assertThat(hook.at("/rendered/text").asText() + hook.at("/rendered/title").asText()).doesNotContain("\u202E");
    // The raw fields are the producer's data, unchanged, as in an alert's webhook body.
    assertThat(hook.at("/digest/bySource/<!channel>").asLong()).isEqualTo(7);
    assertThat(hook.at("/digest/topTitles/0/title").asText()).isEqualTo("Deploy <!here> \u202Enow\r\nBcc: victim@example.com");
  }

  @Test
  void tenantOverridesApplyToTheDigestKeysByKeyAndByLocale() {
    NotificationRequest english = digestRequest(email("ops@acme.example"))
        .setTemplateOverrides(Map.of("digest.headline", "{count, number, integer} minor alerts",
            "digest.title/fr", "{title} ({count, number, integer} fois)"))
        .build();
    List<TemplateProblem> problems = new ArrayList<>();

    EmailMessage inEnglish = renderer.emailMessage(english);
    EmailMessage inFrench = renderer.emailMessage(NotificationRequest.newBuilder(english).setTenantLocale("fr")
        .setTemplateOverrides(Map.of("digest.title/fr", "{title} ({count, number, integer} fois)", "digest.source", "{source"))
        .build(), problems::add);

    assertThat(inEnglish.subject()).isEqualTo("42 minor alerts — Acme Corp");
    assertThat(inEnglish.text()).contains("  Queue slow ×12\n");
    assertThat(inFrench.subject()).isEqualTo("Récapitulatif\u202F: 42 alertes — Acme Corp");
    assertThat(inFrench.text()).contains("  Queue slow (12 fois)\n").contains("  checkout-api\u202F: 20\n")
        .contains("  Élevée\u202F: 3\n");
    // One problem, met once per listed source; a delivery reports each problem once.
    assertThat(problems.stream().map(TemplateProblem::describe).distinct()).singleElement()
        .satisfies(problem -> assertThat(problem).startsWith("templateOverrides.digest.source:"));
    assertThat(metrics.count("klaxon.notifier.template.fallbacks", "key", "digest.source")).isEqualTo(2.0);
  }

  @Test
  void aDigestRequestWithoutItsDigestIsRefusedOnEveryChannel() {
    NotificationRequest broken = digestRequest(slackChannel("#ops")).setDigest(null).build();

    assertThatThrownBy(() -> renderer.slackMessage(broken)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without a digest");
    assertThatThrownBy(() -> renderer.emailMessage(NotificationRequest.newBuilder(broken).setTarget(email("a@acme.example"))
        .build())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> renderer.webhookMessage(NotificationRequest.newBuilder(broken).setTarget(HOOK).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDigestIsNoPagerDutyIncident() {
    NotificationRequest digest = digestRequest(slackChannel("#ops")).build();

    assertThatThrownBy(() -> renderer.pagerDutyMessage(digest, p -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a DIGEST notification is not a PagerDuty event");
    // Not even one that carries an alert and a fingerprint.
    assertThatThrownBy(() -> renderer.pagerDutyMessage(NotificationRequest.newBuilder(digest)
        .setAlert(alert().build()).setFingerprint("fp-1").build(), p -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DIGEST");
    assertThat(PagerDutyEventRenderer.refusal(request(HOOK).build())).isEmpty();
  }
}
