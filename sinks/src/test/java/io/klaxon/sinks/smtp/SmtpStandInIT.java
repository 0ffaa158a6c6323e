package io.klaxon.sinks.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.klaxon.sinks.inbox.EmailCapture;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.InboxChannel;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The SMTP stand-in fed by Jakarta Mail, as the notifier sends email. */
class SmtpStandInIT {
  private static final String ARABIC_SUBJECT = "[حرج] القرص ممتلئ تقريبًا على db-1";
  private static final String HTML = "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><body dir=\"rtl\">"
      + "<h1>القرص ممتلئ تقريبًا</h1><p><bdi>db-1</bdi> 97%</p></body></html>";

  private static MimeMessage message(Session session) throws Exception {
    MimeMessage mime = new MimeMessage(session);
    mime.setFrom(new InternetAddress("Klaxon <alerts@klaxon.example>"));
    mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse("oncall@acme.example"));
    mime.setRecipients(Message.RecipientType.CC, InternetAddress.parse("sre@acme.example"));
    mime.setSubject(ARABIC_SUBJECT, "UTF-8");
    mime.setHeader("Content-Language", "ar");
    mime.setHeader("Auto-Submitted", "auto-generated");
    mime.setHeader("X-Klaxon-Notification-Id", "n-42");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("القرص ممتلئ تقريبًا\ndb-1 97%", "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(HTML, "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    mime.setContent(alternative);
    mime.saveChanges();
    return mime;
  }

  private static Session session(int port, boolean auth) {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(port));
    p.put("mail.smtp.auth", Boolean.toString(auth));
    p.put("mail.smtp.connectiontimeout", "5000");
    p.put("mail.smtp.timeout", "5000");
    return Session.getInstance(p);
  }

  @Test
  void receivesAMultipartAlternativeRightToLeftEmailOnceForAllRecipients() throws Exception {
    Inbox inbox = new Inbox();
    try (SmtpStandIn smtp = SmtpStandIn.start(0, inbox)) {
      assertThat(smtp.port()).isPositive();
      Transport.send(message(session(smtp.port(), false)));

      await().atMost(Duration.ofSeconds(10)).until(() -> !smtp.messages().isEmpty());
      assertThat(smtp.messages()).singleElement().satisfies(email -> {
        assertThat(email.subject()).isEqualTo(ARABIC_SUBJECT);
        assertThat(email.from()).isEqualTo("Klaxon <alerts@klaxon.example>");
        assertThat(email.to()).containsExactlyInAnyOrder("oncall@acme.example", "sre@acme.example");
        assertThat(email.text()).startsWith("القرص ممتلئ تقريبًا");
        assertThat(email.html()).isEqualTo(HTML);
        assertThat(email.headers()).containsEntry("Content-Language", "ar")
            .containsEntry("X-Klaxon-Notification-Id", "n-42").containsEntry("Auto-Submitted", "auto-generated");
        assertThat(email.language()).isEqualTo("ar");
        assertThat(email.rightToLeft()).isTrue();
        assertThat(email.tenant()).isEqualTo("acme");
      });
      assertThat(inbox.received(InboxChannel.EMAIL)).isEqualTo(1);
    }
  }

  @Test
  void attributesTheTenantFromAnExplicitHeader() throws Exception {
    Inbox inbox = new Inbox();
    try (SmtpStandIn smtp = SmtpStandIn.start(0, inbox)) {
      Session session = session(smtp.port(), false);
      MimeMessage mime = new MimeMessage(session);
      mime.setFrom(new InternetAddress("alerts@klaxon.example"));
      mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse("ops@shared-mailbox.example"));
      mime.setSubject("Prüfung: Festplatte fast voll", "UTF-8");
      mime.setHeader("X-Klaxon-Tenant", "globex");
      mime.setText("nur Text", "UTF-8");
      Transport.send(mime);

      await().atMost(Duration.ofSeconds(10)).until(() -> !smtp.messages().isEmpty());
      EmailCapture email = smtp.messages().getFirst();
      assertThat(email.tenant()).isEqualTo("globex");
      assertThat(email.subject()).isEqualTo("Prüfung: Festplatte fast voll");
      assertThat(email.text()).isEqualTo("nur Text");
      assertThat(email.html()).isEmpty();
      assertThat(email.rightToLeft()).isFalse();
    }
  }

  @Test
  void requiresAConfiguredLogin() throws Exception {
    Inbox inbox = new Inbox();
    try (SmtpStandIn smtp = SmtpStandIn.startWithLogins(0, Map.of("notifier", "s3cret"), inbox)) {
      Session session = session(smtp.port(), true);
      assertThatThrownBy(() -> Transport.send(message(session), "notifier", "wrong"))
          .isInstanceOf(AuthenticationFailedException.class);
      Transport.send(message(session), "notifier", "s3cret");
      await().atMost(Duration.ofSeconds(10)).until(() -> smtp.messages().size() == 1);
    }
  }
}
