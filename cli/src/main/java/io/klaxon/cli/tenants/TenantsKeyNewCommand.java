package io.klaxon.cli.tenants;

import io.klaxon.contract.ApiKeys;
import io.klaxon.contract.TenantIds;
import io.klaxon.ops.Durations;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon tenants key new TENANT}: makes a new API key for the HTTP ingest service and prints
 * it once, with the {@code apiKeys} entry (id and hash, optionally expiry) to paste into the
 * tenant's file. Klaxon never stores the key; only the hash reaches the tenants topic when the file
 * is applied. Touches no cluster. Exit 0, or 2 on bad usage.
 */
@Command(name = "new", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Make a new API key for a tenant: prints the key (once) and the apiKeys entry for its tenant file.",
        "The key works once the file, with the entry, is applied (klaxon tenants apply)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:key made", "2:usage error"})
public final class TenantsKeyNewCommand implements Callable<Integer> {
  private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TENANT", description = "The tenant id the key is for.")
  String tenant;

  @Option(names = "--id", description = "The key's id within the tenant (default: key-<date>-<4 hex digits>).")
  String id;

  @Option(names = "--expires", paramLabel = "DURATION|DATE",
      description = "When the key stops working: a duration from now (90d) or a date or instant (2027-06-30).")
  String expires;

  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    if (!TenantIds.isValid(tenant)) {
      throw new ParameterException(spec.commandLine(), "'" + tenant + "' is not a tenant id (" + TenantIds.PATTERN.pattern() + ")");
    }
    Instant now = clock.instant();
    String keyId = id != null ? id : "key-" + ID_DATE.format(now) + "-" + HexFormat.of().toHexDigits((short) random.nextInt());
    if (!ApiKeys.ID.matcher(keyId).matches()) {
      throw new ParameterException(spec.commandLine(), "--id '" + keyId + "' is not a valid key id (letters, digits, _ . -; at most 64)");
    }
    Instant expiresAt = expires == null ? null : expiry(expires, now);
    String key = ApiKeys.newKey(random);
    PrintWriter out = spec.commandLine().getOut();
    out.println("New API key for tenant " + tenant + ". It is shown only now; Klaxon keeps only its hash:");
    out.println();
    out.println("  " + key);
    out.println();
    out.println("Add this entry under apiKeys in the tenant file of " + tenant + ", then apply the file:");
    out.println();
    out.println("apiKeys:");
    out.println("  - id: " + keyId);
    out.println("    hash: " + ApiKeys.hash(key));
    if (expiresAt != null) {
      out.println("    expiresAt: " + expiresAt);
    }
    out.println();
    out.println("Clients send it as: Authorization: Bearer <key>. To rotate, add the new key, move the clients over,");
    out.println("then set 'revoked: true' on the old entry (or remove it) and apply again.");
    return 0;
  }

  private Instant expiry(String text, Instant now) {
    try {
      return text.contains("-") ? KeyExpiry.parse(text) : now.plus(Durations.parse(text)).truncatedTo(ChronoUnit.SECONDS);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--expires '" + text + "' is neither a duration (90d) nor "
          + KeyExpiry.EXPECTED);
    }
  }
}
