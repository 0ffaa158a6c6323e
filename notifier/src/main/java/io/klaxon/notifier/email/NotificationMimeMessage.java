package io.klaxon.notifier.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message whose Message-ID derives from the notification id, so a repeated delivery of
 * the same notification carries the same Message-ID and mail systems can recognise it.
 */
final class NotificationMimeMessage extends MimeMessage {
  private final String messageId;

  NotificationMimeMessage(Session session, String notificationId) {
    super(session);
    this.messageId = "<" + notificationId.replaceAll("[^A-Za-z0-9._-]", "_") + "@notifier.klaxon>";
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }
}
