package io.klaxon.sinks.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.sinks.inbox.SignatureStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureVerifierTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final String WHSEC = "whsec_" + Base64.getEncoder().encodeToString(KEY);
  private static final String BODY = "{\"tenant\":{\"id\":\"acme\"},\"title\":\"تنبيه\"}";

  private final WebhookSignatureVerifier verifier = new WebhookSignatureVerifier(Duration.ofMinutes(5));

  private SignatureStatus verify(String secret, String id, String timestamp, String signature, String body) {
    return verifier.verify(secret, id, timestamp, signature, body.getBytes(StandardCharsets.UTF_8), NOW);
  }

  @Test
  void acceptsASignatureWithTheDecodedWhsecKey() {
    long ts = NOW.getEpochSecond();
    String signature = WebhookSignatures.sign(KEY, "msg_1", ts, BODY);
    assertThat(verify(WHSEC, "msg_1", Long.toString(ts), signature, BODY)).isEqualTo(SignatureStatus.VALID);
  }

  @Test
  void usesOtherSecretsAsTheirUtf8Bytes() {
    long ts = NOW.getEpochSecond();
    String signature = WebhookSignatures.sign("plain secret".getBytes(StandardCharsets.UTF_8), "msg_1", ts, BODY);
    assertThat(verify("plain secret", "msg_1", Long.toString(ts), signature, BODY)).isEqualTo(SignatureStatus.VALID);
  }

  @Test
  void acceptsWhenAnyOfSeveralSignaturesMatches() {
    long ts = NOW.getEpochSecond();
    String good = WebhookSignatures.sign(KEY, "msg_1", ts, BODY);
    String header = "v1,AAAA v2,whatever " + good;
    assertThat(verify(WHSEC, "msg_1", Long.toString(ts), header, BODY)).isEqualTo(SignatureStatus.VALID);
  }

  @Test
  void rejectsATamperedBodyAWrongSecretAndAnotherId() {
    long ts = NOW.getEpochSecond();
    String signature = WebhookSignatures.sign(KEY, "msg_1", ts, BODY);
    assertThat(verify(WHSEC, "msg_1", Long.toString(ts), signature, BODY.replace("acme", "acmf")))
        .isEqualTo(SignatureStatus.INVALID);
    assertThat(verify("whsec_" + Base64.getEncoder().encodeToString("other".getBytes(StandardCharsets.UTF_8)),
        "msg_1", Long.toString(ts), signature, BODY)).isEqualTo(SignatureStatus.INVALID);
    assertThat(verify(WHSEC, "msg_2", Long.toString(ts), signature, BODY)).isEqualTo(SignatureStatus.INVALID);
    assertThat(verify(WHSEC, "msg_1", Long.toString(ts), "v1,not*base64", BODY)).isEqualTo(SignatureStatus.INVALID);
  }

  @Test
  void reportsMissingHeaders() {
    String ts = Long.toString(NOW.getEpochSecond());
    assertThat(verify(WHSEC, null, ts, "v1,x", BODY)).isEqualTo(SignatureStatus.MISSING);
    assertThat(verify(WHSEC, "msg_1", null, "v1,x", BODY)).isEqualTo(SignatureStatus.MISSING);
    assertThat(verify(WHSEC, "msg_1", ts, " ", BODY)).isEqualTo(SignatureStatus.MISSING);
  }

  @Test
  void rejectsTimestampsMoreThanTheToleranceAwayEitherWay() {
    long old = NOW.minusSeconds(301).getEpochSecond();
    long future = NOW.plusSeconds(301).getEpochSecond();
    long edge = NOW.minusSeconds(300).getEpochSecond();
    assertThat(verify(WHSEC, "m", Long.toString(old), WebhookSignatures.sign(KEY, "m", old, BODY), BODY))
        .isEqualTo(SignatureStatus.STALE);
    assertThat(verify(WHSEC, "m", Long.toString(future), WebhookSignatures.sign(KEY, "m", future, BODY), BODY))
        .isEqualTo(SignatureStatus.STALE);
    assertThat(verify(WHSEC, "m", Long.toString(edge), WebhookSignatures.sign(KEY, "m", edge, BODY), BODY))
        .isEqualTo(SignatureStatus.VALID);
    assertThat(verify(WHSEC, "m", "yesterday", "v1,x", BODY)).isEqualTo(SignatureStatus.STALE);
  }

  @Test
  void saysWhenNoSecretIsConfigured() {
    String ts = Long.toString(NOW.getEpochSecond());
    assertThat(verify(null, "m", ts, "v1,x", BODY)).isEqualTo(SignatureStatus.NO_SECRET);
  }
}
