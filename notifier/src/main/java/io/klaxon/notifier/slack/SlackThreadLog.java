package io.klaxon.notifier.slack;

import io.klaxon.events.SlackThread;
import java.util.Map;

/**
 * Where the Slack thread map is kept durably: read whole once at start, appended to afterwards.
 * Implementations are thread-safe.
 */
public interface SlackThreadLog {
  /** Every key's latest thread, read to the end of the log (keys whose latest record is a tombstone absent). */
  Map<String, SlackThread> restore();

  /**
   * Writes the latest thread of {@code key} and returns once it is durable.
   *
   * @throws ThreadLogException when it is not known to be durable (not acknowledged in time, refused)
   */
  void append(String key, SlackThread thread);

  /** A log that keeps nothing beyond the process: restores nothing, accepts every write. */
  static SlackThreadLog none() {
    return new SlackThreadLog() {
      @Override
      public Map<String, SlackThread> restore() {
        return Map.of();
      }

      @Override
      public void append(String key, SlackThread thread) {}
    };
  }

  /** A write to the log that is not known to be durable. */
  final class ThreadLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ThreadLogException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
