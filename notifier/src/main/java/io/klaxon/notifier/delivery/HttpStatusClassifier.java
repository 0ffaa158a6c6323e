package io.klaxon.notifier.delivery;

import java.time.Duration;

/**
 * Classifies an HTTP answer the same way for every HTTP channel: 2xx delivered; 429, 408 and 5xx
 * retryable (with the Retry-After the server sent); 3xx permanent (redirects are never followed,
 * so a target cannot bounce a request to an internal address); other 4xx permanent.
 */
public final class HttpStatusClassifier {
  private HttpStatusClassifier() {}

  /**
   * @param what short name of the channel for the reason, e.g. "webhook"
   * @param retryAfter the parsed Retry-After, zero when absent
   */
  public static SendResult classify(String what, int status, Duration retryAfter) {
    if (status >= 200 && status < 300) {
      return new SendResult.Delivered(status);
    }
    if (status == 429 || status == 408 || status >= 500) {
      return new SendResult.Retryable(retryAfter, what + " answered HTTP " + status, status);
    }
    if (status >= 300 && status < 400) {
      return new SendResult.Permanent(what + " answered HTTP " + status + " (redirects are not followed)", status);
    }
    return new SendResult.Permanent(what + " answered HTTP " + status, status);
  }
}
