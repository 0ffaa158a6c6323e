package io.klaxon.notifier.render;

import static io.klaxon.notifier.testing.Requests.email;
import static io.klaxon.notifier.testing.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.util.ULocale;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.Requests;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsed patterns are shared between renderings, and no producer can fill that cache for good. */
class FormatCacheTest {
  private final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", NotifierMetrics.inMemory());

  @Test
  void everyWellFormedTagOfALocaleSharesItsFormats() {
    EmailMessage plain = renderer.emailMessage(request(email("ops@acme.example"))
        .setAlert(Requests.alert().setLocale("fr-CA").build()).build());
    int cached = renderer.cachedFormats();

    for (int i = 0; i < 600; i++) {
      EmailMessage tagged = renderer.emailMessage(request(email("ops@acme.example"))
          .setAlert(Requests.alert().setLocale("fr-CA-x-k" + i).build()).build());
      assertThat(tagged.text()).isEqualTo(plain.text());
    }

    assertThat(renderer.cachedFormats()).isEqualTo(cached);
  }

  @Test
  void theLeastRecentlyUsedFormatMakesRoomSoNewPatternsAreStillCached() {
    FormatCache cache = new FormatCache(16);
    ULocale french = new ULocale("fr");

    for (int i = 0; i < 1_000; i++) {
      assertThat(cache.format("n° " + i + " {count, number}", french, Map.of("count", i))).startsWith("n° " + i);
    }
    String plural = "{count, plural, one {# doublon} other {# doublons}}";
    cache.format(plural, french, Map.of("count", 2));

    assertThat(cache.size()).isEqualTo(16);
    assertThat(cache.holds(plural, french)).isTrue();
    assertThat(cache.holds("n° 999 {count, number}", french)).isTrue();
    assertThat(cache.holds("n° 0 {count, number}", french)).isFalse();
  }
}
