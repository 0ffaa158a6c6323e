package io.klaxon.sinks.inbox;

/**
 * What happens when someone clicks a button of a Slack message on the inbox page: the Slack
 * stand-in sends the interaction as Slack would. The page names the button by the message's inbox
 * id and the button's {@link SlackButton#index()}; its value stays on the server.
 */
@FunctionalInterface
public interface ButtonClicks {
  /**
   * Sends the click of button {@code button} of the Slack message kept under {@code inboxId}.
   *
   * @return what happened, one line for the page (for example "klaxon_ack sent: answered 200")
   */
  String click(long inboxId, int button);
}
