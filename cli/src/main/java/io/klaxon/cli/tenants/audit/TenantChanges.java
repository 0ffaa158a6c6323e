package io.klaxon.cli.tenants.audit;

import io.klaxon.events.FieldChange;
import io.klaxon.events.TenantChange;
import io.klaxon.events.TenantChangeAction;
import io.klaxon.events.TenantConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Builds the {@link TenantChange} one apply makes to one tenant. Stateless. */
public final class TenantChanges {
  private TenantChanges() {}

  /**
   * The change from {@code current} (null: the topic holds no record, or a tombstone) to {@code
   * next} (null: a tombstone); empty when nothing changed, or when a tenant that does not exist is
   * deleted. An erasure marker counts as no record: applying the tenant again creates it.
   */
  public static Optional<TenantChange> of(String tenantId, TenantConfig current, TenantConfig next, String author, Instant at) {
    if (current != null && current.getErasedAt() != null) {
      // An erasure marker keeps nothing of the tenant: what follows it starts anew.
      current = null;
    }
    if (current == null && next == null) {
      return Optional.empty();
    }
    List<FieldChange> changes = TenantDiff.between(current, next);
    if (changes.isEmpty()) {
      return Optional.empty();
    }
    TenantChangeAction action = next == null ? TenantChangeAction.DELETED
        : current == null ? TenantChangeAction.CREATED
        : current.getEnabled() && !next.getEnabled() ? TenantChangeAction.DISABLED
        : TenantChangeAction.UPDATED;
    return Optional.of(TenantChange.newBuilder().setTenantId(tenantId).setAuthor(author).setAt(at)
        .setAction(action).setChanges(changes).build());
  }

}
