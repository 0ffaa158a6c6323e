package io.klaxon.control;

import io.klaxon.contract.AlertEventLimits;
import io.klaxon.contract.FieldProblem;
import io.klaxon.contract.LabelMatcherParser;
import io.klaxon.contract.LabelMatchers;
import io.klaxon.contract.TenantIds;
import io.klaxon.events.LabelMatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * What a silence or an acknowledgement must satisfy before it is written, wherever it comes from
 * (command line, HTTP, Slack): each problem names its field. The per-tenant count of silences
 * depends on what the tenant already holds and is checked by whoever knows that. Stateless and
 * thread-safe.
 */
public final class ControlRules {
  public static final int MAX_ID = 64;
  public static final int MAX_MATCHERS = 32;
  public static final int MAX_MATCHER_VALUE = LabelMatcherParser.MAX_VALUE;
  public static final int MAX_AUTHOR = 256;
  public static final int MAX_COMMENT = 4096;
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

  private ControlRules() {}

  /**
   * Every problem of {@code silence}, in field order; empty when it may be written.
   *
   * @param expiring true when the silence is being expired, which may end it at its start
   */
  public static List<FieldProblem> check(Silence silence, SilenceLimits limits, boolean expiring) {
    List<FieldProblem> problems = new ArrayList<>();
    if (!ID.matcher(nullToEmpty(silence.getId())).matches()) {
      problems.add(new FieldProblem("id", "must be 1 to " + MAX_ID + " letters, digits, _ . - starting with a letter or digit"));
    }
    tenant(problems, silence.getTenantId());
    List<LabelMatcher> matchers = silence.getMatchers() == null ? List.of() : silence.getMatchers();
    if (matchers.isEmpty()) {
      problems.add(new FieldProblem("matchers", "at least one matcher is required"));
    } else if (matchers.size() > MAX_MATCHERS) {
      problems.add(new FieldProblem("matchers", matchers.size() + " matchers, at most " + MAX_MATCHERS));
    } else {
      for (int i = 0; i < matchers.size(); i++) {
        matcher(problems, "matchers[" + i + "]", matchers.get(i));
      }
      // As in Alertmanager: a silence whose every matcher also matches an alert without those labels silences everything.
      if (problems.stream().noneMatch(p -> p.field().startsWith("matchers"))
          && new LabelMatchers().all(matchers, Map.of())) {
        problems.add(new FieldProblem("matchers", "every matcher matches the empty string, so the silence would mute all alerts"));
      }
    }
    if (silence.getStartsAt() == null || silence.getEndsAt() == null) {
      problems.add(new FieldProblem(silence.getStartsAt() == null ? "startsAt" : "endsAt", "is required"));
    } else if (expiring ? silence.getEndsAt().isBefore(silence.getStartsAt())
        : !silence.getEndsAt().isAfter(silence.getStartsAt())) {
      problems.add(new FieldProblem("endsAt", "must be after startsAt"));
    }
    text(problems, "createdBy", silence.getCreatedBy(), MAX_AUTHOR, true);
    text(problems, "comment", silence.getComment(), MAX_COMMENT, false);
    if (problems.isEmpty()) {
      int bytes = encodedSize(silence);
      if (bytes > limits.maxSilenceBytes()) {
        problems.add(new FieldProblem("", "the silence takes " + bytes + " bytes, over the tenant's limit of "
            + limits.maxSilenceBytes()));
      }
    }
    return problems;
  }

  /**
   * The problem of adding one more silence to a tenant that holds {@code held}: whether the
   * silences not yet ended, apart from {@code replacedId} (the one an update ends), leave room for
   * another under {@code limits}. Empty when there is room.
   *
   * @param replacedId the id of the silence the new one replaces, or null
   */
  public static List<FieldProblem> checkRoom(Collection<Silence> held, String replacedId, SilenceLimits limits,
      Instant now) {
    long notEnded = held.stream()
        .filter(s -> s.getEndsAt().isAfter(now) && !s.getId().equals(replacedId))
        .count();
    if (notEnded < limits.maxSilences()) {
      return List.of();
    }
    return List.of(new FieldProblem("", "the tenant already has " + notEnded
        + " silences that have not ended, the most it may have; expire some first"));
  }

  /** Every problem of {@code ack}, in field order; empty when it may be written. */
  public static List<FieldProblem> check(Acknowledgement ack) {
    List<FieldProblem> problems = new ArrayList<>();
    tenant(problems, ack.getTenantId());
    text(problems, "fingerprint", ack.getFingerprint(), AlertEventLimits.MAX_FINGERPRINT, true);
    if (ack.getState() == null) {
      problems.add(new FieldProblem("state", "must be ACKED or UNACKED"));
    }
    text(problems, "by", ack.getBy(), MAX_AUTHOR, true);
    text(problems, "comment", ack.getComment(), MAX_COMMENT, false);
    return problems;
  }

  private static void matcher(List<FieldProblem> problems, String field, LabelMatcher matcher) {
    if (matcher.getName() == null || !AlertEventLimits.LABEL_NAME.matcher(matcher.getName()).matches()) {
      problems.add(new FieldProblem(field + ".name", "must match " + AlertEventLimits.LABEL_NAME.pattern()));
    }
    if (matcher.getOp() == null) {
      problems.add(new FieldProblem(field + ".op", "must be one of = != =~ !~"));
    }
    String value = nullToEmpty(matcher.getValue());
    if (value.length() > MAX_MATCHER_VALUE) {
      problems.add(new FieldProblem(field + ".value", value.length() + " characters, at most " + MAX_MATCHER_VALUE));
    } else if (matcher.getOp() != null && switch (matcher.getOp()) {
      case REGEX, NOT_REGEX -> true;
      default -> false;
    }) {
      String problem = LabelMatcherParser.regexProblem(value);
      if (problem != null) {
        problems.add(new FieldProblem(field + ".value", problem));
      }
    }
  }

  private static void tenant(List<FieldProblem> problems, String tenantId) {
    if (!TenantIds.isValid(tenantId)) {
      problems.add(new FieldProblem("tenantId", "must match " + TenantIds.PATTERN.pattern()));
    }
  }

  private static void text(List<FieldProblem> problems, String field, String value, int max, boolean required) {
    if (value == null || (required && value.isBlank())) {
      if (required) {
        problems.add(new FieldProblem(field, "is required"));
      }
    } else if (value.length() > max) {
      problems.add(new FieldProblem(field, value.length() + " characters, at most " + max));
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** The length of the silence's Avro binary encoding. */
  public static int encodedSize(Silence silence) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new SpecificDatumWriter<>(Silence.class).write(silence, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.size();
  }
}
