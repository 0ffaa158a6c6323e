package io.klaxon.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class CallDeadlinesTest {
  private final OkHttpClient client = new OkHttpClient();

  private okhttp3.Call call() {
    return client.newCall(new Request.Builder().url("http://127.0.0.1:9/").build());
  }

  @Test
  void cancelsOnlyTheCallsWhoseTimeIsUp() {
    CallDeadlines deadlines = new CallDeadlines(false);
    okhttp3.Call soon = call();
    okhttp3.Call later = call();
    CallDeadlines.Deadline first = deadlines.watch(soon, Duration.ofSeconds(1));
    CallDeadlines.Deadline second = deadlines.watch(later, Duration.ofHours(1));

    deadlines.sweep(System.nanoTime() + Duration.ofSeconds(2).toNanos());

    assertThat(soon.isCanceled()).isTrue();
    assertThat(first.expired()).isTrue();
    assertThat(later.isCanceled()).isFalse();
    assertThat(second.expired()).isFalse();
    assertThat(deadlines.watched()).isEqualTo(1);
  }

  @Test
  void aFinishedCallIsForgottenAndNeverCancelled() {
    CallDeadlines deadlines = new CallDeadlines(false);
    okhttp3.Call done = call();
    try (CallDeadlines.Deadline deadline = deadlines.watch(done, Duration.ofSeconds(1))) {
      assertThat(deadlines.watched()).isEqualTo(1);
    }
    deadlines.sweep(System.nanoTime() + Duration.ofMinutes(1).toNanos());

    assertThat(done.isCanceled()).isFalse();
    assertThat(deadlines.watched()).isZero();
  }
}
