package io.klaxon.bench.reference;

import io.klaxon.sinks.inbox.EmailCapture;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * A plain SMTP client loop, the reference for the notifier's emails: Jakarta Mail (Angus), the
 * library the notifier sends with, over {@code connections} connections kept open, each sending
 * one message after another, every message built afresh like the notifier's (multipart/alternative,
 * UTF-8 text then HTML) from an email the notifier sent, so the size matches. No Kafka, no
 * rendering, no receipts. Not thread-safe; one run at a time.
 */
public final class SmtpLoadGenerator {
  private final String host;
  private final int port;
  private final int connections;
  private final EmailCapture template;

  /**
   * @param template an email the notifier sent: its sender, recipients, subject, text and HTML are reused
   */
  public SmtpLoadGenerator(String host, int port, int connections, EmailCapture template) {
    this.host = host;
    this.port = port;
    this.connections = Math.max(1, connections);
    this.template = template;
  }

  /**
   * Sends for {@code warmUp} unmeasured, runs {@code atMeasureStart}, then sends for {@code
   * measured}; returns once every connection is closed.
   *
   * @throws MessagingException when a connection cannot be opened
   */
  public LoadGeneratorResult run(Duration warmUp, Duration measured, Runnable atMeasureStart)
      throws InterruptedException, MessagingException {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", host);
    properties.put("mail.smtp.port", Integer.toString(port));
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "10000");
    Session session = Session.getInstance(properties);
    List<Transport> transports = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Transport transport = session.getTransport("smtp");
      transport.connect();
      transports.add(transport);
    }
    try {
      return MeasuredLoops.run(connections, i -> () -> send(session, transports.get(i)),
          i -> Thread.ofPlatform().name("reference-smtp-" + i), warmUp, measured, atMeasureStart);
    } finally {
      for (Transport transport : transports) {
        transport.close();
      }
    }
  }

  private boolean send(Session session, Transport transport) {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(template.from()));
      for (String to : template.to()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      message.setSubject(template.subject(), StandardCharsets.UTF_8.name());
      message.setSentDate(new Date());
      MimeBodyPart text = new MimeBodyPart();
      text.setText(template.text(), StandardCharsets.UTF_8.name());
      MimeBodyPart html = new MimeBodyPart();
      html.setText(template.html(), StandardCharsets.UTF_8.name(), "html");
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(text);
      alternative.addBodyPart(html);
      message.setContent(alternative);
      message.saveChanges();
      transport.sendMessage(message, message.getAllRecipients());
      return true;
    } catch (MessagingException e) {
      return false;
    }
  }
}
