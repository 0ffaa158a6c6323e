package io.klaxon.ingest.silences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.contract.FieldProblem;
import io.klaxon.control.ControlRules;
import io.klaxon.control.Silence;
import io.klaxon.control.SilenceLimits;
import io.klaxon.control.SilenceState;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Silences in the JSON of Alertmanager's API v2 (its OpenAPI {@code gettableSilence} and {@code
 * postableSilence}): {@code id}, {@code matchers[{name, value, isRegex, isEqual}]}, {@code
 * startsAt}, {@code endsAt}, {@code createdBy}, {@code comment}, {@code updatedAt}, {@code
 * status.state}; times in RFC 3339 with milliseconds, UTC. Stateless.
 */
public final class SilenceJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private SilenceJson() {}

  /** A postable silence read from a request. */
  public sealed interface Postable {}

  /**
   * A silence that may be written.
   *
   * @param replacedId the {@code id} the request gave (an update of that silence), or null for a new one
   * @param silence the silence to write, with its new id
   */
  public record Valid(String replacedId, Silence silence) implements Postable {}

  /** What is wrong with the request, each problem at its JSON field; nothing may be written. */
  public record Invalid(List<FieldProblem> problems) implements Postable {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }

  /** {@code silence} as Alertmanager's {@code gettableSilence}, its state as of {@code now}. */
  public static ObjectNode gettable(Silence silence, Instant now) {
    ObjectNode json = JSON.createObjectNode().put("id", silence.getId());
    json.putObject("status").put("state", SilenceState.of(silence, now).apiName());
    json.put("updatedAt", time(silence.getUpdatedAt()));
    ArrayNode matchers = json.putArray("matchers");
    for (LabelMatcher matcher : silence.getMatchers()) {
      matchers.addObject()
          .put("name", matcher.getName())
          .put("value", matcher.getValue())
          .put("isRegex", matcher.getOp() == MatchOp.REGEX || matcher.getOp() == MatchOp.NOT_REGEX)
          .put("isEqual", matcher.getOp() == MatchOp.EQ || matcher.getOp() == MatchOp.REGEX);
    }
    return json.put("startsAt", time(silence.getStartsAt()))
        .put("endsAt", time(silence.getEndsAt()))
        .put("createdBy", silence.getCreatedBy())
        .put("comment", silence.getComment());
  }

  /** An RFC 3339 time with milliseconds in UTC, as Alertmanager writes them. */
  public static String time(Instant instant) {
    return TIME.format(instant);
  }

  /**
   * Reads a {@code postableSilence} of {@code tenantId}. As in Alertmanager, a start in the past
   * becomes {@code now}, so the end must lie in the future. The silence gets {@code newId}; the
   * request's own {@code id} is returned as the one it replaces. Every problem is reported, the
   * request's shape first, then {@link ControlRules} (with {@code limits}) once the shape is right.
   */
  public static Postable postable(JsonNode body, String tenantId, String newId, SilenceLimits limits, Instant now) {
    if (body == null || !body.isObject()) {
      return new Invalid(List.of(new FieldProblem("", "the body must be a JSON object (a postableSilence)")));
    }
    List<FieldProblem> problems = new ArrayList<>();
    JsonNode idNode = body.path("id");
    String replacedId = null;
    if (idNode.isTextual() && !idNode.asText().isEmpty()) {
      replacedId = idNode.asText();
    } else if (!idNode.isMissingNode() && !idNode.isNull() && !idNode.isTextual()) {
      problems.add(new FieldProblem("id", "must be a string"));
    }
    List<LabelMatcher> matchers = matchers(body.path("matchers"), problems);
    Instant startsAt = instant(body, "startsAt", problems);
    Instant endsAt = instant(body, "endsAt", problems);
    String createdBy = text(body, "createdBy", true, problems);
    String comment = text(body, "comment", false, problems);
    if (!problems.isEmpty()) {
      return new Invalid(problems);
    }
    Silence silence = Silence.newBuilder()
        .setId(newId)
        .setTenantId(tenantId)
        .setMatchers(matchers)
        .setStartsAt(startsAt.isBefore(now) ? now : startsAt)
        .setEndsAt(endsAt)
        .setCreatedBy(createdBy)
        .setComment(comment == null ? "" : comment)
        .setUpdatedAt(now)
        .build();
    List<FieldProblem> broken = ControlRules.check(silence, limits, false);
    return broken.isEmpty() ? new Valid(replacedId, silence) : new Invalid(broken);
  }

  private static List<LabelMatcher> matchers(JsonNode node, List<FieldProblem> problems) {
    if (!node.isArray()) {
      problems.add(new FieldProblem("matchers", "is required: a list of {name, value, isRegex, isEqual}"));
      return List.of();
    }
    List<LabelMatcher> matchers = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String field = "matchers[" + i + "]";
      JsonNode matcher = node.get(i);
      if (!matcher.isObject()) {
        problems.add(new FieldProblem(field, "must be an object {name, value, isRegex, isEqual}"));
        continue;
      }
      String name = text(matcher, "name", true, problems, field + ".");
      String value = text(matcher, "value", true, problems, field + ".");
      JsonNode isRegex = matcher.path("isRegex");
      JsonNode isEqual = matcher.path("isEqual");
      if (!isRegex.isBoolean()) {
        problems.add(new FieldProblem(field + ".isRegex", "is required: true or false"));
      }
      // Alertmanager before 0.22 had no isEqual: absent means equal.
      if (!isEqual.isMissingNode() && !isEqual.isNull() && !isEqual.isBoolean()) {
        problems.add(new FieldProblem(field + ".isEqual", "must be true or false"));
      }
      if (name != null && value != null && isRegex.isBoolean()) {
        boolean equal = !isEqual.isBoolean() || isEqual.booleanValue();
        MatchOp op = isRegex.booleanValue() ? (equal ? MatchOp.REGEX : MatchOp.NOT_REGEX)
            : (equal ? MatchOp.EQ : MatchOp.NEQ);
        matchers.add(LabelMatcher.newBuilder().setName(name).setOp(op).setValue(value).build());
      }
    }
    return matchers;
  }

  private static Instant instant(JsonNode body, String field, List<FieldProblem> problems) {
    JsonNode node = body.path(field);
    if (!node.isTextual()) {
      problems.add(new FieldProblem(field, "is required: an RFC 3339 time such as 2026-12-03T18:00:00Z"));
      return null;
    }
    try {
      return OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, "'" + node.asText() + "' is not an RFC 3339 time such as 2026-12-03T18:00:00Z"));
      return null;
    }
  }

  private static String text(JsonNode body, String field, boolean required, List<FieldProblem> problems) {
    return text(body, field, required, problems, "");
  }

  private static String text(JsonNode body, String field, boolean required, List<FieldProblem> problems,
      String prefix) {
    JsonNode node = body.path(field);
    if (node.isTextual()) {
      return node.asText();
    }
    if (required || !(node.isMissingNode() || node.isNull())) {
      problems.add(new FieldProblem(prefix + field, required ? "is required: a string" : "must be a string"));
    }
    return null;
  }
}
