package io.klaxon.ops;

/**
 * The answer of a health check.
 *
 * @param up whether the component is healthy
 * @param detail a short human-readable state (for example the Kafka Streams state)
 */
public record Health(boolean up, String detail) {
  public static Health up(String detail) {
    return new Health(true, detail);
  }

  public static Health down(String detail) {
    return new Health(false, detail);
  }
}
