package io.klaxon.ingest.quota;

import java.time.Duration;

/** What the quota says to a request's alerts. */
public sealed interface QuotaDecision {
  /** The alerts may pass; their tokens are taken. */
  record Granted() implements QuotaDecision {}

  /** Not now: enough tokens will be there after {@code retryAfter}. Nothing was taken. */
  record Exhausted(Duration retryAfter) implements QuotaDecision {}

  /** Never: the request carries more alerts than the bucket holds ({@code burst}). Nothing was taken. */
  record TooMany(int burst) implements QuotaDecision {}
}
