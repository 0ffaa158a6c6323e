package io.klaxon.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import io.klaxon.events.Tier;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.serde.BadMagicByteException;
import io.klaxon.serde.MalformedPayloadException;
import io.klaxon.serde.SpecificAvroSerde;
import io.klaxon.serde.TruncatedPayloadException;
import io.klaxon.serde.UnknownSchemaIdException;
import io.klaxon.serde.WireFormatException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {
  private static final String TOPIC = "klaxon.alerts.v1";
  private static final long T0 = 1_790_000_000_000L;

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final SpecificAvroSerde<AlertEvent> serde = SpecificAvroSerde.of(registry, AlertEvent.class);

  private static final List<TenantProfile> TENANTS = List.of(
      new TenantProfile("acme", Tier.ENTERPRISE, List.of("fr", "de"), 3),
      new TenantProfile("globex", Tier.STANDARD, List.of("ja"), 1),
      new TenantProfile("noisy-co", Tier.TRIAL, List.of("ar", "he"), 1));

  private TrafficGenerator generator(long seed, TrafficMix mix) {
    return new TrafficGenerator(seed, mix, e -> serde.serializer().serialize(TOPIC, e));
  }

  private List<GeneratedRecord> run(TrafficGenerator generator, int count) {
    List<GeneratedRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(generator.next(T0 + i * 10L));
    }
    return records;
  }

  @Test
  void theSameSeedGivesTheSameBytes() {
    TrafficMix mix = TrafficMix.typical(TENANTS).withPoison(0.05).withStorm("noisy-co", 0.3);
    List<GeneratedRecord> first = run(generator(7, mix), 2_000);
    List<GeneratedRecord> second = run(generator(7, mix), 2_000);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i).value()).isEqualTo(first.get(i).value());
      assertThat(second.get(i).kind()).isEqualTo(first.get(i).kind());
    }
    List<GeneratedRecord> other = run(generator(8, mix), 2_000);
    assertThat(other.stream().map(GeneratedRecord::eventId).toList())
        .isNotEqualTo(first.stream().map(GeneratedRecord::eventId).toList());
  }

  @Test
  void theMixIsRespected() {
    TrafficMix mix = TrafficMix.typical(TENANTS).withPoison(0.05);
    Map<TrafficKind, Integer> kinds = new EnumMap<>(TrafficKind.class);
    for (GeneratedRecord record : run(generator(1, mix), 20_000)) {
      kinds.merge(record.kind().poison() ? TrafficKind.POISON_GARBAGE : record.kind(), 1, Integer::sum);
    }
    assertThat(kinds.get(TrafficKind.POISON_GARBAGE) / 20_000.0).isBetween(0.04, 0.06);
    assertThat(kinds.get(TrafficKind.DUPLICATE) / 20_000.0).isBetween(0.18, 0.22);
    assertThat(kinds.get(TrafficKind.RESOLVE) / 20_000.0).isBetween(0.08, 0.12);
  }

  @Test
  void duplicatesAndResolvesRepeatAFiringAlertsIdentity() {
    SpecificAvroSerde<AlertEvent> reader = serde;
    Map<String, Set<String>> firingIdentities = new HashMap<>();
    for (GeneratedRecord record : run(generator(3, TrafficMix.typical(TENANTS)), 5_000)) {
      AlertEvent event = reader.deserializer().deserialize(TOPIC, record.value());
      String identity = event.getSource() + "|" + event.getTitle() + "|" + event.getLabels();
      Set<String> firing = firingIdentities.computeIfAbsent(event.getTenantId(), t -> new HashSet<>());
      switch (record.kind()) {
        case NEW -> firing.add(identity);
        case DUPLICATE -> {
          assertThat(firing).contains(identity);
          assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
        }
        case RESOLVE -> {
          assertThat(firing).contains(identity);
          assertThat(event.getStatus()).isEqualTo(AlertStatus.RESOLVED);
          firing.remove(identity);
        }
        default -> throw new AssertionError("unexpected " + record.kind());
      }
      assertThat(record.key()).isEqualTo(event.getTenantId());
    }
  }

  @Test
  void theStormTenantSendsItsShare() {
    TrafficMix mix = TrafficMix.typical(TENANTS).withStorm("noisy-co", 0.5);
    long storm = run(generator(5, mix), 10_000).stream().filter(r -> r.tenantId().equals("noisy-co")).count();
    // half from the storm, plus its 1/5 weight of the other half
    assertThat(storm / 10_000.0).isBetween(0.57, 0.63);
  }

  @Test
  void everyPoisonKindIsRejectedTheWayItClaims() {
    TrafficMix mix = TrafficMix.typical(TENANTS).withPoison(1.0 - 0.3);
    Map<TrafficKind, Integer> seen = new EnumMap<>(TrafficKind.class);
    for (GeneratedRecord record : run(generator(11, mix), 3_000)) {
      if (!record.kind().poison()) {
        continue;
      }
      seen.merge(record.kind(), 1, Integer::sum);
      switch (record.kind()) {
        case POISON_BAD_MAGIC -> assertDecodeFails(record, BadMagicByteException.class);
        case POISON_TRUNCATED -> assertDecodeFails(record, TruncatedPayloadException.class);
        case POISON_UNKNOWN_SCHEMA -> assertDecodeFails(record, UnknownSchemaIdException.class);
        case POISON_GARBAGE -> assertDecodeFails(record, MalformedPayloadException.class);
        case POISON_UNKNOWN_TENANT -> assertThat(decode(record).getTenantId()).startsWith("ghost-");
        case POISON_INVALID_FIELD -> assertThat(decode(record).getTitle()).hasSizeGreaterThan(256);
        case POISON_FUTURE_TIMESTAMP -> assertThat(decode(record).getOccurredAt().toEpochMilli()).isGreaterThan(T0 + 3_000_000L);
        case POISON_EMPTY -> assertDecodeFails(record, TruncatedPayloadException.class);
        case POISON_HEADER_ONLY -> assertDecodeFails(record, TruncatedPayloadException.class);
        case POISON_NEGATIVE_LENGTH -> assertDecodeFails(record, MalformedPayloadException.class);
        case POISON_TOO_LARGE -> assertThat(record.value().length).isGreaterThan(TrafficGenerator.MAX_EVENT_BYTES);
        default -> throw new AssertionError(record.kind());
      }
    }
    assertThat(seen.keySet()).containsExactlyInAnyOrder(TrafficKind.POISONS);
  }

  @Test
  void severitiesFollowTheirWeights() {
    TrafficMix mix = new TrafficMix(TENANTS, 0, 0, 0, Map.of(Severity.CRITICAL, 1.0, Severity.INFO, 3.0), null, 0, 10);
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (GeneratedRecord record : run(generator(2, mix), 8_000)) {
      counts.merge(decode(record).getSeverity(), 1, Integer::sum);
    }
    assertThat(counts).containsOnlyKeys(Severity.CRITICAL, Severity.INFO);
    assertThat(counts.get(Severity.CRITICAL) / 8_000.0).isBetween(0.22, 0.28);
  }

  @Test
  void invalidMixesAreRefusedWithTheFieldName() {
    assertThatThrownBy(() -> TrafficMix.typical(TENANTS).withPoison(1.5)).hasMessageContaining("poisonRatio");
    assertThatThrownBy(() -> TrafficMix.typical(TENANTS).withStorm("nobody", 0.5)).hasMessageContaining("nobody");
    assertThatThrownBy(() -> TrafficMix.typical(List.of())).hasMessageContaining("at least one tenant");
  }

  private AlertEvent decode(GeneratedRecord record) {
    return serde.deserializer().deserialize(TOPIC, record.value());
  }

  private void assertDecodeFails(GeneratedRecord record, Class<? extends WireFormatException> type) {
    try {
      serde.deserializer().deserialize(TOPIC, record.value());
      throw new AssertionError(record.kind() + " decoded");
    } catch (WireFormatException e) {
      assertThat(e).as("%s", record.kind()).isInstanceOf(type);
    }
  }
}
