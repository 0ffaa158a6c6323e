package io.klaxon.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.util.ULocale;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleRenderingTest {
  @Test
  void everyBuiltInMessageFitsWhereItIsShown() {
    BuiltInBundles.load().forEach((baseName, bundle) ->
        assertThat(SampleRendering.check(new ULocale(baseName), bundle)).as(baseName).isEmpty());
  }

  @Test
  void aTextLongerThanItsSlackPartIsAnErrorAndALongHeadlineAWarning() {
    Map<String, String> bundle = new HashMap<>(BuiltInBundles.english());
    bundle.put("field.kind", "Kind ".repeat(401));
    bundle.put("alert.headline", "{status, select, RESOLVED {Resolved after a long and careful investigation by the team"
        + " on call} other {Firing}}: {title} — please look at the runbook before anything else");

    assertThat(SampleRendering.check(ULocale.ENGLISH, bundle)).extracting(BundleCheck.Finding::key, BundleCheck.Finding::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alert.headline", BundleCheck.Code.LONG_HEADLINE),
            org.assertj.core.groups.Tuple.tuple("field.kind", BundleCheck.Code.OVERFLOW));
  }

  @Test
  void everyPluralCategoryIsRenderedSoTheLongestFormCounts() {
    // Polish "many" is the long form here; one, few and other would fit a header.
    String pattern = "{count, plural, one {# x} few {# y} many {# " + "z".repeat(200) + "} other {# w}}";

    assertThat(SampleRendering.check(new ULocale("pl"), Map.of("summary.headline", pattern)))
        .singleElement().satisfies(f -> assertThat(f.code()).isEqualTo(BundleCheck.Code.LONG_HEADLINE));
  }
}
