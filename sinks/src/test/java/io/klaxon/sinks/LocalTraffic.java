package io.klaxon.sinks;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.model.Attachment;
import com.slack.api.model.Message;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.webhook.Payload;
import io.klaxon.sinks.webhook.WebhookSignatures;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Sends notifications shaped like the notifier's to a {@link StandIns}, through the real
 * clients: the Slack SDK (blocks in a coloured attachment, metadata naming the tenant), Jakarta
 * Mail (multipart/alternative, Content-Language) and signed webhooks.
 */
final class LocalTraffic implements AutoCloseable {
  static final char RLI = '\u2067';
  static final char PDI = '\u2069';

  private final StandIns standIns;
  private final Slack slack;
  private final byte[] webhookKey;
  private final HttpClient http = HttpClient.newHttpClient();

  LocalTraffic(StandIns standIns, byte[] webhookKey) {
    this.standIns = standIns;
    this.webhookKey = webhookKey;
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(standIns.slack().methodsUrlPrefix());
    config.setStatsEnabled(false);
    this.slack = Slack.getInstance(config);
  }

  /** Posts with chat.postMessage as the notifier does and fails on a refusal. */
  void slackApi(String tenant, String channel, String color, String... sections) throws Exception {
    var response = slack.methods(standIns.slack().token()).chatPostMessage(r -> r.channel(channel).text(sections[0])
        .attachments(List.of(Attachment.builder().color(color).fallback(sections[0]).blocks(blocks(sections)).build()))
        .metadata(Message.Metadata.builder().eventType("klaxon_notification")
            .eventPayload(Map.of("notification_id", "n-" + tenant + "-" + channel, "tenant_id", tenant)).build()));
    if (!response.isOk()) {
      throw new IllegalStateException("chat.postMessage refused: " + response.getError());
    }
  }

  /** Posts to an incoming webhook of the Slack stand-in. */
  void slackWebhook(String path, String... sections) throws Exception {
    int code = slack.send(standIns.slack().incomingWebhookUrl(path),
        Payload.builder().text(sections[0]).blocks(blocks(sections)).build()).getCode();
    if (code != 200) {
      throw new IllegalStateException("incoming webhook answered " + code);
    }
  }

  private static List<LayoutBlock> blocks(String... sections) {
    List<LayoutBlock> blocks = new java.util.ArrayList<>();
    for (String section : sections) {
      blocks.add(SectionBlock.builder().text(MarkdownTextObject.builder().text(section).build()).build());
    }
    blocks.add(ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text("Klaxon").build())).build());
    return blocks;
  }

  /** Sends a multipart/alternative email as the notifier does. */
  void email(String to, String language, String subject, String text, String html) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", standIns.smtp().host());
    p.put("mail.smtp.port", Integer.toString(standIns.smtp().port()));
    Session session = Session.getInstance(p);
    MimeMessage mime = new MimeMessage(session);
    mime.setFrom(new InternetAddress("alerts@klaxon.example"));
    mime.setRecipients(RecipientType.TO, InternetAddress.parse(to));
    mime.setSubject(subject, "UTF-8");
    mime.setHeader("Content-Language", language);
    MimeBodyPart textPart = new MimeBodyPart();
    textPart.setText(text, "UTF-8", "plain");
    MimeBodyPart htmlPart = new MimeBodyPart();
    htmlPart.setText(html, "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(textPart);
    alternative.addBodyPart(htmlPart);
    mime.setContent(alternative);
    Transport.send(mime);
  }

  /** Posts a signed webhook; returns the HTTP status. */
  int webhook(String path, String id, String body) throws Exception {
    long now = Instant.now().getEpochSecond();
    return http.send(HttpRequest.newBuilder(URI.create(standIns.webhooks().url(path)))
        .header("Content-Type", "application/json; charset=utf-8")
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(now))
        .header("webhook-signature", WebhookSignatures.sign(webhookKey, id, now, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Override
  public void close() {
    try {
      slack.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not close the Slack client", e);
    }
    http.close();
  }
}
