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
import io.klaxon.events.AlertGroup;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.Link;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.Requests;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Renders with pseudo-localized bundles (every message bracketed, every literal letter accented in
 * the left-to-right pseudo-locale and replaced by a Hebrew letter in the right-to-left one) and
 * checks that no plain ASCII letter and no punctuation is left outside the bundle's messages in
 * what a reader sees, apart from the alert's own data and ICU-formatted dates: any hard-coded text
 * in the layout code would show. In the right-to-left pseudo-locale every data value must sit in
 * its own bidi isolate (FSI…PDI in text, {@code <bdi>} in HTML), so a Latin title ending in a
 * bracket cannot swap places with the sentence around it.
 */
class PseudoLocaleTest {
  private static final String LOWER = "áƀçđéƒğĥíĵķĺɱñóƥʠŕšţúṽŵẋýž";
  private static final String UPPER = "ÁƁÇĐÉƑĞĤÍĴĶĹṀÑÓƤɊŔŠŢÚṼŴẊÝŽ";
  /** Right-to-left letters for a-z (and A-Z): the Hebrew alphabet and four final forms. */
  private static final String RIGHT_TO_LEFT = "אבגדהוזחטיכלמנסעפצקרשתךםןף";
  /** The pseudo-locale written right to left: Hebrew, as far as ICU's formatting is concerned. */
  private static final String RTL_PSEUDO = "he";
  private static final Pattern DATA = Pattern.compile("https://qzx5\\.test/QZX6|QZX\\w*");

  private final Renderer renderer = new Renderer(pseudoBundles(), "en", NotifierMetrics.inMemory());

  @Test
  void slackShowsOnlyBundleTextAndData() {
    for (NotificationRequest request : requests(slackChannel("#ops"), "en")) {
      assertOnlyBundleText(visibleText((SlackMessage) renderer.render(request)), ULocale.ENGLISH);
    }
  }

  @Test
  void rightToLeftSlackShowsOnlyBundleTextAndIsolatesEveryValue() {
    for (NotificationRequest request : requests(slackChannel("#ops"), RTL_PSEUDO)) {
      String visible = visibleText((SlackMessage) renderer.render(request));
      assertOnlyBundleText(visible, new ULocale(RTL_PSEUDO));
      assertEveryValueIsolated(visible);
    }
  }

  /** What Slack shows: the text of every block and the fallback text, a mrkdwn link as its text. */
  private static String visibleText(SlackMessage message) {
    List<String> texts = new ArrayList<>();
    collectTexts(new Gson().toJsonTree(message.blocks()), texts);
    texts.add(message.text());
    return String.join("\n", texts).replaceAll("<[^|<>]*\\|([^<>]*)>", "$1");
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
    for (NotificationRequest request : requests(email("ops@acme.example"), "en")) {
      EmailMessage message = (EmailMessage) renderer.render(request);
      assertOnlyBundleText(message.subject(), ULocale.ENGLISH);
      assertOnlyBundleText(message.text(), ULocale.ENGLISH);
      assertOnlyBundleText(htmlText(message.html()), ULocale.ENGLISH);
      assertEveryValueInBdi(htmlBody(message.html()));
    }
  }

  @Test
  void rightToLeftEmailShowsOnlyBundleTextAndIsolatesEveryValue() {
    ULocale locale = new ULocale(RTL_PSEUDO);
    for (NotificationRequest request : requests(email("ops@acme.example"), RTL_PSEUDO)) {
      EmailMessage message = (EmailMessage) renderer.render(request);
      String title = message.html().replaceAll("(?s).*<title>(.*)</title>.*", "$1");
      assertOnlyBundleText(message.subject(), locale);
      assertOnlyBundleText(message.text(), locale);
      assertOnlyBundleText(htmlText(message.html()), locale);
      assertEveryValueIsolated(message.subject());
      assertEveryValueIsolated(message.text());
      assertEveryValueIsolated(title);
      assertEveryValueInBdi(htmlBody(message.html()));
    }
  }

  private static String htmlText(String html) {
    return html.replaceAll("<[^>]*>", " ").replaceAll("&[a-z]+;|&#\\d+;", " ");
  }

  /** The body without attribute values (a link's href is not shown). */
  private static String htmlBody(String html) {
    return html.substring(html.indexOf("<body")).replaceAll("href=\"[^\"]*\"", "");
  }

  /** Every data value sits inside an FSI…PDI isolate of its own (not merely inside an RLI line). */
  private static void assertEveryValueIsolated(String text) {
    Matcher data = DATA.matcher(text);
    assertThat(data.find()).as(text).isTrue();
    do {
      Deque<Character> open = new ArrayDeque<>();
      for (char c : text.substring(0, data.start()).toCharArray()) {
        if (c == BidiIsolation.LRI || c == BidiIsolation.RLI || c == BidiIsolation.FSI) {
          open.push(c);
        } else if (c == BidiIsolation.PDI && !open.isEmpty()) {
          open.pop();
        }
      }
      assertThat(open.peek()).as(data.group() + " in " + text).isEqualTo(BidiIsolation.FSI);
    } while (data.find());
  }

  /** Every data value sits inside a {@code <bdi>} element. */
  private static void assertEveryValueInBdi(String html) {
    Matcher data = DATA.matcher(html);
    assertThat(data.find()).as(html).isTrue();
    do {
      String before = html.substring(0, data.start());
      int depth = before.split("<bdi>", -1).length - before.split("</bdi>", -1).length;
      assertThat(depth).as(data.group() + " in " + html).isPositive();
    } while (data.find());
  }

  @Test
  void pseudoTransformKeepsPatternsValid() {
    assertThat(pseudo("{count, plural, one {# alert} other {# alerts}}"))
        .isEqualTo("⟦{count, plural, one {# áĺéŕţ} other {# áĺéŕţš}}⟧");
    assertThat(pseudo("Hi {name}!")).isEqualTo("⟦Ĥí {name}!⟧");
  }

  private static void assertOnlyBundleText(String rendered, ULocale locale) {
    String withoutData = rendered
        .replaceAll("https://qzx5\\.test/QZX6", " ")
        .replaceAll("QZX\\w*|qzx\\w*", " ")
        .replaceAll(":[a-z_]+:", " ")
        .replace(formatted(Requests.OCCURRED, locale), " ")
        .replace(formatted(Requests.OCCURRED.plusSeconds(60), locale), " ");
    assertThat(withoutData).as(rendered).doesNotContainPattern("[A-Za-z]");
    assertThat(rendered).contains("⟦");
    // Punctuation is text too ("Gravité : Critique", "重大度：重大"): nothing may stand outside the
    // bundle's messages but layout (line breaks, indentation, the "-- " signature line, mrkdwn bold).
    String outside = withoutData;
    for (String previous = null; !outside.equals(previous); ) {
      previous = outside;
      outside = outside.replaceAll("⟦[^⟦⟧]*⟧", "");
    }
    assertThat(outside).as(rendered).matches("[\\s*\\u2066-\\u2069]*(-- [\\s*\\u2066-\\u2069]*)?");
  }

  private static String formatted(Instant instant, ULocale locale) {
    DateFormat format = DateFormat.getInstanceForSkeleton("yMMMdjmmz", locale);
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    return format.format(java.util.Date.from(instant));
  }

  private static List<NotificationRequest> requests(ChannelTarget target, String locale) {
    NotificationRequest alert = Requests.request(target)
        .setTenantLocale(locale)
        .setNotificationId("QZX8")
        .setTenantName("QZX4")
        .setAlert(Requests.alert().setTitle("QZX1").setMessage("QZX2").setSource("QZX3")
            .setLabels(Map.of("QZXa", "QZXb")).setLinks(List.of(new Link("https://qzx5.test/QZX6", "QZX7"))).build())
        .setRepeat(true)
        .setDuplicatesSuppressed(4)
        .build();
    NotificationRequest summary = Requests.summaryRequest(target, 7).setTenantLocale(locale)
        .setNotificationId("QZX8").setTenantName("QZX4").build();
    AlertGroup group = Requests.group().setGroupLabels(Map.of("QZXc", "QZXd")).setStartedAt(Requests.OCCURRED)
        .setOmitted(3).setAlerts(List.of(
            Requests.grouped("QZXe", Requests.alert().setTitle("QZX1").setSource("QZX3").build(), true),
            Requests.grouped("QZXf", Requests.alert().setTitle("QZX1").setSource("QZX3").setStatus(AlertStatus.RESOLVED)
                .build(), true)))
        .build();
    NotificationRequest grouped = Requests.groupRequest(target, group).setTenantLocale(locale).setRouteName("QZX9")
        .setNotificationId("QZX8").setTenantName("QZX4").setRepeat(true).build();
    DigestSummary digest = Requests.digest().setWindowStart(Requests.OCCURRED).setWindowEnd(Requests.OCCURRED.plusSeconds(60))
        .setBySource(Map.of("QZXg", 20L, "QZXh", 12L)).setTopTitles(List.of(Requests.titleCount("QZX1", 12))).build();
    NotificationRequest digested = Requests.digestRequest(target, digest).setTenantLocale(locale)
        .setNotificationId("QZX8").setTenantName("QZX4").build();
    return List.of(alert, summary, grouped, digested);
  }

  static MessageBundles pseudoBundles() {
    Map<String, String> leftToRight = new TreeMap<>();
    Map<String, String> rightToLeft = new TreeMap<>();
    MessageBundles.builtIn().bundle("en").forEach((key, pattern) -> {
      leftToRight.put(key, pseudo(pattern, PseudoLocaleTest::accent));
      rightToLeft.put(key, pseudo(pattern, PseudoLocaleTest::rightToLeft));
    });
    return MessageBundles.of(Map.of("en", leftToRight, RTL_PSEUDO, rightToLeft));
  }

  /** Accents the literal text of a pattern and brackets it, leaving its ICU syntax untouched. */
  static String pseudo(String pattern) {
    return pseudo(pattern, PseudoLocaleTest::accent);
  }

  /** Rewrites the literal text of a pattern and brackets it, leaving its ICU syntax untouched. */
  static String pseudo(String pattern, UnaryOperator<String> letters) {
    MessagePattern parsed = new MessagePattern(pattern);
    StringBuilder out = new StringBuilder("⟦");
    int previous = 0;
    boolean inText = false;
    for (int i = 0; i < parsed.countParts(); i++) {
      MessagePattern.Part part = parsed.getPart(i);
      String gap = pattern.substring(previous, part.getIndex());
      out.append(inText ? letters.apply(gap) : gap).append(pattern, part.getIndex(), part.getLimit());
      previous = part.getLimit();
      switch (part.getType()) {
        case MSG_START, ARG_LIMIT -> inText = true;
        case MSG_LIMIT, ARG_START -> inText = false;
        default -> { }
      }
    }
    return out.append(pattern.substring(previous)).append("⟧").toString();
  }

  private static String rightToLeft(String text) {
    return replaceLetters(text, RIGHT_TO_LEFT, RIGHT_TO_LEFT);
  }

  private static String accent(String text) {
    return replaceLetters(text, LOWER, UPPER);
  }

  /** Replaces a-z by the letters of {@code lower} and A-Z by those of {@code upper}. */
  private static String replaceLetters(String text, String lower, String upper) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        out.append(lower.charAt(c - 'a'));
      } else if (c >= 'A' && c <= 'Z') {
        out.append(upper.charAt(c - 'A'));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
