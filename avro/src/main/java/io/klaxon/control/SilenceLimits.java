package io.klaxon.control;

/**
 * How many silences a tenant may hold and how large one may be. Counted are the silences that
 * have not ended (active or pending); expired ones stay listed for a while but count for nothing.
 * The size is that of the silence's Avro encoding, so that a few silences with huge regular
 * expressions cannot make every alert of the tenant slow to check. Immutable.
 *
 * @param maxSilences most silences not yet ended per tenant
 * @param maxSilenceBytes most bytes of one silence's encoding
 */
public record SilenceLimits(int maxSilences, int maxSilenceBytes) {
  /** 1,000 silences of up to 8 KiB each: far above what a team keeps, far below what hurts the topology. */
  public static final SilenceLimits DEFAULTS = new SilenceLimits(1000, 8192);

  public SilenceLimits {
    if (maxSilences < 1 || maxSilenceBytes < 64) {
      throw new IllegalArgumentException("limits too small: " + maxSilences + " silences, " + maxSilenceBytes + " bytes");
    }
  }
}
