package io.klaxon.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.ChannelPipeline;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.SenderContractTest;
import io.klaxon.notifier.render.SlackMessage;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.ops.secret.TenantSecrets;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.notifier.testing.ScriptedHttpServer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Answer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Recorded;
import io.klaxon.notifier.webhook.AddressAllowlist;
import io.klaxon.notifier.webhook.DestinationGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Incoming webhooks through the real SDK; the webhook URL itself is the secret. */
class SlackWebhookSenderTest extends SenderContractTest<SlackMessage> {
  private ScriptedHttpServer server;
  private SlackSender sender;
  private String webhookUrl;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedHttpServer(Answer.of(200, "ok"));
    webhookUrl = server.url("/services/T000/B000/" + SECRET);
    sender = new SlackSender(SlackSender.config(server.url("/api/"), Duration.ofMillis(500)), SlackApiSenderTest.LOCAL,
        new TenantSecrets(new SecretResolver(Map.of("ACME_SLACK_HOOK_OPS", webhookUrl)::get), null), null, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Override
  protected ChannelPipeline<SlackMessage> pipeline() {
    return ChannelPipeline.slack(renderer, sender);
  }

  @Override
  protected NotificationRequest request() {
    return Requests.request(Requests.slackWebhook("#ops", "env:ACME_SLACK_HOOK_OPS")).build();
  }

  @Override
  protected void serverAccepts() {
    server.enqueue(Answer.of(200, "ok"));
  }

  @Override
  protected void serverFailsTransiently() {
    server.enqueue(Answer.of(500, "internal_error"));
  }

  @Override
  protected void serverRefuses() {
    server.enqueue(Answer.of(404, "no_service"));
  }

  @Override
  protected void serverHangs() {
    server.enqueue(Answer.hanging());
  }

  @Override
  protected void serverStallsMidAnswer() {
    server.enqueue(Answer.stallingInBody(200, "{\"ok\":true}"));
  }

  @Override
  protected void serverRateLimits(int seconds) {
    server.enqueue(Answer.withHeader(429, "Retry-After", Integer.toString(seconds), "rate_limited"));
  }

  @Test
  void aWebhookUrlToAnInternalAddressIsRefusedAndNeverCalled() {
    SlackSender guarded = new SlackSender(SlackSender.config(server.url("/api/"), Duration.ofMillis(500)),
        DestinationGuard.withSystemResolver(AddressAllowlist.empty()),
        new TenantSecrets(new SecretResolver(Map.of("ACME_SLACK_HOOK_OPS", webhookUrl)::get), null), null, Clock.systemUTC());

    assertThat(guarded.send(request(), renderer.slackMessage(request())))
        .isInstanceOfSatisfying(SendResult.Permanent.class, p -> assertThat(p.reason()).contains("loopback"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void redirectsAreNotFollowedAndArePermanent() {
    server.enqueue(Answer.withHeader(302, "Location", "http://10.0.0.1/internal", ""));

    assertThat(send()).isInstanceOfSatisfying(SendResult.Permanent.class, p -> assertThat(p.statusCode()).isEqualTo(302));
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void plainMentionsAreNotParsedIntoLiveOnes() throws Exception {
    NotificationRequest request = Requests.request(Requests.slackWebhook("#ops", "env:ACME_SLACK_HOOK_OPS"))
        .setAlert(Requests.alert().setTitle("@here db down").build()).build();

    assertThat(sender.send(request, renderer.slackMessage(request))).isInstanceOf(SendResult.Delivered.class);

    JsonNode payload = new ObjectMapper().readTree(server.requests().getLast().body());
    assertThat(payload.path("parse").asText()).isEqualTo("none");
    assertThat(payload.path("link_names").isBoolean()).isTrue();
    assertThat(payload.path("link_names").asBoolean()).isFalse();
    assertThat(payload.path("text").asText()).contains("@here");
    SlackJson.assertEveryMrkdwnTextIsVerbatim(payload.path("attachments").toString());
  }

  @Test
  void postsJsonPayloadToTheWebhook() {
    assertThat(send()).isInstanceOf(SendResult.Delivered.class);

    Recorded call = server.requests().getLast();
    assertThat(call.path()).isEqualTo("/services/T000/B000/" + SECRET);
    assertThat(call.body()).contains("\"text\":\"Firing: Disk almost full\"").contains("\"attachments\"")
        .contains("\"color\":\"#D00000\"").contains("\"blocks\"");
  }
}
