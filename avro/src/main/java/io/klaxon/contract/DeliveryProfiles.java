package io.klaxon.contract;

import io.klaxon.events.DeliveryProfile;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.TenantConfig;

/**
 * A tenant's {@link DeliveryProfile}, whichever layout its record was written in. Records written
 * before the profile existed (the flat layout) carry its settings as top-level fields of
 * {@code TenantConfig} and {@code NotificationRequest}; newer records carry the profile in their
 * {@code delivery} field. This class is the one place that knows the flat layout: readers take the
 * profile from here instead of reading either layout themselves, and writers of notification
 * requests fill the flat fields from here for readers that predate the profile (see
 * {@code avro/released/README.md} for when the flat layout can go). Stateless and thread-safe.
 */
public final class DeliveryProfiles {
  private DeliveryProfiles() {}

  /** The tenant's profile: its {@code delivery} field when set, else built from its flat fields. */
  public static DeliveryProfile of(TenantConfig tenant) {
    if (tenant.getDelivery() != null) {
      return tenant.getDelivery();
    }
    return DeliveryProfile.newBuilder()
        .setDisplayName(tenant.getDisplayName())
        .setDefaultLocale(tenant.getDefaultLocale())
        .setTimeZone(tenant.getTimeZone())
        .setTemplateOverrides(tenant.getTemplateOverrides())
        .setIsolationLevel(tenant.getIsolationLevel())
        .build();
  }

  /** The request's profile: its {@code delivery} field when set, else built from its flat fields. */
  public static DeliveryProfile of(NotificationRequest request) {
    if (request.getDelivery() != null) {
      return request.getDelivery();
    }
    return DeliveryProfile.newBuilder()
        .setDisplayName(request.getTenantName())
        .setDefaultLocale(request.getTenantLocale())
        .setTimeZone(request.getTimeZone())
        .setTemplateOverrides(request.getTemplateOverrides())
        .setIsolationLevel(request.getIsolationLevel())
        .build();
  }

  /**
   * Sets {@code profile} as the tenant's {@code delivery} and also in its flat fields, so that a
   * Streams app built before the profile existed still reads the tenant's settings; only the
   * profile carries what the flat layout has no field for ({@code messageBundles}).
   *
   * @return {@code tenant}, for chaining
   */
  public static TenantConfig.Builder carry(TenantConfig.Builder tenant, DeliveryProfile profile) {
    return tenant
        .setDelivery(profile)
        .setDisplayName(profile.getDisplayName())
        .setDefaultLocale(profile.getDefaultLocale())
        .setTimeZone(profile.getTimeZone())
        .setTemplateOverrides(profile.getTemplateOverrides())
        .setIsolationLevel(profile.getIsolationLevel());
  }

  /**
   * Whether {@code profile} holds a setting the flat layout cannot carry, so that a tenant record
   * needs its {@code delivery} field (and a schema version that has it) to keep it.
   */
  public static boolean needsProfile(DeliveryProfile profile) {
    return !profile.getMessageBundles().isEmpty();
  }

  /**
   * Sets {@code profile} as the request's {@code delivery} and also in its flat fields, so that a
   * notifier built before the profile existed still renders and isolates the request as the
   * tenant configured it.
   *
   * @return {@code request}, for chaining
   */
  public static NotificationRequest.Builder carry(NotificationRequest.Builder request, DeliveryProfile profile) {
    return request
        .setDelivery(profile)
        .setTenantName(profile.getDisplayName())
        .setTenantLocale(profile.getDefaultLocale())
        .setTimeZone(profile.getTimeZone())
        .setTemplateOverrides(profile.getTemplateOverrides())
        .setIsolationLevel(profile.getIsolationLevel());
  }
}
