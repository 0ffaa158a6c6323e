package io.klaxon.notifier.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.ChannelPipeline;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.SenderContractTest;
import io.klaxon.notifier.render.PagerDutyMessage;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.notifier.testing.ScriptedHttpServer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Answer;
import io.klaxon.notifier.webhook.AddressAllowlist;
import io.klaxon.notifier.webhook.DestinationGuard;
import io.klaxon.notifier.webhook.GuardedHttpClient;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.ops.secret.TenantSecrets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared sender contract, kept by the PagerDuty Events API v2 sender against a scripted local
 * HTTP server answering as PagerDuty does: 202 accepted, 5xx retryable, 400 (an invalid event or
 * routing key) permanent, 429 (the per-routing-key limit) after its Retry-After; the routing key is
 * the secret that never shows.
 */
class PagerDutySenderContractTest extends SenderContractTest<PagerDutyMessage> {
  private static final String ACCEPTED = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"fp-1\"}";
  private ScriptedHttpServer server;
  private PagerDutySender sender;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedHttpServer(Answer.of(202, ACCEPTED));
    sender = new PagerDutySender(new GuardedHttpClient(DestinationGuard.withSystemResolver(AddressAllowlist.of(List.of("127.0.0.1"))),
        Duration.ofSeconds(2), Duration.ofMillis(500)), new TenantSecrets(new SecretResolver(Map.of("ACME_PD_KEY", SECRET)::get), null),
        PagerDutySender.DEFAULT_EVENTS_URL, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Override
  protected ChannelPipeline<PagerDutyMessage> pipeline() {
    return ChannelPipeline.pagerDuty(renderer, sender);
  }

  @Override
  protected NotificationRequest request() {
    return Requests.request(Requests.pagerDuty(server.url("/v2/enqueue"), "env:ACME_PD_KEY")).setFingerprint("fp-1").build();
  }

  @Override
  protected void serverAccepts() {
    server.enqueue(Answer.of(202, ACCEPTED));
  }

  @Override
  protected void serverFailsTransiently() {
    server.enqueue(Answer.of(502, "{}"));
  }

  @Override
  protected void serverRefuses() {
    server.enqueue(Answer.of(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}"));
  }

  @Override
  protected void serverHangs() {
    server.enqueue(Answer.hanging());
  }

  @Override
  protected void serverStallsMidAnswer() {
    server.enqueue(Answer.stallingInBody(202, ACCEPTED));
  }

  @Override
  protected void serverRateLimits(int seconds) {
    server.enqueue(Answer.withHeader(429, "Retry-After", Integer.toString(seconds), "{\"status\":\"throttle event\"}"));
  }

  @Test
  void theTargetsOwnEventsUrlWinsOverTheNotifiersDefault() {
    assertThat(send()).isInstanceOf(SendResult.Delivered.class);

    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().getLast().path()).isEqualTo("/v2/enqueue");
    assertThat(server.requests().getLast().body()).contains("\"routing_key\":\"" + SECRET + "\"", "\"dedup_key\":\"fp-1\"");
  }
}
