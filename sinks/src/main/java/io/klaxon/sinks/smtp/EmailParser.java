package io.klaxon.sinks.smtp;

import io.klaxon.sinks.inbox.EmailCapture;
import io.klaxon.sinks.inbox.TenantAttribution;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a received MIME message into an {@link EmailCapture}: decoded From and Subject, the first
 * text/plain and text/html parts that are not attachments (searched through nested multiparts),
 * and the headers that matter to the inbox. Stateless.
 */
final class EmailParser {
  private static final Set<String> KEPT_HEADERS =
      Set.of("content-language", "message-id", "auto-submitted", "date", "reply-to");

  private EmailParser() {}

  /**
   * @param recipients the envelope recipients (RCPT TO)
   * @throws MessagingException when the message cannot be read
   * @throws IOException when a part's content cannot be read
   */
  static EmailCapture parse(MimeMessage message, List<String> recipients, Instant receivedAt)
      throws MessagingException, IOException {
    Map<String, String> headers = headers(message);
    Bodies bodies = new Bodies();
    collect(message, bodies);
    return new EmailCapture(receivedAt, TenantAttribution.email(headers, recipients), from(message), recipients,
        message.getSubject(), bodies.text, bodies.html, headers);
  }

  private static String from(MimeMessage message) throws MessagingException {
    Address[] from = message.getFrom();
    if (from == null || from.length == 0) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (Address address : from) {
      out.add(address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString());
    }
    return String.join(", ", out);
  }

  private static Map<String, String> headers(MimeMessage message) throws MessagingException {
    Map<String, String> out = new LinkedHashMap<>();
    Enumeration<Header> all = message.getAllHeaders();
    while (all.hasMoreElements()) {
      Header header = all.nextElement();
      String name = header.getName();
      String lower = name.toLowerCase(Locale.ROOT);
      if (KEPT_HEADERS.contains(lower) || lower.startsWith("x-klaxon-")) {
        out.putIfAbsent(canonical(name), decode(MimeUtility.unfold(header.getValue())).strip());
      }
    }
    return out;
  }

  /** {@code content-language} → {@code Content-Language}, so lookups need not care about case. */
  private static String canonical(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toCharArray()) {
      out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    String result = out.toString();
    return result.equals("Message-Id") ? "Message-ID" : result;
  }

  private static String decode(String value) {
    try {
      return MimeUtility.decodeText(value);
    } catch (UnsupportedEncodingException e) {
      return value;
    }
  }

  private static void collect(Part part, Bodies bodies) throws MessagingException, IOException {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return;
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i), bodies);
      }
    } else if (part.isMimeType("text/plain") && bodies.text.isEmpty()) {
      bodies.text = String.valueOf(part.getContent());
    } else if (part.isMimeType("text/html") && bodies.html.isEmpty()) {
      bodies.html = String.valueOf(part.getContent());
    }
  }

  private static final class Bodies {
    String text = "";
    String html = "";
  }
}
