package io.klaxon.notifier.delivery;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Classifies a transport failure of an HTTP channel the same way for every sender: every one is
 * retryable, a timeout (an answer that never came or stalled) is marked as one. Reasons name the
 * channel and the exception's type only, never its message (which may quote a URL or token).
 */
public final class TransportFailures {
  private TransportFailures() {}

  /**
   * @param what short name of the channel for the reason, e.g. "webhook"
   */
  public static SendResult.Retryable classify(String what, IOException e) {
    if (Thread.currentThread().isInterrupted()) {
      return new SendResult.Retryable(Duration.ZERO, what + " call interrupted");
    }
    return switch (e) {
      case InterruptedIOException timeout -> SendResult.Retryable.timedOut(what + " timed out");
      case ConnectException refused -> new SendResult.Retryable(Duration.ZERO, what + " connection failed");
      case UnknownHostException unknown -> new SendResult.Retryable(Duration.ZERO, what + " host cannot be resolved");
      default -> new SendResult.Retryable(Duration.ZERO, what + " I/O error (" + e.getClass().getSimpleName() + ")");
    };
  }
}
