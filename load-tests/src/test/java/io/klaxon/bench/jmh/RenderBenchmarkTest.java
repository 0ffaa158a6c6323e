package io.klaxon.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.contract.SupportedLanguages;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderBenchmarkTest {
  @Test
  void theDefaultLocaleParameterCoversEverySupportedLanguage() {
    assertThat(RenderBenchmark.languages(RenderBenchmark.ALL_LANGUAGES)).isEqualTo(SupportedLanguages.ALL);
    assertThat(RenderBenchmark.languages("he")).isEqualTo(List.of("he"));
    assertThatThrownBy(() -> RenderBenchmark.languages("sv")).hasMessageContaining("'sv'");
  }
}
