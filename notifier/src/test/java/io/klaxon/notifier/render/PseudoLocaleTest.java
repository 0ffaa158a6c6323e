package io.klaxon.notifier.render;

import static io.klaxon.notifier.testing.Requests.email;
import static io.klaxon.notifier.testing.Requests.slackChannel;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.Link;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.Requests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Renders with a pseudo-localized English bundle (every literal letter accented, every message
 * bracketed) and checks that no plain ASCII letter is left in what a reader sees, apart from the
 * alert's own data and ICU-formatted dates: any hard-coded text in the layout code would show.
 */
class PseudoLocaleTest {
  private static final String LOWER = "áƀçđéƒğĥíĵķĺɱñóƥʠŕšţúṽŵẋýž";
  private static final String UPPER = "ÁƁÇĐÉƑĞĤÍĴĶĹṀÑÓƤɊŔŠŢÚṼŴẊÝŽ";

  private final Renderer renderer = new Renderer(pseudoBundles(), "en", NotifierMetrics.inMemory());

  @Test
  void slackShowsOnlyBundleTextAndData() {
    for (NotificationRequest request : requests(slackChannel("#ops"))) {
      SlackMessage message = (SlackMessage) renderer.render(request);
      List<String> texts = new ArrayList<>();
      collectTexts(new Gson().toJsonTree(message.blocks()), texts);
      texts.add(message.text());
      // A mrkdwn link shows its text only.
      assertOnlyBundleText(String.join("\n", texts).replaceAll("<[^|<>]*\\|([^<>]*)>", "$1"));
    }
  }

  /** The visible texts of Block Kit JSON: the string values of every "text" member. */
  private static void collectTexts(JsonElement json, List<String> texts) {
    if (json.isJsonArray()) {
      json.getAsJsonArray().forEach(element -> collectTexts(element, texts));
    } else if (json.isJsonObject()) {
      json.getAsJsonObject().entrySet().forEach(member -> {
        if (member.getKey().equals("text") && member.getValue().isJsonPrimitive()) {
          texts.add(member.getValue().getAsString());
        } else {
          collectTexts(member.getValue(), texts);
        }
      });
    }
  }

  @Test
  void emailShowsOnlyBundleTextAndData() {
    for (NotificationRequest request : requests(email("ops@acme.example"))) {
      EmailMessage message = (EmailMessage) renderer.render(request);
      assertOnlyBundleText(message.subject());
      assertOnlyBundleText(message.text());
      assertOnlyBundleText(message.html().replaceAll("<[^>]*>", " ").replaceAll("&[a-z]+;|&#\\d+;", " "));
    }
  }

  @Test
  void pseudoTransformKeepsPatternsValid() {
    assertThat(pseudo("{count, plural, one {# alert} other {# alerts}}"))
        .isEqualTo("⟦{count, plural, one {# áĺéŕţ} other {# áĺéŕţš}}⟧");
    assertThat(pseudo("Hi {name}!")).isEqualTo("⟦Ĥí {name}!⟧");
  }

  private static void assertOnlyBundleText(String rendered) {
    String withoutData = rendered
        .replaceAll("https://qzx5\\.test/QZX6", " ")
        .replaceAll("QZX\\w*|qzx\\w*", " ")
        .replaceAll(":[a-z_]+:", " ")
        .replace(formatted(Requests.OCCURRED), " ")
        .replace(formatted(Requests.OCCURRED.plusSeconds(60)), " ");
    assertThat(withoutData).as(rendered).doesNotContainPattern("[A-Za-z]");
    assertThat(rendered).contains("⟦");
    // Punctuation is text too ("Gravité : Critique", "重大度：重大"): nothing may stand outside the
    // bundle's messages but layout (line breaks, indentation, the "-- " signature line, mrkdwn bold).
    String outside = withoutData;
    for (String previous = null; !outside.equals(previous); ) {
      previous = outside;
      outside = outside.replaceAll("⟦[^⟦⟧]*⟧", "");
    }
    assertThat(outside).as(rendered).matches("[\\s*]*(-- [\\s*]*)?");
  }

  private static String formatted(Instant instant) {
    DateFormat format = DateFormat.getInstanceForSkeleton("yMMMdjmmz", ULocale.ENGLISH);
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    return format.format(java.util.Date.from(instant));
  }

  private static List<NotificationRequest> requests(ChannelTarget target) {
    NotificationRequest alert = Requests.request(target)
        .setNotificationId("QZX8")
        .setTenantName("QZX4")
        .setAlert(Requests.alert().setTitle("QZX1").setMessage("QZX2").setSource("QZX3")
            .setLabels(Map.of("QZXa", "QZXb")).setLinks(List.of(new Link("https://qzx5.test/QZX6", "QZX7"))).build())
        .setRepeat(true)
        .setDuplicatesSuppressed(4)
        .build();
    NotificationRequest summary = Requests.summaryRequest(target, 7).setNotificationId("QZX8").setTenantName("QZX4").build();
    return List.of(alert, summary);
  }

  static MessageBundles pseudoBundles() {
    Map<String, String> pseudo = new TreeMap<>();
    MessageBundles.builtIn().bundle("en").forEach((key, pattern) -> pseudo.put(key, pseudo(pattern)));
    return MessageBundles.of(Map.of("en", pseudo));
  }

  /** Accents the literal text of a pattern and brackets it, leaving its ICU syntax untouched. */
  static String pseudo(String pattern) {
    MessagePattern parsed = new MessagePattern(pattern);
    StringBuilder out = new StringBuilder("⟦");
    int previous = 0;
    boolean inText = false;
    for (int i = 0; i < parsed.countParts(); i++) {
      MessagePattern.Part part = parsed.getPart(i);
      String gap = pattern.substring(previous, part.getIndex());
      out.append(inText ? accent(gap) : gap).append(pattern, part.getIndex(), part.getLimit());
      previous = part.getLimit();
      switch (part.getType()) {
        case MSG_START, ARG_LIMIT -> inText = true;
        case MSG_LIMIT, ARG_START -> inText = false;
        default -> { }
      }
    }
    return out.append(pattern.substring(previous)).append("⟧").toString();
  }

  private static String accent(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        out.append(LOWER.charAt(c - 'a'));
      } else if (c >= 'A' && c <= 'Z') {
        out.append(UPPER.charAt(c - 'A'));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
