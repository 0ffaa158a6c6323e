package io.klaxon.notifier.app;

import io.klaxon.events.IsolationLevel;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a tenant's next notification may start delivering now, by the tenant's
 * isolation level:
 *
 * <ul>
 *   <li>{@code BASIC}: takes a slot of the shared capacity while one is free;
 *   <li>{@code MODERATE}: takes a slot of the shared capacity, but holds at most
 *       {@code tenantLimit} slots at once, so one tenant cannot take it all;
 *   <li>{@code STRICT}: has {@code strictCapacity} slots of its own, outside the shared capacity,
 *       so other tenants' slow or retrying deliveries never hold it back.
 * </ul>
 *
 * A request whose tenant sets no level gets the deployment default. Every request takes one slot,
 * whatever its type: a group's flush or a digest is one delivery however many alerts it counts.
 * Not thread-safe: owned by the consumer loop.
 */
public final class TenantAdmission {
  /** The capacity settings; every value is at least 1. */
  public record Limits(IsolationLevel defaultLevel, int sharedCapacity, int tenantLimit, int strictCapacity) {
    public Limits {
      Objects.requireNonNull(defaultLevel, "defaultLevel");
      requirePositive(sharedCapacity, "sharedCapacity");
      requirePositive(tenantLimit, "tenantLimit");
      requirePositive(strictCapacity, "strictCapacity");
    }

    private static void requirePositive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, was " + value);
      }
    }
  }

  private final Limits limits;
  private final Map<String, Integer> tenantInFlight = new HashMap<>();
  private int sharedInFlight;

  TenantAdmission(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The level that applies to a request: its own, else the deployment default. */
  IsolationLevel effective(IsolationLevel requested) {
    return requested == null ? limits.defaultLevel() : requested;
  }

  /** Takes a slot for one delivery of {@code tenant} and returns true, or returns false when none is free. */
  boolean tryAcquire(String tenant, IsolationLevel level) {
    int own = tenantInFlight.getOrDefault(tenant, 0);
    boolean free = switch (level) {
      case BASIC -> sharedInFlight < limits.sharedCapacity();
      case MODERATE -> sharedInFlight < limits.sharedCapacity() && own < limits.tenantLimit();
      case STRICT -> own < limits.strictCapacity();
    };
    if (!free) {
      return false;
    }
    tenantInFlight.put(tenant, own + 1);
    if (level != IsolationLevel.STRICT) {
      sharedInFlight++;
    }
    return true;
  }

  /** Gives back the slot of a delivery that {@link #tryAcquire} admitted with the same tenant and level. */
  void release(String tenant, IsolationLevel level) {
    releaseTenantShare(tenant);
    releaseShared(level);
  }

  /**
   * Gives back the tenant's own part of a delivery's slot (its place under {@code tenantLimit},
   * or its {@code STRICT} slot), keeping its place in the shared capacity until {@link
   * #releaseShared}.
   */
  void releaseTenantShare(String tenant) {
    Integer own = tenantInFlight.get(tenant);
    if (own == null) {
      throw new IllegalStateException("tenant " + tenant + " holds no delivery slot");
    }
    if (own == 1) {
      tenantInFlight.remove(tenant);
    } else {
      tenantInFlight.put(tenant, own - 1);
    }
  }

  /** Gives back the place in the shared capacity of a delivery whose tenant share went back already. */
  void releaseShared(IsolationLevel level) {
    if (level != IsolationLevel.STRICT) {
      sharedInFlight--;
    }
  }

  /** Deliveries in flight on the shared capacity. */
  int sharedInFlight() {
    return sharedInFlight;
  }

  /** Deliveries of {@code tenant} in flight. */
  int inFlight(String tenant) {
    return tenantInFlight.getOrDefault(tenant, 0);
  }
}
