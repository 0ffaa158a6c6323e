package io.klaxon.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.render.MessageBundles;
import io.klaxon.notifier.render.Renderer;
import io.klaxon.notifier.testing.Requests;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Email content and headers as a real SMTP server (GreenMail, in-process) receives them. */
class EmailSenderTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", NotifierMetrics.inMemory());
  private EmailSender sender;

  @BeforeEach
  void start() {
    sender = new EmailSender(SmtpSettings.plain("127.0.0.1", SMTP.getSmtp().getPort(), "klaxon@notifier.test"),
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    sender.close();
  }

  private MimeMessage deliver(NotificationRequest request) {
    assertThat(sender.send(request, renderer.emailMessage(request))).isInstanceOf(SendResult.Delivered.class);
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).isNotEmpty();
    return received[received.length - 1];
  }

  @Test
  void sendsTextAndHtmlAlternativesWithHeaders() throws Exception {
    MimeMessage message = deliver(Requests.request(Requests.email("oncall@acme.example", "sre@acme.example")).build());

    assertThat(message.getSubject()).isEqualTo("[Critical] Firing: Disk almost full — Acme Corp");
    assertThat(message.getFrom()[0].toString()).isEqualTo("klaxon@notifier.test");
    assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("oncall@acme.example", "sre@acme.example");
    assertThat(message.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
    assertThat(message.getHeader("Content-Language")[0]).isEqualTo("en");
    // The tenant travels in a header, so a mailbox (and the local inbox) files the email under the tenant, not a domain.
    assertThat(message.getHeader("X-Klaxon-Tenant")[0]).isEqualTo("acme");
    assertThat(message.getMessageID()).isEqualTo("<ntf-0001@notifier.klaxon>");
    assertThat(message.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) message.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat((String) parts.getBodyPart(0).getContent()).contains("Volume /data is 97% full").contains("Severity: Critical");
    assertThat((String) parts.getBodyPart(1).getContent()).contains("<html lang=\"en\" dir=\"ltr\">")
        .contains("href=\"https://runbooks.example.com/disk\"");
  }

  @Test
  void rightToLeftEmailHasRtlHtmlAndAnEncodedSubject() throws Exception {
    MimeMessage message = deliver(Requests.request(Requests.email("oncall@acme.example")).setTenantLocale("he").build());

    assertThat(message.getSubject()).isEqualTo("[קריטית] פעילה: \u2068Disk almost full\u2069 — \u2068Acme Corp\u2069");
    assertThat(message.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    assertThat(message.getHeader("Content-Language")[0]).isEqualTo("he");
    String html = (String) ((MimeMultipart) message.getContent()).getBodyPart(1).getContent();
    assertThat(html).contains("<html lang=\"he\" dir=\"rtl\">").contains("<body dir=\"rtl\"").contains("חומרה");
  }

  @Test
  void nonAsciiSubjectsSurviveTheTrip() throws Exception {
    MimeMessage message = deliver(Requests.request(Requests.email("oncall@acme.example")).setTenantLocale("ja")
        .setAlert(Requests.alert().setTitle("ディスクがいっぱい 🚨").build()).build());

    assertThat(message.getSubject()).isEqualTo("[重大] 発生中：ディスクがいっぱい 🚨 — Acme Corp");
  }

  @Test
  void lineBreaksCannotInjectHeaders() throws Exception {
    MimeMessage message = deliver(Requests.request(Requests.email("oncall@acme.example"))
        .setAlert(Requests.alert().setTitle("Disk\r\nBcc: victim@evil.example\r\n\r\nbody").build()).build());

    assertThat(message.getHeader("Bcc")).isNull();
    assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("oncall@acme.example");
    assertThat(message.getSubject()).doesNotContain("\r", "\n").contains("Disk Bcc: victim@evil.example body");
    assertThat(GreenMailUtil.getHeaders(message)).doesNotContain("\nBcc:");
  }

  @Test
  void invalidRecipientIsPermanent() {
    NotificationRequest request = Requests.request(Requests.email("not an address")).build();
    assertThat(sender.send(request, renderer.emailMessage(request))).isInstanceOf(SendResult.Permanent.class);
  }
}
