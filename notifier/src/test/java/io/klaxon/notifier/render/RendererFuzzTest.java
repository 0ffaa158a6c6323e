package io.klaxon.notifier.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.DeliveryProfile;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.Link;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.Severity;
import io.klaxon.events.TitleCount;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.Requests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whatever a producer writes into an alert (alone, in a group or in a digest) and whatever a tenant writes into its template
 * overrides and message bundles, rendering never throws and its output is escaped for its channel:
 * in Slack no live markup but Klaxon's own links ({@code <!channel>}, {@code <@U…>} stay inert)
 * and no bidi embedding or override from the input, in any channel; in email a one-line subject and HTML made only of Klaxon's
 * own elements (no {@code <script}); in webhooks well-formed JSON.
 *
 * <p>The fuzzer builds the request from a {@link FuzzedDataProvider}; its strings are spliced with
 * hostile fragments (mentions, bidi controls, markup, ICU syntax, line breaks) so that every input
 * carries some.
 */
class RendererFuzzTest {
  /**
   * Bidi controls that neither Klaxon nor ICU writes: embeddings and overrides, the ones that
   * reorder text. Isolates are Klaxon's own; marks (LRM, RLM, ALM) come from CLDR's data too (a
   * Hebrew date in Tokyo reads "19:15 GMT\u200E+9\u200E"), so which ones came from the input cannot
   * be told from the output: {@code HostileTextTest} checks that producers' marks are removed.
   */
  private static final Pattern FOREIGN_BIDI = Pattern.compile("[\u202A-\u202E]");
  private static final Pattern SLACK_MARKUP = Pattern.compile("<([^>]*)>");
  private static final Pattern HTML_TAG = Pattern.compile("<(/?)([^\\s>/]*)");
  private static final Set<String> KLAXONS_HTML = Set.of("!DOCTYPE", "html", "head", "meta", "title", "body", "div",
      "h1", "h2", "p", "table", "tr", "th", "td", "ul", "li", "a", "bdi");
  private static final String[] HOSTILE = {"<!channel>", "<!here>", "<@U123ABC>", "<#C0123|ops>",
      "<!subteam^S1|team>", "<https://evil.example|click>", "<script>alert(1)</script>", "<img src=x onerror=1>",
      "\u202E", "\u202B", "\u2066", "\u2069", "\u200F", "\u061C", "\r\n", "\n", "\u2028", "&amp;", "'", "''",
      "{0}", "{title}", "{count, plural, one {# x} other {# y}}", "{severity, select, CRITICAL {c} other {o}}",
      "*bold*", "`code`", "javascript:alert(1)", "\"", "\u0000", "\uD83D\uDD25", "עברית", "عربي"};
  private static final String[] LOCALES = {"en", "fr", "fr-CA", "de", "ar", "he", "ja", "zh-TW", "pt-PT", "nl", "fa", "x"};
  private static final String[] KEYS = {"severity", "status", "kind", "alert.headline", "alert.subject", "alert.repeat",
      "alert.duplicates", "field.severity", "field.status", "field.kind", "field.source", "field.tenant",
      "field.occurredAt", "field.labels", "field.links", "field.message", "field.pair", "field.heading", "time.at",
      "summary.headline", "summary.window", "summary.bySeverity", "summary.subject", "email.footer"};
  private static final String[] GROUP_KEYS = {"group.headline", "group.subject", "group.alert", "group.alerts",
      "group.labels", "group.resolved", "group.more", "field.startedAt"};
  private static final String[] DIGEST_KEYS = {"digest.headline", "digest.subject", "digest.window",
      "digest.severities", "digest.severity", "digest.sources", "digest.source", "digest.otherSources",
      "digest.titles", "digest.title", "digest.resolved"};
  private static final String[] ZONES = {"UTC", "Europe/Paris", "Asia/Tokyo", "America/St_Johns", "Nowhere/Zone", ""};

  private static final Renderer RENDERER = new Renderer(MessageBundles.builtIn(), "en", NotifierMetrics.inMemory());
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest
  @DictionaryEntries({"<!channel>", "<!here>", "<@", "<#", "<script", "{0}", "plural", "select", "#"})
  void anyAlertAndTenantTemplatesRenderEscapedForEveryChannel(FuzzedDataProvider data) throws Exception {
    NotificationRequest.Builder request = request(data);

    SlackMessage slack = RENDERER.slackMessage(request.setTarget(Requests.slackChannel("#ops")).build());
    EmailMessage email = RENDERER.emailMessage(request.setTarget(Requests.email("ops@acme.example")).build());
    WebhookMessage webhook = RENDERER.webhookMessage(
        request.setTarget(Requests.webhook("https://hooks.example.com/k", "env:ACME_K")).build());

    assertSlackIsInert(slack.text() + GSON.toJson(slack.blocks()));
    assertThat(email.subject()).doesNotContain("\r", "\n");
    assertThat(email.subject().chars().noneMatch(Character::isISOControl)).as(email.subject()).isTrue();
    assertHtmlIsKlaxons(email.html());
    JsonNode body = JSON.readTree(webhook.body());
    assertThat(body.isObject()).isTrue();
    for (String text : List.of(slack.text(), GSON.toJson(slack.blocks()), email.subject(), email.text(), email.html(),
        body.path("rendered").path("title").asText(), body.path("rendered").path("text").asText())) {
      assertThat(FOREIGN_BIDI.matcher(text).find()).as("bidi control in %s", text).isFalse();
    }
  }

  private static void assertSlackIsInert(String slack) {
    Matcher markup = SLACK_MARKUP.matcher(slack);
    while (markup.find()) {
      String inside = markup.group(1).toLowerCase(Locale.ROOT);
      assertThat(inside).as("live Slack markup in %s", slack).matches("^https?://[^<]*$");
    }
  }

  private static void assertHtmlIsKlaxons(String html) {
    assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script");
    Matcher tag = HTML_TAG.matcher(html);
    while (tag.find()) {
      assertThat(KLAXONS_HTML).as("element <%s in %s", tag.group(2), html).contains(tag.group(2));
    }
  }

  private static NotificationRequest.Builder request(FuzzedDataProvider data) {
    boolean summary = data.consumeInt(0, 7) == 0;
    AlertEvent.Builder alert = Requests.alert()
        .setTitle(text(data))
        .setMessage(text(data))
        .setSource(text(data))
        .setSeverity(data.pickValue(Severity.values()))
        .setStatus(data.consumeBoolean() ? AlertStatus.FIRING : AlertStatus.RESOLVED)
        .setLocale(data.consumeBoolean() ? null : locale(data))
        .setFingerprint(data.consumeBoolean() ? null : text(data));
    Map<String, String> labels = new HashMap<>();
    for (int i = data.consumeInt(0, 3); i > 0; i--) {
      labels.put(text(data), text(data));
    }
    List<Link> links = new ArrayList<>();
    for (int i = data.consumeInt(0, 2); i > 0; i--) {
      links.add(new Link((data.consumeBoolean() ? "https://" : "") + text(data), data.consumeBoolean() ? null : text(data)));
    }
    Map<String, String> overrides = new HashMap<>();
    for (int i = data.consumeInt(0, 3); i > 0; i--) {
      overrides.put(data.pickValue(KEYS) + (data.consumeBoolean() ? "" : "/" + locale(data)), text(data));
    }
    Map<String, Map<String, String>> bundles = new HashMap<>();
    for (int i = data.consumeInt(0, 2); i > 0; i--) {
      Map<String, String> bundle = new HashMap<>();
      for (int j = data.consumeInt(0, 3); j > 0; j--) {
        bundle.put(data.pickValue(KEYS), text(data));
      }
      bundles.put(locale(data), bundle);
    }
    NotificationRequest.Builder request = Requests.request(Requests.slackChannel("#ops"))
        .setType(summary ? NotificationType.SUPPRESSION_SUMMARY : NotificationType.ALERT)
        .setRepeat(data.consumeBoolean())
        .setDuplicatesSuppressed(data.consumeInt(0, Integer.MAX_VALUE))
        .setDelivery(DeliveryProfile.newBuilder()
            .setDisplayName(data.consumeBoolean() ? null : text(data))
            .setDefaultLocale(locale(data))
            .setTimeZone(data.consumeBoolean() ? data.pickValue(ZONES) : data.consumeString(20))
            .setTemplateOverrides(overrides)
            .setMessageBundles(bundles)
            .build());
    if (summary) {
      long count = data.consumeLong();
      return request.setAlert(null).setFingerprint(null).setSummary(Requests.summaryRequest(Requests.slackChannel("#ops"), count)
          .getSummary());
    }
    request.setAlert(alert.setLabels(labels).setLinks(links).build());
    // Decided last, so the inputs found before groups (and then digests) existed still make the
    // requests they made.
    if (data.consumeBoolean()) {
      return group(request, labels, data);
    }
    return data.consumeBoolean() ? digest(request, data) : request;
  }

  /** {@code request} as a digest with fuzzed counts, sources, titles and override. */
  private static NotificationRequest.Builder digest(NotificationRequest.Builder request, FuzzedDataProvider data) {
    Map<String, String> overrides = new HashMap<>(request.getDelivery().getTemplateOverrides());
    overrides.put(data.pickValue(DIGEST_KEYS) + (data.consumeBoolean() ? "" : "/" + locale(data)), text(data));
    Map<String, Long> bySeverity = new HashMap<>();
    bySeverity.put(data.consumeBoolean() ? data.pickValue(Severity.values()).name() : text(data), data.consumeLong());
    Map<String, Long> bySource = new HashMap<>();
    for (int i = data.consumeInt(0, 3); i > 0; i--) {
      bySource.put(text(data), data.consumeLong());
    }
    List<TitleCount> titles = new ArrayList<>();
    for (int i = data.consumeInt(0, 3); i > 0; i--) {
      titles.add(Requests.titleCount(text(data), data.consumeLong()));
    }
    DigestSummary digest = Requests.digest()
        .setFiring(data.consumeLong())
        .setResolved(data.consumeLong())
        .setBySeverity(bySeverity)
        .setBySource(bySource)
        .setOtherSources(data.consumeLong())
        .setTopTitles(titles)
        .build();
    return request.setType(NotificationType.DIGEST).setAlert(null).setFingerprint(null).setDigest(digest)
        .setDelivery(DeliveryProfile.newBuilder(request.getDelivery()).setTemplateOverrides(overrides).build());
  }

  /** {@code request} as a group flush listing its alert and one more, with a fuzzed rule and override. */
  private static NotificationRequest.Builder group(NotificationRequest.Builder request, Map<String, String> labels,
      FuzzedDataProvider data) {
    AlertEvent first = request.getAlert();
    AlertEvent second = AlertEvent.newBuilder(first).setTitle(text(data)).setSource(text(data))
        .setStatus(AlertStatus.RESOLVED).build();
    Map<String, String> overrides = new HashMap<>(request.getDelivery().getTemplateOverrides());
    overrides.put(data.pickValue(GROUP_KEYS) + (data.consumeBoolean() ? "" : "/" + locale(data)), text(data));
    AlertGroup group = Requests.group()
        .setGroupLabels(labels)
        .setSequence(data.consumeLong(1, Long.MAX_VALUE))
        .setFiring(data.consumeLong(0, Long.MAX_VALUE))
        .setResolved(data.consumeLong(0, Long.MAX_VALUE))
        .setOmitted(data.consumeLong(0, Long.MAX_VALUE))
        .setMostSevere(data.pickValue(Severity.values()))
        .setAlerts(List.of(Requests.grouped(text(data), first, data.consumeBoolean()), Requests.grouped(text(data), second, true)))
        .build();
    return request.setType(NotificationType.GROUP).setGroup(group).setFingerprint("group:" + group.getGroupKey())
        .setRouteName(text(data))
        .setDelivery(DeliveryProfile.newBuilder(request.getDelivery()).setTemplateOverrides(overrides).build());
  }

  /** A fuzzed string with a hostile fragment spliced in at a fuzzed place. */
  private static String text(FuzzedDataProvider data) {
    String text = data.consumeString(40);
    int at = data.consumeInt(0, text.length());
    return text.substring(0, at) + data.pickValue(HOSTILE) + text.substring(at);
  }

  private static String locale(FuzzedDataProvider data) {
    return data.consumeBoolean() ? data.pickValue(LOCALES) : data.consumeString(12);
  }
}
