package io.klaxon.bench.reference;

/**
 * What a reference load generator did while it was measured.
 *
 * @param accepted requests the receiver accepted (2xx, SMTP 250)
 * @param failed requests that failed
 * @param seconds how long it was measured
 */
public record LoadGeneratorResult(long accepted, long failed, double seconds) {

  public double acceptedPerSecond() {
    return seconds > 0 ? accepted / seconds : 0;
  }
}
