package io.klaxon.cli.tenants;

import java.util.regex.Pattern;

/**
 * Syntactic check of a plain e-mail address (local@domain, RFC 5322 dot-atom local part, a domain
 * of dot-separated labels). Display names ("Ops &lt;ops@x&gt;") are not accepted: the target holds
 * bare addresses. Stateless.
 */
public final class EmailAddress {
  private static final Pattern ADDRESS = Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private EmailAddress() {}

  public static boolean isValid(String address) {
    return address.length() <= 254 && ADDRESS.matcher(address).matches();
  }
}
