package io.klaxon.notifier.render;

import static io.klaxon.notifier.testing.Requests.email;
import static io.klaxon.notifier.testing.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.util.ULocale;
import io.klaxon.notifier.metrics.NotifierMetrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Script and region pick a bundle before the bare language does: Traditional Chinese readers in
 * Taiwan, Hong Kong and Macao get zh-Hant, Portugal gets European Portuguese, everyone else their
 * language, and English ends every chain.
 */
class LocaleResolverTest {
  private static final MessageBundles BUNDLES = MessageBundles.builtIn();
  private final LocaleResolver resolver = new LocaleResolver(BUNDLES, "en");
  private final Renderer renderer = new Renderer(BUNDLES, "en", NotifierMetrics.inMemory());

  @ParameterizedTest
  @CsvSource({
      "zh-TW,   zh_TW zh_Hant zh en",
      "zh-HK,   zh_HK zh_Hant zh en",
      "zh-MO,   zh_MO zh_Hant zh en",
      "zh-Hant, zh_Hant zh en",
      "zh-Hant-TW, zh_Hant_TW zh_Hant zh en",
      "zh-CN,   zh_CN zh en",
      "zh-SG,   zh_SG zh en",
      "zh-Hans, zh_Hans zh en",
      "zh-Hans-TW, zh_Hans_TW zh_Hans zh en",
      "zh,      zh en",
      "pt-PT,   pt_PT pt en",
      "pt-BR,   pt_BR pt en",
      "pt,      pt en",
      "fr-CA,   fr_CA fr en",
      "en-GB,   en_GB en",
  })
  void bundlesAreChosenByScriptAndRegionBeforeLanguage(String tag, String chain) {
    ResolvedLocale resolved = resolver.resolve(tag, null);

    assertThat(resolved.chain()).extracting(ULocale::getBaseName).containsExactly(chain.split(" "));
    assertThat(resolved.languageTag()).isEqualTo(tag);
  }

  @ParameterizedTest
  @CsvSource({
      "zh-TW, 嚴重性：嚴重",
      "zh-HK, 嚴重性：嚴重",
      "zh-Hant, 嚴重性：嚴重",
      "zh-CN, 严重级别：严重",
      "zh, 严重级别：严重",
      "pt-PT, Ligações",
      "pt-BR, Links",
  })
  void regionalReadersGetTheirVariant(String tag, String expected) {
    EmailMessage message = (EmailMessage) renderer.render(request(email("a@acme.example")).setTenantLocale(tag).build());

    assertThat(message.text()).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"zh-TW, zh_Hant", "pt-PT, pt_PT"})
  void variantsServeAsTheDeploymentDefault(String tag, String bundle) {
    ResolvedLocale resolved = new LocaleResolver(BUNDLES, tag).resolve(null, "xx");

    assertThat(resolved.languageTag()).isEqualTo(tag);
    assertThat(resolved.chain()).extracting(ULocale::getBaseName).contains(bundle);
  }
}
