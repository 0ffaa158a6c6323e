package io.klaxon.sinks.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboxTest {
  private static WebhookCapture webhook(String tenant, String body) {
    return new WebhookCapture(Instant.EPOCH, tenant, "/hooks/" + tenant, "id", SignatureStatus.VALID, 1, body, 204);
  }

  private static EmailCapture email(String tenant) {
    return new EmailCapture(Instant.EPOCH, tenant, "from@x", List.of("to@" + tenant), "s", "t", "", Map.of());
  }

  @Test
  void keepsTheNewestAndCountsWhatItDrops() {
    Inbox inbox = new Inbox(2);
    inbox.add(webhook("a", "1"));
    inbox.add(webhook("a", "2"));
    inbox.add(email("b"));
    assertThat(inbox.size()).isEqualTo(2);
    assertThat(inbox.dropped()).isEqualTo(1);
    assertThat(inbox.received(InboxChannel.WEBHOOK)).isEqualTo(2);
    assertThat(inbox.received(InboxChannel.EMAIL)).isEqualTo(1);
    assertThat(inbox.list(InboxQuery.ALL)).extracting(e -> e.capture().channel())
        .containsExactly(InboxChannel.EMAIL, InboxChannel.WEBHOOK);
    assertThat(((WebhookCapture) inbox.list(InboxQuery.of(null, "webhook")).getFirst().capture()).body())
        .isEqualTo("2");
  }

  @Test
  void listsTheCapturesOfOneKindNewestFirst() {
    Inbox inbox = new Inbox();
    inbox.add(webhook("acme", "first"));
    inbox.add(email("acme"));
    inbox.add(webhook("acme", "second"));

    assertThat(inbox.captures(WebhookCapture.class)).extracting(WebhookCapture::body).containsExactly("second", "first");
    assertThat(inbox.captures(EmailCapture.class)).hasSize(1);
    assertThat(inbox.captures(SlackCapture.class)).isEmpty();
  }

  @Test
  void filtersByTenantAndChannel() {
    Inbox inbox = new Inbox();
    inbox.add(webhook("acme", "{}"));
    inbox.add(email("acme"));
    inbox.add(email("globex"));
    assertThat(inbox.list(InboxQuery.of("acme", ""))).hasSize(2);
    assertThat(inbox.list(InboxQuery.of("acme", "EMAIL"))).hasSize(1);
    assertThat(inbox.list(InboxQuery.of(" ", "nonsense"))).hasSize(3);
    assertThat(inbox.list(InboxQuery.of("initech", null))).isEmpty();
    assertThat(inbox.tenants()).containsExactly("acme", "globex");
  }

  @Test
  void replacesInPlaceOnlyWhatItStillHolds() {
    Inbox inbox = new Inbox(1);
    long first = inbox.add(email("a"));
    assertThat(inbox.replace(first, email("b"))).isTrue();
    assertThat(inbox.get(first).tenant()).isEqualTo("b");
    inbox.add(email("c"));
    assertThat(inbox.replace(first, email("d"))).isFalse();
    assertThat(inbox.get(first)).isNull();
  }

  @Test
  void refusesANonPositiveCapacity() {
    assertThatThrownBy(() -> new Inbox(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
