package io.klaxon.sinks.slack;

import java.util.Objects;
import java.util.Optional;

/**
 * The bot-token check every Web API call passes, and {@code auth.test}'s answer. The token comes
 * from {@code Authorization: Bearer …} (any case of "Bearer") or else from a {@code token}
 * argument, as Slack accepts both. Immutable.
 */
final class SlackAuth {
  private static final String BEARER = "Bearer ";

  private final String token;

  /** @param token the one token calls must carry */
  SlackAuth(String token) {
    this.token = Objects.requireNonNull(token, "token");
  }

  /** The token calls must carry. */
  String token() {
    return token;
  }

  /**
   * Why a call is refused: {@code not_authed} without a token, {@code invalid_auth} with another
   * one; empty when it carries the configured token.
   *
   * @param authorization the Authorization header, or null
   */
  Optional<String> refusal(String authorization, SlackRequestParams params) {
    String given = null;
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      given = authorization.substring(BEARER.length()).strip();
    } else if (params.text("token") != null) {
      given = params.text("token");
    }
    if (given == null || given.isEmpty()) {
      return Optional.of("not_authed");
    }
    return token.equals(given) ? Optional.empty() : Optional.of("invalid_auth");
  }

  /** {@code auth.test}: who the token is, in the local workspace served at {@code workspaceUrl}. */
  static SlackAnswer authTest(String workspaceUrl) {
    return SlackAnswer.ok(SlackAnswer.object().put("ok", true).put("url", workspaceUrl)
        .put("team", LocalWorkspace.TEAM_NAME).put("user", LocalWorkspace.USER_NAME)
        .put("team_id", LocalWorkspace.TEAM_ID).put("user_id", LocalWorkspace.USER_ID)
        .put("bot_id", LocalWorkspace.BOT_ID));
  }
}
