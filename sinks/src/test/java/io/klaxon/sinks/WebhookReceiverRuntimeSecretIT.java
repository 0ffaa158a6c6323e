package io.klaxon.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A secret added to a running receiver verifies the deliveries that follow. */
class WebhookReceiverRuntimeSecretIT {
  private static final byte[] KEY = "a 32 byte key for the late hooks".getBytes(StandardCharsets.US_ASCII);
  private static final String BODY = "{\"tenant\":{\"id\":\"late\"}}";

  @Test
  void aSecretAddedWhileRunningVerifiesLaterDeliveries() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiverSettings.defaults(), new Inbox());
         HttpClient client = HttpClient.newHttpClient()) {
      long now = Instant.now().getEpochSecond();
      String signature = WebhookSignatures.sign(KEY, "n-1", now, BODY);
      HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url("late/alerts")))
          .header("webhook-id", "n-1").header("webhook-timestamp", Long.toString(now))
          .header("webhook-signature", signature)
          .POST(HttpRequest.BodyPublishers.ofString(BODY, StandardCharsets.UTF_8)).build();

      assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
          .as("before the tenant's secret is known").isEqualTo(401);

      receiver.addSecret("/hooks/late", "whsec_" + Base64.getEncoder().encodeToString(KEY));

      assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
      assertThat(receiver.received().getFirst().signature()).isEqualTo(SignatureStatus.VALID);
    }
  }
}
