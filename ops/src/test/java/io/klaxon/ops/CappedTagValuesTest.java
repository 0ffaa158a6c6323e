package io.klaxon.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class CappedTagValuesTest {
  @Test
  void keepsTheFirstValuesAndFoldsTheRestIntoOther() {
    CappedTagValues tenants = new CappedTagValues(2);
    assertThat(tenants.value("acme")).isEqualTo("acme");
    assertThat(tenants.value("globex")).isEqualTo("globex");
    assertThat(tenants.value("initech")).isEqualTo(CappedTagValues.OTHER);
    assertThat(tenants.value("acme")).isEqualTo("acme");
    assertThat(tenants.value(null)).isEqualTo(CappedTagValues.OTHER);
    assertThat(tenants.size()).isEqualTo(2);
  }

  @Test
  void neverAdmitsMoreThanTheLimitUnderConcurrency() throws Exception {
    CappedTagValues tenants = new CappedTagValues(50);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        int offset = t;
        pool.execute(() -> {
          for (int i = 0; i < 1_000; i++) {
            tenants.value("tenant-" + ((i * 7 + offset) % 500));
          }
        });
      }
    }
    assertThat(tenants.size()).isEqualTo(50);
  }
}
