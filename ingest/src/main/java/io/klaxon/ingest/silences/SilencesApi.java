package io.klaxon.ingest.silences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.klaxon.contract.FieldProblem;
import io.klaxon.contract.LabelMatchers;
import io.klaxon.control.ControlEventNotWrittenException;
import io.klaxon.control.ControlEvents;
import io.klaxon.control.ControlRules;
import io.klaxon.control.InvalidControlEventException;
import io.klaxon.control.Silence;
import io.klaxon.control.SilenceLimits;
import io.klaxon.control.SilenceState;
import io.klaxon.control.SilencesUnavailableException;
import io.klaxon.events.LabelMatcher;
import io.klaxon.ingest.http.Answer;
import io.klaxon.ingest.http.FilterMatchers;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Alertmanager's API v2 for silences, for one authenticated tenant at a time: list (with {@code
 * filter} matchers), get, create or update, expire. A tenant sees and changes only its own
 * silences; another tenant's id is not found. Answers as Alertmanager does: a JSON array of
 * {@code gettableSilence}s, one {@code gettableSilence}, {@code {"silenceID": ...}}, or an empty
 * 200; errors are a JSON string ({@code "endsAt: must be after startsAt"}). A create or update is
 * checked whole before anything is written, and answered 200 only once Kafka acknowledged it.
 * Thread-safe.
 */
public final class SilencesApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RETRY_AFTER_SECONDS = "5";

  private final SilenceReader silences;
  private final ControlEvents events;
  private final SilenceLimits limits;
  private final Clock clock;
  private final LabelMatchers matching = new LabelMatchers();

  /**
   * @param silences where the tenants' silences are read
   * @param events where they are written (owned by the caller)
   * @param limits how many silences a tenant may hold, and how large
   */
  public SilencesApi(SilenceReader silences, ControlEvents events, SilenceLimits limits, Clock clock) {
    this.silences = Objects.requireNonNull(silences, "silences");
    this.events = Objects.requireNonNull(events, "events");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code GET /api/v2/silences}: the tenant's silences (ended ones too) that match every filter. */
  public Answer list(String tenantId, List<String> filters) {
    List<LabelMatcher> wanted;
    try {
      wanted = FilterMatchers.parse(filters);
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
    List<Silence> held;
    try {
      held = silences.of(tenantId);
    } catch (SilencesUnavailableException e) {
      return unavailable(e.getMessage());
    }
    Instant now = clock.instant();
    ArrayNode body = JSON.createArrayNode();
    held.stream().filter(s -> matchesFilters(s, wanted)).sorted(order(now))
        .forEach(s -> body.add(SilenceJson.gettable(s, now)));
    return new Answer(200, Map.of(), body.toString());
  }

  /** {@code GET /api/v2/silence/{id}}. */
  public Answer get(String tenantId, String id) {
    try {
      return find(tenantId, id)
          .map(s -> new Answer(200, Map.of(), SilenceJson.gettable(s, clock.instant()).toString()))
          .orElseGet(SilencesApi::notFound);
    } catch (SilencesUnavailableException e) {
      return unavailable(e.getMessage());
    }
  }

  /**
   * {@code POST /api/v2/silences}: a new silence, or with the {@code id} of one of the tenant's
   * silences an update, which (as in Alertmanager) creates a new one with a new id and expires that one.
   */
  public Answer post(String tenantId, byte[] body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      return error(400, "the body is not JSON");
    }
    Instant now = clock.instant();
    SilenceJson.Postable postable = SilenceJson.postable(json, tenantId, ControlEvents.newSilenceId(), limits, now);
    if (postable instanceof SilenceJson.Invalid invalid) {
      return invalid(invalid.problems());
    }
    SilenceJson.Valid valid = (SilenceJson.Valid) postable;
    try {
      List<Silence> held = silences.of(tenantId);
      Optional<Silence> replaced = Optional.empty();
      if (valid.replacedId() != null) {
        replaced = held.stream().filter(s -> s.getId().equals(valid.replacedId())).findFirst();
        if (replaced.isEmpty()) {
          return notFound();
        }
      }
      List<FieldProblem> full = ControlRules.checkRoom(held, valid.replacedId(), limits, now);
      if (!full.isEmpty()) {
        return invalid(full);
      }
      // The new silence first: should the expiry then fail, both silence for a while, rather than neither.
      Silence written = events.silence(valid.silence());
      replaced.ifPresent(events::expire);
      return new Answer(200, Map.of(), JSON.createObjectNode().put("silenceID", written.getId()).toString());
    } catch (InvalidControlEventException e) {
      return invalid(e.problems());
    } catch (SilencesUnavailableException | ControlEventNotWrittenException e) {
      return unavailable(e.getMessage());
    }
  }

  /** {@code DELETE /api/v2/silence/{id}}: ends the silence now; one that has already ended stays as it is. */
  public Answer expire(String tenantId, String id) {
    try {
      Optional<Silence> silence = find(tenantId, id);
      if (silence.isEmpty()) {
        return notFound();
      }
      events.expire(silence.get());
      return new Answer(200, Map.of(), "");
    } catch (SilencesUnavailableException | ControlEventNotWrittenException e) {
      return unavailable(e.getMessage());
    }
  }

  private Optional<Silence> find(String tenantId, String id) {
    return silences.of(tenantId).stream().filter(s -> s.getId().equals(id)).findFirst();
  }

  /**
   * Alertmanager's filter: each filter matcher must hold for the value of one of the silence's
   * matchers of the same label name.
   */
  private boolean matchesFilters(Silence silence, List<LabelMatcher> filters) {
    for (LabelMatcher filter : filters) {
      boolean found = silence.getMatchers().stream().anyMatch(m -> m.getName().equals(filter.getName())
          && matching.holds(filter, Map.of(m.getName(), m.getValue())));
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** Alertmanager's order: active ones by end, then pending ones by start, then expired ones by end, latest first. */
  private static Comparator<Silence> order(Instant now) {
    return Comparator.<Silence>comparingInt(s -> SilenceState.of(s, now).ordinal())
        .thenComparing((a, b) -> switch (SilenceState.of(a, now)) {
          case ACTIVE -> a.getEndsAt().compareTo(b.getEndsAt());
          case PENDING -> a.getStartsAt().compareTo(b.getStartsAt());
          case EXPIRED -> b.getEndsAt().compareTo(a.getEndsAt());
        });
  }

  private static Answer invalid(List<FieldProblem> problems) {
    return error(400, problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
  }

  private static Answer notFound() {
    return error(404, "silence not found");
  }

  private static Answer unavailable(String message) {
    return new Answer(503, Map.of("Retry-After", RETRY_AFTER_SECONDS), TextNode.valueOf(message).toString());
  }

  /** An Alertmanager error: the message as a JSON string. */
  static Answer error(int status, String message) {
    return new Answer(status, Map.of(), TextNode.valueOf(message).toString());
  }
}
