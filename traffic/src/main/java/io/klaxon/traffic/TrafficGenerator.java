package io.klaxon.traffic;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Link;
import io.klaxon.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

/**
 * Generates alert traffic with a {@link TrafficMix}: new alerts from a catalogue of realistic
 * incidents, duplicates and resolves of alerts still firing, a storm tenant, and every kind of
 * poison record. The same seed, mix and sequence of {@code now} values always give the same
 * records, byte for byte.
 *
 * <p>Not thread-safe: one generator per producing thread.
 */
public final class TrafficGenerator {
  /** The Streams app's default limit on an event's size ({@code MAX_EVENT_BYTES}). */
  static final int MAX_EVENT_BYTES = 65_536;

  private static final String[] SERVICES = {
    "payments-api", "checkout", "search", "orders-db", "auth", "inventory", "notifications", "billing-worker",
    "edge-proxy", "recommendations"
  };
  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-northeast-1", "me-central-1"};
  private static final String[][] INCIDENTS = {
    {"High error rate on %s", "5xx ratio is %d%% over the last 5 minutes (threshold 5%%)."},
    {"Latency p99 above SLO on %s", "p99 latency is %d ms over the last 10 minutes (SLO 800 ms)."},
    {"Disk almost full on %s", "Volume /var/lib/data is %d%% full and growing 2%% per hour."},
    {"Replica lag on %s", "Replica lag is %d seconds; reads may be stale."},
    {"Certificate expiring for %s", "The TLS certificate expires in %d days."},
    {"Queue backlog on %s", "%d messages waiting; consumers are not keeping up."},
    {"Pod restarts on %s", "%d restarts in the last 15 minutes (CrashLoopBackOff)."},
  };

  private final SplittableRandom random;
  private final TrafficMix mix;
  private final Function<AlertEvent, byte[]> serializer;
  private final double[] tenantCumulative;
  private final Severity[] severities;
  private final double[] severityCumulative;
  private final Map<String, List<AlertEvent>> firing = new HashMap<>();
  private long sequence;

  /**
   * @param seed the random seed
   * @param mix the shape of the traffic
   * @param serializer turns an event into wire-format bytes (Klaxon's serializer with a registry)
   */
  public TrafficGenerator(long seed, TrafficMix mix, Function<AlertEvent, byte[]> serializer) {
    this.random = new SplittableRandom(seed);
    this.mix = Objects.requireNonNull(mix, "mix");
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    this.tenantCumulative = cumulative(mix.tenants().stream().mapToDouble(TenantProfile::weight).toArray());
    Map<Severity, Double> weights = new LinkedHashMap<>();
    for (Severity severity : Severity.values()) {
      weights.put(severity, mix.severityWeights().getOrDefault(severity, 0.0));
    }
    this.severities = weights.keySet().toArray(Severity[]::new);
    this.severityCumulative = cumulative(weights.values().stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The next record, stamped as occurring at {@code nowMillis}. */
  public GeneratedRecord next(long nowMillis) {
    sequence++;
    double roll = random.nextDouble();
    if (roll < mix.poisonRatio()) {
      return poison(TrafficKind.POISONS[random.nextInt(TrafficKind.POISONS.length)], nowMillis);
    }
    TenantProfile tenant = pickTenant();
    List<AlertEvent> active = firing.computeIfAbsent(tenant.tenantId(), t -> new ArrayList<>());
    roll -= mix.poisonRatio();
    if (roll < mix.duplicateRatio() && !active.isEmpty()) {
      AlertEvent original = active.get(random.nextInt(active.size()));
      return encode(TrafficKind.DUPLICATE, again(original, AlertStatus.FIRING, nowMillis));
    }
    roll -= mix.duplicateRatio();
    if (roll < mix.resolveRatio() && !active.isEmpty()) {
      AlertEvent original = active.remove(random.nextInt(active.size()));
      return encode(TrafficKind.RESOLVE, again(original, AlertStatus.RESOLVED, nowMillis));
    }
    AlertEvent event = newAlert(tenant, nowMillis);
    if (active.size() >= mix.activeAlertsPerTenant()) {
      active.remove(0);
    }
    active.add(event);
    return encode(TrafficKind.NEW, event);
  }

  private TenantProfile pickTenant() {
    if (mix.stormTenant() != null && random.nextDouble() < mix.stormShare()) {
      return mix.tenants().stream().filter(t -> t.tenantId().equals(mix.stormTenant())).findFirst().orElseThrow();
    }
    return mix.tenants().get(pick(tenantCumulative));
  }

  private AlertEvent newAlert(TenantProfile tenant, long nowMillis) {
    String service = SERVICES[random.nextInt(SERVICES.length)];
    String region = REGIONS[random.nextInt(REGIONS.length)];
    String[] incident = INCIDENTS[random.nextInt(INCIDENTS.length)];
    Severity severity = severities[pick(severityCumulative)];
    Map<String, String> labels = new HashMap<>();
    labels.put("service", service);
    labels.put("region", region);
    labels.put("env", random.nextInt(10) < 8 ? "prod" : "staging");
    labels.put("instance", service + "-" + random.nextInt(1, 40));
    String locale = !tenant.locales().isEmpty() && random.nextInt(5) == 0
        ? tenant.locales().get(random.nextInt(tenant.locales().size())) : null;
    List<Link> links = random.nextInt(3) == 0
        ? List.of(new Link("https://runbooks.example/" + service, "Runbook")) : List.of();
    return AlertEvent.newBuilder()
        .setEventId(uuid())
        .setTenantId(tenant.tenantId())
        .setKind(severity == Severity.INFO || severity == Severity.WARNING ? AlertKind.WARNING : AlertKind.ALERT)
        .setStatus(AlertStatus.FIRING)
        .setSeverity(severity)
        .setSource(service)
        .setTitle(String.format(incident[0], service))
        .setMessage(String.format(incident[1], random.nextInt(6, 99)))
        .setLabels(labels)
        .setFingerprint(null)
        .setOccurredAt(Instant.ofEpochMilli(nowMillis))
        .setLocale(locale)
        .setLinks(links)
        .build();
  }

  private AlertEvent again(AlertEvent original, AlertStatus status, long nowMillis) {
    return AlertEvent.newBuilder(original)
        .setEventId(uuid())
        .setStatus(status)
        .setOccurredAt(Instant.ofEpochMilli(nowMillis))
        .build();
  }

  private GeneratedRecord poison(TrafficKind kind, long nowMillis) {
    TenantProfile tenant = mix.tenants().get(pick(tenantCumulative));
    AlertEvent valid = newAlert(tenant, nowMillis);
    return switch (kind) {
      case POISON_UNKNOWN_TENANT -> {
        AlertEvent ghost = AlertEvent.newBuilder(valid).setTenantId("ghost-" + random.nextInt(1000, 10000)).build();
        yield new GeneratedRecord(ghost.getTenantId(), serializer.apply(ghost), kind, ghost.getTenantId(), ghost.getEventId());
      }
      case POISON_INVALID_FIELD -> {
        AlertEvent invalid = AlertEvent.newBuilder(valid).setTitle("x".repeat(300)).build();
        yield new GeneratedRecord(tenant.tenantId(), serializer.apply(invalid), kind, tenant.tenantId(), invalid.getEventId());
      }
      case POISON_FUTURE_TIMESTAMP -> {
        AlertEvent future = AlertEvent.newBuilder(valid).setOccurredAt(Instant.ofEpochMilli(nowMillis + 3_600_000L)).build();
        yield new GeneratedRecord(tenant.tenantId(), serializer.apply(future), kind, tenant.tenantId(), future.getEventId());
      }
      case POISON_BAD_MAGIC -> {
        byte[] bytes = serializer.apply(valid);
        bytes[0] = (byte) random.nextInt(1, 256);
        yield new GeneratedRecord(tenant.tenantId(), bytes, kind, tenant.tenantId(), null);
      }
      case POISON_TRUNCATED -> {
        byte[] bytes = serializer.apply(valid);
        byte[] cut = new byte[random.nextInt(1, bytes.length / 2)];
        System.arraycopy(bytes, 0, cut, 0, cut.length);
        yield new GeneratedRecord(tenant.tenantId(), cut, kind, tenant.tenantId(), null);
      }
      case POISON_UNKNOWN_SCHEMA -> {
        byte[] bytes = serializer.apply(valid);
        int id = 0x7F000000 + random.nextInt(0xFFFF);
        bytes[1] = (byte) (id >>> 24);
        bytes[2] = (byte) (id >>> 16);
        bytes[3] = (byte) (id >>> 8);
        bytes[4] = (byte) id;
        yield new GeneratedRecord(tenant.tenantId(), bytes, kind, tenant.tenantId(), null);
      }
      case POISON_GARBAGE -> {
        byte[] bytes = serializer.apply(valid);
        byte[] garbage = new byte[bytes.length];
        System.arraycopy(bytes, 0, garbage, 0, 5);
        for (int i = 5; i < garbage.length; i++) {
          garbage[i] = (byte) 0xFF; // an endless varint: never a valid body
        }
        yield new GeneratedRecord(tenant.tenantId(), garbage, kind, tenant.tenantId(), null);
      }
      case POISON_EMPTY -> new GeneratedRecord(tenant.tenantId(), new byte[0], kind, tenant.tenantId(), null);
      case POISON_HEADER_ONLY -> {
        byte[] header = new byte[5];
        System.arraycopy(serializer.apply(valid), 0, header, 0, header.length);
        yield new GeneratedRecord(tenant.tenantId(), header, kind, tenant.tenantId(), null);
      }
      case POISON_NEGATIVE_LENGTH -> {
        byte[] bytes = serializer.apply(valid);
        // The body's first field is a string: zig-zag 1 is a length of -1.
        bytes[5] = 0x01;
        yield new GeneratedRecord(tenant.tenantId(), bytes, kind, tenant.tenantId(), null);
      }
      case POISON_TOO_LARGE -> {
        byte[] bytes = serializer.apply(valid);
        byte[] large = new byte[MAX_EVENT_BYTES + 1 + random.nextInt(4096)];
        System.arraycopy(bytes, 0, large, 0, bytes.length);
        yield new GeneratedRecord(tenant.tenantId(), large, kind, tenant.tenantId(), null);
      }
      default -> throw new IllegalStateException("not a poison kind: " + kind);
    };
  }

  private GeneratedRecord encode(TrafficKind kind, AlertEvent event) {
    return new GeneratedRecord(event.getTenantId(), serializer.apply(event), kind, event.getTenantId(), event.getEventId());
  }

  private String uuid() {
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }

  private int pick(double[] cumulative) {
    double roll = random.nextDouble() * cumulative[cumulative.length - 1];
    for (int i = 0; i < cumulative.length; i++) {
      if (roll < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  private static double[] cumulative(double[] weights) {
    double[] out = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      out[i] = sum;
    }
    return out;
  }

  /** How many records this generator has produced. */
  public long generated() {
    return sequence;
  }
}
