package io.klaxon.sinks.inbox;

import java.util.Optional;

/**
 * A filter on the inbox: by tenant (exact, case-sensitive) and by channel; an empty part matches
 * everything.
 */
public record InboxQuery(Optional<String> tenant, Optional<InboxChannel> channel) {
  /** Matches every capture. */
  public static final InboxQuery ALL = new InboxQuery(Optional.empty(), Optional.empty());

  public InboxQuery {
    tenant = tenant.map(String::strip).filter(t -> !t.isEmpty());
  }

  /** A query from request parameters; blank or unknown values match everything. */
  public static InboxQuery of(String tenant, String channel) {
    return new InboxQuery(Optional.ofNullable(tenant), InboxChannel.parse(channel));
  }

  public boolean matches(Capture capture) {
    return tenant.map(t -> t.equals(capture.tenant())).orElse(true)
        && channel.map(c -> c == capture.channel()).orElse(true);
  }
}
