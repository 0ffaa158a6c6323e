package io.klaxon.ingest.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:" + timestamp +
 * ":" + body>} keyed by the app's signing secret, and {@code X-Slack-Request-Timestamp} (Unix
 * seconds) within {@value #WINDOW_MINUTES} minutes of now either way, so a captured request cannot
 * be replayed later. Compared in constant time. Stateless.
 */
public final class SlackSignature {
  /** How far the request's timestamp may lie from now, in minutes. */
  public static final int WINDOW_MINUTES = 5;
  private static final Duration WINDOW = Duration.ofMinutes(WINDOW_MINUTES);
  private static final String VERSION = "v0";

  private SlackSignature() {}

  /**
   * What is wrong with a request's signature, or empty when it holds.
   *
   * @param timestamp the {@code X-Slack-Request-Timestamp} header, or null
   * @param signature the {@code X-Slack-Signature} header, or null
   */
  public static Optional<String> problem(String signingSecret, String timestamp, String signature, byte[] body,
      Instant now) {
    if (timestamp == null || signature == null) {
      return Optional.of("X-Slack-Request-Timestamp and X-Slack-Signature are required");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Optional.of("X-Slack-Request-Timestamp is not a number of seconds");
    }
    Instant sent = Instant.ofEpochSecond(Math.max(Math.min(seconds, Instant.MAX.getEpochSecond()), Instant.MIN.getEpochSecond()));
    if (Duration.between(sent, now).abs().compareTo(WINDOW) > 0) {
      return Optional.of("X-Slack-Request-Timestamp is more than " + WINDOW_MINUTES + " minutes from now");
    }
    byte[] expected = sign(signingSecret, timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("X-Slack-Signature does not match");
    }
    return Optional.empty();
  }

  /** The {@code X-Slack-Signature} value of {@code body} sent at {@code timestamp}. */
  public static String sign(String signingSecret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
