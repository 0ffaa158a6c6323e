package io.klaxon.notifier.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message whose Message-ID derives from the notification id, so a repeated delivery of
 * the same notification carries the same Message-ID and mail systems can recognise it. Its
 * subject is encoded once ({@link EncodedSubject}) and read back as it was set, without decoding
 * the header again (the SMTP transport reads the subject of every message it sends).
 */
final class NotificationMimeMessage extends MimeMessage {
  private final String messageId;
  private String subject;

  NotificationMimeMessage(Session session, String notificationId) {
    super(session);
    this.messageId = "<" + notificationId.replaceAll("[^A-Za-z0-9._-]", "_") + "@notifier.klaxon>";
  }

  /** Sets the Subject header to {@code text} (a single line), encoded when it is not plain ASCII. */
  void setSubjectLine(String text) throws MessagingException {
    setHeader("Subject", EncodedSubject.of(text));
    this.subject = text;
  }

  @Override
  public String getSubject() throws MessagingException {
    return subject != null ? subject : super.getSubject();
  }

  @Override
  public void setSubject(String text, String charset) throws MessagingException {
    super.setSubject(text, charset);
    this.subject = null;
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }
}
