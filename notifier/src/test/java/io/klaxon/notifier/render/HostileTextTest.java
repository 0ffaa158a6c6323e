package io.klaxon.notifier.render;

import static io.klaxon.notifier.testing.Requests.email;
import static io.klaxon.notifier.testing.Requests.request;
import static io.klaxon.notifier.testing.Requests.slackChannel;
import static io.klaxon.notifier.testing.Requests.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.GsonBuilder;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import io.klaxon.events.Link;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Producer text is hostile: it may carry bidi controls that reorder what a reader sees, and Slack
 * markup that pings a whole channel. Neither survives rendering, in any locale or channel.
 */
class HostileTextTest {
  /** Embeddings, overrides, isolates and marks: every bidi control a producer could smuggle in. */
  private static final String CONTROLS = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C";
  private static final Pattern NOT_KLAXONS = Pattern.compile("[\u202A-\u202E\u200E\u200F\u061C]");

  private final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", NotifierMetrics.inMemory());

  private static NotificationRequest.Builder spoofing(io.klaxon.events.ChannelTarget target, String locale) {
    return request(target).setTenantLocale(locale).setTenantName("Acme\u2067 Corp\u202E")
        .setAlert(Requests.alert()
            .setTitle("Disk \u202Efull\u202C on db-1 " + CONTROLS)
            .setSource("api\u200F-gateway\u2066")
            .setMessage("Volume \u202Bof db-1\u202C is full\u2069")
            .setLabels(Map.of("re\u202Egion", "eu\u061C-west\u2068"))
            .setLinks(List.of(new Link("https://runbooks.example.com/\u202Edisk", "Run\u202Dbook")))
            .build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "fr", "ja", "ar", "he"})
  void bidiControlsOfProducersAreNeutralisedInEveryLocaleAndChannelWhileKlaxonsIsolatesStay(String locale) throws Exception {
    SlackMessage slack = renderer.slackMessage(spoofing(slackChannel("#ops"), locale).build());
    EmailMessage email = renderer.emailMessage(spoofing(email("ops@acme.example"), locale).build());
    WebhookMessage webhook = renderer.webhookMessage(spoofing(webhook("https://hooks.example.com/k", "env:K"), locale).build());
    JsonNode rendered = new ObjectMapper().readTree(webhook.body()).path("rendered");

    List<String> texts = List.of(slack.text(), blocks(slack), email.subject(), email.text(), email.html(),
        rendered.path("title").asText(), rendered.path("text").asText());
    for (String text : texts) {
      assertThat(NOT_KLAXONS.matcher(text).find()).as(locale + ": %s", text).isFalse();
      assertThat(balancedIsolates(text)).as(locale + ": %s", text).isTrue();
    }
    assertThat(strip(slack.text())).contains("Disk full on db-1");
    assertThat(strip(email.subject())).contains("Disk full on db-1").contains("Acme Corp");
    assertThat(strip(rendered.path("title").asText())).contains("Disk full on db-1");
    assertThat(strip(blocks(slack))).contains("api-gateway").contains("eu-west").contains("Volume of db-1 is full");
    boolean rightToLeft = locale.equals("ar") || locale.equals("he");
    assertThat(slack.text() + email.subject()).as(locale).contains(rightToLeft ? String.valueOf(BidiIsolation.FSI) : "Disk");
    if (!rightToLeft) {
      assertThat(slack.text() + blocks(slack) + email.subject() + email.text() + rendered).as(locale)
          .doesNotContain(String.valueOf(BidiIsolation.FSI), String.valueOf(BidiIsolation.PDI));
    }
  }

  @Test
  void aTenantsTemplatesLoseTheirBidiEmbeddingsAndOverridesButKeepTheirIsolates() {
    NotificationRequest request = request(slackChannel("#ops"))
        .setTemplateOverrides(Map.of("field.kind", "Ki\u202Bnd", "alert.repeat", "\u2068Again\u2069 \u202Eplease"))
        .setRepeat(true)
        .build();

    SlackMessage message = renderer.slackMessage(request);

    String all = message.text() + blocks(message);
    assertThat(NOT_KLAXONS.matcher(all).find()).as(all).isFalse();
    assertThat(all).contains("*Kind*").contains("\u2068Again\u2069 please");
  }

  @Test
  void theWebhooksRenderedTitleIsolatesTheAlertTitleInRightToLeftLocales() throws Exception {
    WebhookMessage message = renderer.webhookMessage(request(webhook("https://hooks.example.com/k", "env:K"))
        .setTenantLocale("he").setAlert(Requests.alert().setTitle("Disk full (db-1)").build()).build());

    JsonNode rendered = new ObjectMapper().readTree(message.body()).path("rendered");

    assertThat(rendered.path("direction").asText()).isEqualTo("rtl");
    assertThat(rendered.path("title").asText()).isEqualTo("פעילה: " + BidiIsolation.FSI + "Disk full (db-1)" + BidiIsolation.PDI);
  }

  @Test
  void noProducerTextOrTenantTemplateBecomesALiveMention() {
    String pings = "<!channel> <!here> <!everyone> <@U123ABC> <@W42> <#C0123|ops> <!subteam^S1|team> <!date^1^{date}|x>";
    NotificationRequest request = request(slackChannel("#ops"))
        .setTenantName("<!everyone>")
        .setTemplateOverrides(Map.of("field.source", "<!channel> Source", "alert.repeat", "<!here> again"))
        .setRepeat(true)
        .setAlert(Requests.alert().setTitle(pings).setMessage(pings).setSource(pings)
            .setLabels(Map.of("<!here>", pings))
            .setLinks(List.of(new Link("https://example.com/<!channel>|x", pings), new Link("<!channel>", pings))).build())
        .build();

    SlackMessage message = renderer.slackMessage(request);

    String all = message.text() + blocks(message);
    Matcher markup = Pattern.compile("<([^>]*)>").matcher(all);
    List<String> live = new ArrayList<>();
    while (markup.find()) {
      live.add(markup.group(1));
    }
    // The only markup left is Klaxon's own link, whose URL cannot carry markup any more.
    assertThat(live).singleElement().satisfies(link ->
        assertThat(link).startsWith("https://example.com/%3C!channel%3E%7Cx|").doesNotContain("<", ">"));
    assertThat(all).contains("&lt;!channel&gt; Source").contains("&lt;!here&gt; again").contains("&lt;@U123ABC&gt;");
  }

  @Test
  void slackIsToldNotToTurnPlainAtHereOrChannelNamesIntoMentions() {
    SlackMessage message = renderer.slackMessage(request(slackChannel("#ops"))
        .setAlert(Requests.alert().setTitle("@here @channel #general").build()).setDuplicatesSuppressed(2).build());

    List<MarkdownTextObject> texts = new ArrayList<>();
    for (LayoutBlock block : message.blocks()) {
      if (block instanceof SectionBlock section) {
        if (section.getText() instanceof MarkdownTextObject text) {
          texts.add(text);
        }
        if (section.getFields() != null) {
          section.getFields().stream().filter(MarkdownTextObject.class::isInstance).map(MarkdownTextObject.class::cast)
              .forEach(texts::add);
        }
      } else if (block instanceof ContextBlock context) {
        context.getElements().stream().filter(MarkdownTextObject.class::isInstance).map(MarkdownTextObject.class::cast)
            .forEach(texts::add);
      }
    }
    assertThat(texts).hasSizeGreaterThan(5).allSatisfy(text -> assertThat(text.getVerbatim()).as(text.getText()).isTrue());
  }

  private static String blocks(SlackMessage message) {
    return new GsonBuilder().disableHtmlEscaping().create().toJson(message.blocks());
  }

  private static String strip(String text) {
    return text.replaceAll("[\u2066-\u2069]", "").replace("*", "");
  }

  private static boolean balancedIsolates(String text) {
    int open = 0;
    for (char c : text.toCharArray()) {
      if (c >= '\u2066' && c <= '\u2068') {
        open++;
      } else if (c == '\u2069' && --open < 0) {
        return false;
      }
    }
    return open == 0;
  }
}
