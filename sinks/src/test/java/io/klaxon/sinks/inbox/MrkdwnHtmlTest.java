package io.klaxon.sinks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MrkdwnHtmlTest {
  @Test
  void rendersBoldItalicStrikeAndCode() {
    assertThat(MrkdwnHtml.toHtml("*disk* is _almost_ ~empty~ on `db-1`"))
        .isEqualTo("<b>disk</b> is <i>almost</i> <s>empty</s> on <code>db-1</code>");
  }

  @Test
  void rendersPreformattedWithoutFormatting() {
    assertThat(MrkdwnHtml.toHtml("log:```*not bold* <b>```"))
        .isEqualTo("log:<pre>*not bold* &lt;b&gt;</pre>");
  }

  @Test
  void rendersHttpLinksWithTheirTextAndEscapesTheUrl() {
    assertThat(MrkdwnHtml.toHtml("see <https://runbooks.example/db?a=1&amp;b=\"2\"|the runbook>"))
        .isEqualTo("see <a href=\"https://runbooks.example/db?a=1&amp;b=&#34;2&#34;\" rel=\"noopener noreferrer\""
            + " target=\"_blank\">the runbook</a>");
  }

  @Test
  void neverMakesALinkOfAJavascriptUrl() {
    String html = MrkdwnHtml.toHtml("<javascript:alert(1)|click>");
    assertThat(html).doesNotContain("<a").isEqualTo("&lt;javascript:alert(1)|click&gt;");
  }

  @Test
  void decodesSlackEscapesThenEscapesForHtml() {
    assertThat(MrkdwnHtml.toHtml("&lt;script&gt;alert('x')&lt;/script&gt; &amp; more"))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
  }

  @Test
  void showsMentionsInert() {
    assertThat(MrkdwnHtml.toHtml("<!channel> ping <@U123> in <#C42|ops>"))
        .isEqualTo("<span class=\"mention\">@channel</span> ping <span class=\"mention\">@U123</span> in "
            + "<span class=\"mention\">#ops</span>");
  }

  @Test
  void boldSurvivesBidiIsolatesAndEmojiShortcodesBecomeEmoji() {
    String html = MrkdwnHtml.toHtml(":rotating_light: *\u2067قاعدة البيانات\u2069*");
    assertThat(html).isEqualTo("\uD83D\uDEA8 <b>\u2067قاعدة البيانات\u2069</b>");
  }

  @Test
  void leavesUnmatchedMarkersAndSnakeCaseAlone() {
    assertThat(MrkdwnHtml.toHtml("a * b and snake_case_name and `open"))
        .isEqualTo("a * b and snake_case_name and `open");
  }
}
