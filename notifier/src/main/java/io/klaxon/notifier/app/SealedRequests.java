package io.klaxon.notifier.app;

import io.klaxon.events.NotificationRequest;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.Sealer;
import java.time.Duration;
import java.util.Objects;

/**
 * Opens sealed notifications with their tenant's data key. A tenant this notifier has not seen
 * yet is waited for (the tenants topic is read to its end); one still not there, or whose key is
 * destroyed, was erased: its notification is skipped. A key that cannot be opened here (no master
 * key, or not the one that wrapped it) is a configuration problem: the notification waits, and
 * health says why. Used by the loop thread only.
 */
final class SealedRequests {
  /** Reads the tenants topic up to its current end; false when that did not happen in time. */
  interface CatchUp {
    boolean catchUp(Duration timeout) throws InterruptedException;
  }

  /** What opening gave. */
  sealed interface Result {
    record Whole(NotificationRequest request) implements Result {}

    record Erased(String reason) implements Result {}

    record Wait(String reason) implements Result {}
  }

  static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(10);

  private final Sealer<NotificationRequest> sealer;
  private final Keyring keyring;
  private final CatchUp tenants;

  SealedRequests(Sealer<NotificationRequest> sealer, Keyring keyring, CatchUp tenants) {
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    this.keyring = Objects.requireNonNull(keyring, "keyring");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
  }

  /** @throws io.klaxon.privacy.SealedDataException when the sealed fields do not open under their key (altered) */
  Result open(NotificationRequest request) throws InterruptedException {
    if (request.getSealed() == null) {
      return new Result.Whole(request);
    }
    Sealer.Opened<NotificationRequest> opened = sealer.open(request, keyring);
    if (opened instanceof Sealer.Opened.Unavailable<NotificationRequest> u && u.status() == Keyring.Status.UNKNOWN_TENANT) {
      if (!tenants.catchUp(CATCH_UP_TIMEOUT)) {
        return new Result.Wait("the tenants topic could not be read to its end, to find tenant " + request.getTenantId()
            + "'s data key");
      }
      opened = sealer.open(request, keyring);
      if (opened instanceof Sealer.Opened.Unavailable<NotificationRequest> again && again.status() == Keyring.Status.UNKNOWN_TENANT) {
        return new Result.Erased("tenant " + request.getTenantId() + " is not on the tenants topic: deleted or erased");
      }
    }
    return switch (opened) {
      case Sealer.Opened.Whole<NotificationRequest> whole -> new Result.Whole(whole.record());
      case Sealer.Opened.Erased<NotificationRequest> erased -> new Result.Erased(erased.reason());
      case Sealer.Opened.Unavailable<NotificationRequest> unavailable -> new Result.Wait("the data key of tenant "
          + request.getTenantId() + " cannot be opened: " + unavailable.reason());
    };
  }
}
