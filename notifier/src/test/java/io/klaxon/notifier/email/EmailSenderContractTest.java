package io.klaxon.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.ChannelPipeline;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.SenderContractTest;
import io.klaxon.notifier.email.ScriptedSmtpServer.Mode;
import io.klaxon.notifier.render.EmailMessage;
import io.klaxon.ops.secret.Secret;
import io.klaxon.notifier.testing.Requests;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender contract over SMTP with authentication: 4xx retryable, 5xx permanent, silence a timeout. */
class EmailSenderContractTest extends SenderContractTest<EmailMessage> {
  private ScriptedSmtpServer server;
  private EmailSender sender;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedSmtpServer();
    sender = new EmailSender(new SmtpSettings("127.0.0.1", server.port(), false, false, false, "notifier",
        new Secret(SECRET), "klaxon@notifier.test", Duration.ofSeconds(2), Duration.ofMillis(500), 2), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    sender.close();
    server.close();
  }

  @Override
  protected ChannelPipeline<EmailMessage> pipeline() {
    return ChannelPipeline.email(renderer, sender);
  }

  @Override
  protected NotificationRequest request() {
    return Requests.request(Requests.email("oncall@acme.example")).build();
  }

  @Override
  protected boolean hasRetryAfter() {
    return false;
  }

  @Override
  protected int rateLimitStatus() {
    return 452;
  }

  @Override
  protected void serverRateLimits(int seconds) {
    server.enqueue(Mode.RATE_LIMITED);
  }

  @Override
  protected void serverAccepts() {
    server.enqueue(Mode.ACCEPT);
  }

  @Override
  protected void serverFailsTransiently() {
    server.enqueue(Mode.TRANSIENT);
  }

  @Override
  protected void serverRefuses() {
    server.enqueue(Mode.REFUSE);
  }

  @Override
  protected void serverHangs() {
    server.enqueue(Mode.HANG);
  }

  @Override
  protected void serverStallsMidAnswer() {
    server.enqueue(Mode.DRIP);
  }

  @Test
  void authenticatesWithThePassword() {
    assertThat(send()).isInstanceOf(SendResult.Delivered.class);
    assertThat(server.credentials()).singleElement().satisfies(c -> assertThat(c).endsWith("notifier\0" + SECRET));
  }

  @Test
  void keepsTheConnectionOpenForTheNextMessages() {
    for (int i = 0; i < 3; i++) {
      assertThat(send()).isInstanceOf(SendResult.Delivered.class);
    }
    assertThat(server.messages()).hasSize(3);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void reconnectsWhenTheServerClosedTheConnection() {
    server.enqueue(Mode.ACCEPT_THEN_CLOSE);
    assertThat(send()).isInstanceOf(SendResult.Delivered.class);
    assertThat(send()).isInstanceOf(SendResult.Delivered.class);
    assertThat(server.messages()).hasSize(2);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void statusCodesTravelInResults() {
    server.enqueue(Mode.TRANSIENT);
    assertThat(send().statusCode()).isEqualTo(451);
    server.enqueue(Mode.REFUSE);
    assertThat(send().statusCode()).isEqualTo(550);
  }
}
