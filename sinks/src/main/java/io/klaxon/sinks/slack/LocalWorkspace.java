package io.klaxon.sinks.slack;

/**
 * The one Slack workspace the stand-in pretends to be: the ids {@code auth.test} names and posted
 * messages carry. Constants only.
 */
final class LocalWorkspace {
  static final String TEAM_ID = "T0KLAXON0";
  static final String TEAM_NAME = "Klaxon local";
  static final String TEAM_DOMAIN = "klaxon-local";
  static final String APP_ID = "A0KLAXON0";
  static final String BOT_ID = "B0KLAXON0";
  static final String USER_ID = "U0KLAXON0";
  static final String USER_NAME = "klaxon";

  private LocalWorkspace() {}
}
