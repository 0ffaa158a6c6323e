package io.klaxon.sinks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {
  @Test
  void usesTheLongestPrefixThePathStartsWith() {
    WebhookSecrets secrets = new WebhookSecrets(Map.of("/hooks/", "any", "/hooks/acme", "acme's"));

    assertThat(secrets.secretFor("/hooks/acme/alerts")).isEqualTo("acme's");
    assertThat(secrets.secretFor("/hooks/globex")).isEqualTo("any");
    assertThat(secrets.secretFor("/other")).isNull();
  }

  @Test
  void addsAndReplacesSecretsAfterConstruction() {
    WebhookSecrets secrets = new WebhookSecrets(Map.of("/hooks/acme", "old"));

    secrets.put("/hooks/acme", "new");
    secrets.put("/hooks/newco", "newco's");

    assertThat(secrets.secretFor("/hooks/acme/x")).isEqualTo("new");
    assertThat(secrets.secretFor("/hooks/newco/x")).isEqualTo("newco's");
  }

  @Test
  void refusesABlankPrefixOrSecret() {
    WebhookSecrets secrets = new WebhookSecrets(Map.of());

    assertThatThrownBy(() -> secrets.put(" ", "s")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> secrets.put("/hooks/acme", "")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/hooks/acme");
    assertThat(secrets.secretFor("/hooks/acme")).isNull();
  }

  @Test
  void keepsEverySecretAddedFromManyThreadsWhileOthersLookUp() throws Exception {
    WebhookSecrets secrets = new WebhookSecrets(Map.of("/hooks/", "fallback"));
    int writers = 4;
    int perWriter = 500;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        tasks.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < perWriter; i++) {
            secrets.put("/hooks/t" + writer + "-" + i + "/", "s" + writer + "-" + i);
          }
          return null;
        }));
      }
      for (int r = 0; r < 2; r++) {
        tasks.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < perWriter; i++) {
            assertThat(secrets.secretFor("/hooks/t0-" + i + "/x")).isIn("fallback", "s0-" + i);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> task : tasks) {
        task.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (int w = 0; w < writers; w++) {
      for (int i = 0; i < perWriter; i++) {
        assertThat(secrets.secretFor("/hooks/t" + w + "-" + i + "/x")).isEqualTo("s" + w + "-" + i);
      }
    }
  }
}
