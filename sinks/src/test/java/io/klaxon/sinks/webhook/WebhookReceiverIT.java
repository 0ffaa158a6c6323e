package io.klaxon.sinks.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SignatureStatus;
import io.klaxon.sinks.inbox.WebhookCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook receiver over real HTTP, with signatures computed here from the specification. */
class WebhookReceiverIT {
  private static final byte[] KEY = "a 32 byte key for the acme hooks".getBytes(StandardCharsets.US_ASCII);
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
  private static final String BODY = """
      {"version":"1","type":"alert","notificationId":"n-1","tenant":{"id":"acme","name":"Acme","tier":"ENTERPRISE"},
       "rendered":{"locale":"he","direction":"rtl","title":"הדיסק כמעט מלא","text":""}}""";

  private final HttpClient client = HttpClient.newHttpClient();
  private final Inbox inbox = new Inbox();
  private WebhookReceiver receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private int post(String path, String id, Long timestamp, String signature, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver.url(path)))
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (id != null) {
      request.header("webhook-id", id);
    }
    if (timestamp != null) {
      request.header("webhook-timestamp", Long.toString(timestamp));
    }
    if (signature != null) {
      request.header("webhook-signature", signature);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private WebhookCapture latest() {
    return receiver.received().getFirst();
  }

  @Test
  void answers204ToAValidSignatureAnd401OtherwiseRecordingWhy() throws Exception {
    receiver = WebhookReceiver.start(WebhookReceiverSettings.defaults().withSecret("/hooks/acme", SECRET), inbox);
    long now = Instant.now().getEpochSecond();
    String signature = WebhookSignatures.sign(KEY, "n-1", now, BODY);

    assertThat(post("acme/alerts", "n-1", now, signature, BODY)).isEqualTo(204);
    assertThat(latest().signature()).isEqualTo(SignatureStatus.VALID);
    assertThat(latest().tenant()).isEqualTo("acme");
    assertThat(latest().rightToLeft()).isTrue();
    assertThat(latest().body()).isEqualTo(BODY);

    assertThat(post("acme/alerts", "n-2", now, signature, BODY.replace("acme", "evil"))).isEqualTo(401);
    assertThat(latest().signature()).isEqualTo(SignatureStatus.INVALID);

    String wrongKey = WebhookSignatures.sign("another key".getBytes(StandardCharsets.UTF_8), "n-3", now, BODY);
    assertThat(post("acme/alerts", "n-3", now, wrongKey, BODY)).isEqualTo(401);
    assertThat(latest().signature()).isEqualTo(SignatureStatus.INVALID);

    assertThat(post("acme/alerts", null, null, null, BODY)).isEqualTo(401);
    assertThat(latest().signature()).isEqualTo(SignatureStatus.MISSING);

    long stale = now - 600;
    assertThat(post("acme/alerts", "n-4", stale, WebhookSignatures.sign(KEY, "n-4", stale, BODY), BODY)).isEqualTo(401);
    assertThat(latest().signature()).isEqualTo(SignatureStatus.STALE);

    assertThat(post("unknown/x", "n-5", now, signature, BODY)).isEqualTo(401);
    assertThat(latest().signature()).isEqualTo(SignatureStatus.NO_SECRET);
    assertThat(latest().responseStatus()).isEqualTo(401);
  }

  @Test
  void countsRepeatsOfAWebhookId() throws Exception {
    receiver = WebhookReceiver.start(WebhookReceiverSettings.defaults().withSecret("/hooks/", SECRET), inbox);
    long now = Instant.now().getEpochSecond();
    for (int i = 0; i < 3; i++) {
      assertThat(post("acme", "n-7", now, WebhookSignatures.sign(KEY, "n-7", now, BODY), BODY)).isEqualTo(204);
    }
    assertThat(receiver.deliveries("n-7")).isEqualTo(3);
    assertThat(receiver.deliveries("n-8")).isZero();
    assertThat(receiver.repeats()).isEqualTo(2);
    assertThat(receiver.received()).extracting(WebhookCapture::delivery).containsExactly(3, 2, 1);
    assertThat(latest().repeat()).isTrue();
  }

  @Test
  void acceptAllAnswers204ButStillRecordsTheStatus() throws Exception {
    receiver = WebhookReceiver.start(WebhookReceiverSettings.defaults().withAcceptAll(true), inbox);
    assertThat(post("anyone", "x", Instant.now().getEpochSecond(), "v1,AAAA", "not json")).isEqualTo(204);
    assertThat(latest().signature()).isEqualTo(SignatureStatus.NO_SECRET);
    assertThat(latest().tenant()).isEqualTo("anyone");
    assertThat(latest().responseStatus()).isEqualTo(204);
  }

  @Test
  void injectsFailuresOnFailPathsAndByFraction() throws Exception {
    receiver = WebhookReceiver.start(WebhookReceiverSettings.defaults().withAcceptAll(true).withFailures(1.0, 7), inbox);
    assertThat(post("acme", "a", null, null, "{}")).isEqualTo(503);
    receiver.close();

    receiver = WebhookReceiver.start(WebhookReceiverSettings.defaults().withSecret("/hooks/", SECRET), inbox);
    long now = Instant.now().getEpochSecond();
    assertThat(post("acme/fail", "n-9", now, WebhookSignatures.sign(KEY, "n-9", now, BODY), BODY)).isEqualTo(503);
    assertThat(latest().signature()).isEqualTo(SignatureStatus.VALID);
    assertThat(latest().responseStatus()).isEqualTo(503);
    assertThat(post("acme/ok", "n-9", now, WebhookSignatures.sign(KEY, "n-9", now, BODY), BODY)).isEqualTo(204);
    assertThat(latest().delivery()).isEqualTo(2);
  }

  @Test
  void verifiesWithASecretAddedWhileRunning() throws Exception {
    receiver = WebhookReceiver.start(WebhookReceiverSettings.defaults().withSecret("/hooks/acme", SECRET), inbox);
    long now = Instant.now().getEpochSecond();
    byte[] newcoKey = "a 32 byte key for the newco hook".getBytes(StandardCharsets.US_ASCII);
    String signed = WebhookSignatures.sign(newcoKey, "n-10", now, BODY);

    assertThat(post("newco/alerts", "n-10", now, signed, BODY)).isEqualTo(401);
    assertThat(latest().signature()).isEqualTo(SignatureStatus.NO_SECRET);

    receiver.addSecret("/hooks/newco", "whsec_" + Base64.getEncoder().encodeToString(newcoKey));

    assertThat(post("newco/alerts", "n-10", now, signed, BODY)).isEqualTo(204);
    assertThat(latest().signature()).isEqualTo(SignatureStatus.VALID);
    assertThat(post("acme/alerts", "n-11", now, WebhookSignatures.sign(KEY, "n-11", now, BODY), BODY))
        .as("the secrets given at start still apply").isEqualTo(204);
  }

  @Test
  void refusesOtherMethodsAndPaths() throws Exception {
    receiver = WebhookReceiver.start(WebhookReceiverSettings.defaults(), inbox);
    HttpResponse<Void> get = client.send(HttpRequest.newBuilder(URI.create(receiver.url("x"))).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(get.statusCode()).isEqualTo(405);
    HttpResponse<Void> elsewhere = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + receiver.port() + "/other")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(inbox.size()).isZero();
  }
}
