package io.klaxon.cli;

import io.klaxon.ops.Env;

/**
 * Who a command acts for, as recorded in silences, acknowledgements and tenant changes: the
 * {@code --author} flag when given, else {@code $KLAXON_AUTHOR}, else the operating-system user.
 * Stateless.
 */
public final class Authors {
  /** The environment variable naming the author when {@code --author} is not given. */
  public static final String VARIABLE = "KLAXON_AUTHOR";

  private Authors() {}

  /** {@code flag} when given, else {@code $KLAXON_AUTHOR}, else the operating-system user. */
  public static String of(String flag, Env env) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    String variable = env.string(VARIABLE, "");
    if (!variable.isBlank()) {
      return variable;
    }
    String user = System.getProperty("user.name");
    return user == null || user.isBlank() ? "unknown" : user;
  }
}
