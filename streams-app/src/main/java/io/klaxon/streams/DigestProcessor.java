package io.klaxon.streams;

import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DigestPolicy;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.dedup.ExpiryKeys;
import io.klaxon.streams.digest.DigestCandidate;
import io.klaxon.streams.digest.DigestState;
import io.klaxon.streams.digest.Digests;
import io.klaxon.streams.route.NotificationRequests;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the low-severity alerts of tenants with the digest feature ({@link Digests}) into one
 * digest per target and sends it as one {@code DIGEST} notification when its window ends: the
 * window opens with the first alert collected and lasts the tenant's {@code windowMs} (wall
 * clock); the next alert after that opens a new one. {@link KlaxonTopology#STORE_DIGESTS} holds
 * each open digest ({@link DigestState}, bounded whatever the traffic) and {@link
 * KlaxonTopology#STORE_DIGEST_FLUSH} indexes them by when they are due, for the wall-clock
 * punctuation (every {@link #CHECK_INTERVAL}). At send time the tenant's current configuration is
 * read; a digest whose tenant or target is gone, or whose tenant turned digests off, is dropped
 * (logged with its count).
 */
final class DigestProcessor implements Processor<String, DigestCandidate, String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(DigestProcessor.class);
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
  static final int BATCH = 1_000;
  /** The route name digests are sent under. */
  static final String ROUTE = "digest";
  private static final byte[] EMPTY = new byte[0];

  private final PipelineListener listener;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, DigestState> digests;
  private KeyValueStore<Bytes, byte[]> due;
  private KeyValueStore<String, TenantConfig> tenants;

  DigestProcessor(PipelineListener listener) {
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.digests = context.getStateStore(KlaxonTopology.STORE_DIGESTS);
    this.due = context.getStateStore(KlaxonTopology.STORE_DIGEST_FLUSH);
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    context.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::sendDue);
  }

  @Override
  public void process(Record<String, DigestCandidate> record) {
    DigestCandidate candidate = record.value();
    String key = Digests.storeKey(record.key(), candidate.match().target().getId());
    long now = context.currentSystemTimeMs();
    DigestState state = digests.get(key);
    if (state == null) {
      DigestPolicy policy = Digests.policy(candidate.alert().tenant());
      state = new DigestState(now, now + (policy == null ? 0 : policy.getWindowMs()));
      due.put(ExpiryKeys.of(state.dueMs(), key), EMPTY);
    }
    state.add(candidate.alert().event());
    digests.put(key, state);
  }

  private void sendDue(long now) {
    ExpiryKeys.takeDue(due, digests, now, BATCH, DigestState::dueMs, (key, state) -> send(key, state, now));
  }

  private void send(String key, DigestState state, long now) {
    String tenantId = TenantKeys.tenantOf(key);
    String targetId = TenantKeys.nameOf(key);
    TenantConfig tenant = tenants.get(tenantId);
    DigestPolicy policy = tenant == null ? null : Digests.policy(tenant);
    ChannelTarget target = tenant == null ? null : tenant.getTargets().stream()
        .filter(t -> t.getId().equals(targetId)).findFirst().orElse(null);
    if (policy == null || target == null) {
      LOG.info("Digest of tenant {} for target {} dropped: {}", tenantId, targetId,
          tenant == null ? "the tenant no longer exists" : target == null ? "the target no longer exists" : "digests are off");
      listener.grouping(GroupingEvent.DIGEST_DROPPED, tenant == null ? null : tenant.getTier());
      return;
    }
    context.forward(new Record<>(tenantId, NotificationRequests.digest(tenant, ROUTE, target, now,
        Digests.notificationId(tenantId, targetId, state.windowStartMs()), state.summary(now, policy.getTopTitles())), now),
        KlaxonTopology.SINK_NOTIFICATIONS);
    listener.grouping(GroupingEvent.DIGEST_SENT, tenant.getTier());
  }
}
