package io.klaxon.sinks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.owasp.encoder.Encode;

/**
 * What the inbox page (and the notifier's email HTML) rely on from {@link Encode#forHtml}: untrusted
 * text can neither open an element nor leave an attribute value, whichever quote encloses it.
 */
class HtmlEscapingTest {
  /** An ampersand the encoder wrote: the start of one of its own entities. */
  private static final Pattern OWN_ENTITY = Pattern.compile("&(?!amp;|lt;|gt;|#34;|#39;)");

  @Test
  void escapesEveryMarkupCharacter() {
    assertThat(Encode.forHtml("& < > \" '")).isEqualTo("&amp; &lt; &gt; &#34; &#39;");
  }

  @Test
  void hostileTextStaysInElementContentAndInBothQuoteStylesOfAttributes() {
    String hostile = "x\" onmouseover=\"alert(1)' onfocus='alert(2)\"><script>alert(3)</script>&amp;&#39;";
    String escaped = Encode.forHtml(hostile);

    assertThat(escaped).as("element content").doesNotContain("<", ">");
    assertThat(escaped).as("a double-quoted attribute").doesNotContain("\"");
    assertThat(escaped).as("a single-quoted attribute").doesNotContain("'");
    assertThat(OWN_ENTITY.matcher(escaped).find()).as("every & starts an entity the encoder wrote").isFalse();
    assertThat(escaped).contains("&amp;amp;&amp;#39;");
  }
}
