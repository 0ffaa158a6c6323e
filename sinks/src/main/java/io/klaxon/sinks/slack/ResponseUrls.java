package io.klaxon.sinks.slack;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code response_url}s handed out with interactions, as Slack makes them: a path under
 * {@value #PATH} with an unguessable part, valid for {@link #VALIDITY} and {@value #MAX_USES} uses,
 * each naming the message it was clicked on (by inbox id). At most {@value #MAX_KEPT} are kept, the
 * oldest forgotten first. Thread-safe.
 */
final class ResponseUrls {
  /** Where response URLs live on the stand-in. */
  static final String PATH = "/actions/";
  /** How long one may be used. */
  static final Duration VALIDITY = Duration.ofMinutes(30);
  /** How often one may be used. */
  static final int MAX_USES = 5;
  private static final int MAX_KEPT = 10_000;

  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issued> issued = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Issued> eldest) {
      return size() > MAX_KEPT;
    }
  };
  private long next;

  private static final class Issued {
    private final long inboxId;
    private final Instant expires;
    private int uses;

    Issued(long inboxId, Instant expires) {
      this.inboxId = inboxId;
      this.expires = expires;
    }
  }

  ResponseUrls(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A new path ({@code /actions/<team>/<n>/<secret>}) for the message kept under {@code inboxId}. */
  synchronized String issue(long inboxId) {
    byte[] secret = new byte[12];
    random.nextBytes(secret);
    String path = PATH + LocalWorkspace.TEAM_ID + "/" + ++next + "/" + HexFormat.of().formatHex(secret);
    issued.put(path, new Issued(inboxId, clock.instant().plus(VALIDITY)));
    return path;
  }

  /** Uses {@code path} once: the inbox id it names, or -1 when it is unknown, expired or used up. */
  synchronized long use(String path) {
    Issued entry = issued.get(path);
    if (entry == null || clock.instant().isAfter(entry.expires) || entry.uses >= MAX_USES) {
      return -1;
    }
    entry.uses++;
    return entry.inboxId;
  }
}
