package io.klaxon.ops.secret;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The secrets a tenant's targets refer to (webhook signing keys, Slack incoming-webhook URLs),
 * scoped per tenant, so a tenant can never sign with, or post to, another tenant's secret nor read
 * the operator's:
 *
 * <ul>
 *   <li>{@code env:NAME}: NAME must begin with the tenant id in upper case, {@code -} written
 *       {@code _}, and an {@code _} ({@code env:ACME_WEBHOOK_SECRET} for tenant {@code acme},
 *       {@code env:ACME_EU_HOOK} for {@code acme-eu});
 *   <li>{@code file:/path}: the file, once {@code ..} and symbolic links are resolved, must lie
 *       under {@code <SECRETS_DIR>/<tenant id>/}; without a secrets directory tenants have no file
 *       secrets.
 * </ul>
 *
 * Tenant ids whose variable prefixes overlap ({@code acme} and {@code acme-eu}, or {@code acme-eu}
 * and {@code acme_eu}) can name each other's variables; give such tenants file secrets, whose
 * directories are exact. The operator's own secrets (SMTP password, bot token) are resolved by
 * {@link SecretResolver} directly, unscoped. Thread-safe.
 */
public final class TenantSecrets {
  private final SecretResolver resolver;
  private final Path secretsDir;

  /** @param secretsDir the directory holding one directory of file secrets per tenant, or null for none */
  public TenantSecrets(SecretResolver resolver, Path secretsDir) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.secretsDir = secretsDir == null ? null : secretsDir.toAbsolutePath().normalize();
  }

  /** The prefix of the environment variables tenant {@code tenantId} may name. */
  public static String envPrefix(String tenantId) {
    return tenantId.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
  }

  /**
   * Resolves {@code reference}, named in a target of tenant {@code tenantId}.
   *
   * @throws SecretUnavailableException when the reference is outside the tenant's secrets or
   *     cannot be resolved; the message names the reference, never a value
   */
  public Secret resolve(String tenantId, String reference) {
    String ref = reference == null ? "" : reference.strip();
    if (ref.startsWith("env:") && !inScope(tenantId, ref.substring(4))) {
      throw outside(tenantId, ref);
    }
    if (ref.startsWith("file:") && !inScope(tenantId, Path.of(ref.substring(5)))) {
      throw outside(tenantId, ref);
    }
    return resolver.resolve(ref);
  }

  private static boolean inScope(String tenantId, String variable) {
    String prefix = envPrefix(tenantId);
    return variable.length() > prefix.length() && variable.startsWith(prefix);
  }

  private boolean inScope(String tenantId, Path file) {
    if (secretsDir == null || !file.isAbsolute()) {
      return false;
    }
    Path tenantDir = secretsDir.resolve(tenantId).normalize();
    if (!tenantDir.getParent().equals(secretsDir) || !file.normalize().startsWith(tenantDir)) {
      return false;
    }
    try {
      // Where the file really is: a link inside the tenant's directory may point anywhere.
      return file.toRealPath().startsWith(tenantDir.toRealPath());
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  private SecretUnavailableException outside(String tenantId, String ref) {
    String files = secretsDir == null ? "file secrets need SECRETS_DIR" : "or files under " + secretsDir.resolve(tenantId) + "/";
    return new SecretUnavailableException("secret " + ref + " is outside tenant " + tenantId + "'s secrets (env:"
        + envPrefix(tenantId) + "*" + (secretsDir == null ? "; " : ", ") + files + ")");
  }
}
