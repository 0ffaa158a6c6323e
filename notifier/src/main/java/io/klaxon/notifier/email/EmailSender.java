package io.klaxon.notifier.email;

import io.klaxon.events.EmailTarget;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.Sender;
import io.klaxon.notifier.render.EmailMessage;
import io.klaxon.notifier.render.HeaderText;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends a rendered {@link EmailMessage} over SMTP with Jakarta Mail (Angus) as
 * multipart/alternative (plain text, then HTML), with a UTF-8 encoded one-line subject. SMTP
 * connections are kept open and reused (up to {@link SmtpSettings#connections()} at once); a
 * connection that fails is closed and replaced, and a reused connection that turns out stale is
 * retried once on a fresh one within the same attempt. An attempt is bounded as a whole by {@link
 * SmtpSettings#timeout()} (connect, commands, message and every answer), and each read and write by
 * the same limit. SMTP 4xx answers, timeouts and connection problems are retryable, 5xx answers
 * and invalid addresses permanent. Thread-safe.
 */
public final class EmailSender implements Sender<EmailMessage>, AutoCloseable {
  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
  private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";
  private final SmtpSettings settings;
  private final Session session;
  private final InstantSource clock;
  private final Semaphore slots;
  private final ConcurrentLinkedQueue<Transport> idle = new ConcurrentLinkedQueue<>();
  private final ExecutorService transactions = Executors.newVirtualThreadPerTaskExecutor();

  static {
    // Jakarta Mail finds its encoders (base64, quoted-printable for every body part) through a
    // ServiceLoader on every use, unless the implementation is named: name Angus's.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
    }
  }

  public EmailSender(SmtpSettings settings, InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.slots = new Semaphore(settings.connections());
    this.session = Session.getInstance(properties(settings));
  }

  private static Properties properties(SmtpSettings s) {
    String protocol = s.implicitTls() ? "smtps" : "smtp";
    Properties p = new Properties();
    p.put("mail.transport.protocol", protocol);
    p.put("mail." + protocol + ".host", s.host());
    p.put("mail." + protocol + ".port", Integer.toString(s.port()));
    p.put("mail." + protocol + ".auth", Boolean.toString(s.authenticated()));
    p.put("mail." + protocol + ".starttls.enable", Boolean.toString(s.startTls() || s.startTlsRequired()));
    p.put("mail." + protocol + ".starttls.required", Boolean.toString(s.startTlsRequired()));
    p.put("mail." + protocol + ".connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
    p.put("mail." + protocol + ".timeout", Long.toString(s.timeout().toMillis()));
    p.put("mail." + protocol + ".writetimeout", Long.toString(s.timeout().toMillis()));
    p.put("mail." + protocol + ".from", s.from());
    if (s.implicitTls() || s.startTls() || s.startTlsRequired()) {
      p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
    return p;
  }

  @Override
  public SendResult send(NotificationRequest request, EmailMessage email) {
    EmailTarget target = request.getTarget().getEmail();
    if (target == null) {
      return new SendResult.Permanent("target is not an email target");
    }
    NotificationMimeMessage mime;
    Address[] recipients;
    try {
      mime = build(request, target, email);
      recipients = mime.getAllRecipients();
    } catch (AddressException e) {
      return new SendResult.Permanent("invalid email address in target");
    } catch (MessagingException e) {
      return new SendResult.Permanent("email could not be built (" + e.getClass().getSimpleName() + ")");
    }
    if (recipients == null || recipients.length == 0) {
      return new SendResult.Permanent("email target has no recipients");
    }
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendResult.Retryable(Duration.ZERO, "email send interrupted");
    }
    Future<SendResult> transaction;
    try {
      transaction = transactions.submit(() -> {
        try {
          return transact(mime, recipients);
        } finally {
          slots.release();
        }
      });
    } catch (RejectedExecutionException e) {
      slots.release();
      return new SendResult.Retryable(Duration.ZERO, "email sender closed");
    }
    try {
      return transaction.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Per-read timeouts cannot stop a server that answers a little at a time: interrupting the
      // transaction's virtual thread closes its socket, wherever it waits.
      transaction.cancel(true);
      return SendResult.Retryable.timedOut("SMTP timed out");
    } catch (InterruptedException e) {
      transaction.cancel(true);
      Thread.currentThread().interrupt();
      return new SendResult.Retryable(Duration.ZERO, "email send interrupted");
    } catch (ExecutionException e) {
      return new SendResult.Retryable(Duration.ZERO, "SMTP failed (" + e.getCause().getClass().getSimpleName() + ")");
    }
  }

  /** One SMTP transaction on a kept-open connection, or a fresh one; runs on its own virtual thread. */
  private SendResult transact(NotificationMimeMessage mime, Address[] recipients) {
    Transport reused = idle.poll();
    if (reused != null) {
      try {
        return transmit(reused, mime, recipients);
      } catch (MessagingException e) {
        discard(reused);
        if (!isConnectionProblem(e) || hasCause(e, SocketTimeoutException.class)) {
          return classify(e);
        }
        // A kept-open connection may have been closed by the server meanwhile: try a fresh one.
      }
    }
    Transport fresh = null;
    try {
      fresh = session.getTransport();
      return transmit(fresh, mime, recipients);
    } catch (MessagingException e) {
      discard(fresh);
      return classify(e);
    }
  }

  private SendResult transmit(Transport transport, NotificationMimeMessage mime, Address[] recipients)
      throws MessagingException {
    if (!transport.isConnected()) {
      if (settings.authenticated()) {
        transport.connect(settings.host(), settings.port(), settings.username(), settings.password().reveal());
      } else {
        transport.connect();
      }
    }
    transport.sendMessage(mime, recipients);
    idle.add(transport);
    return new SendResult.Delivered(250);
  }

  private NotificationMimeMessage build(NotificationRequest request, EmailTarget target, EmailMessage email)
      throws MessagingException {
    NotificationMimeMessage mime = new NotificationMimeMessage(session, request.getNotificationId());
    mime.setFrom(new InternetAddress(settings.from(), true));
    mime.setRecipients(Message.RecipientType.TO, addresses(target.getTo()));
    if (!target.getCc().isEmpty()) {
      mime.setRecipients(Message.RecipientType.CC, addresses(target.getCc()));
    }
    mime.setSubjectLine(HeaderText.singleLine(email.subject()));
    mime.setSentDate(Date.from(clock.instant()));
    mime.setHeader("Auto-Submitted", "auto-generated");
    mime.setHeader("Content-Language", email.locale().toLanguageTag());
    mime.setHeader("X-Klaxon-Notification-Id", HeaderText.singleLine(request.getNotificationId()));
    mime.setHeader("X-Klaxon-Tenant", HeaderText.singleLine(request.getTenantId()));
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(email.html(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    mime.setContent(alternative);
    mime.saveChanges();
    return mime;
  }

  private static InternetAddress[] addresses(List<String> values) throws AddressException {
    List<InternetAddress> out = new ArrayList<>();
    for (String value : values) {
      out.add(new InternetAddress(HeaderText.singleLine(value), true));
    }
    return out.toArray(InternetAddress[]::new);
  }

  private static SendResult classify(MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return new SendResult.Permanent("SMTP authentication failed");
    }
    Integer code = smtpCode(e);
    if (code != null) {
      return code >= 500
          ? new SendResult.Permanent("SMTP server refused with " + code, code)
          : new SendResult.Retryable(Duration.ZERO, "SMTP server answered " + code, code);
    }
    if (e instanceof SendFailedException) {
      return new SendResult.Permanent("SMTP server refused the recipients");
    }
    if (hasCause(e, SocketTimeoutException.class)) {
      return SendResult.Retryable.timedOut("SMTP timed out");
    }
    return new SendResult.Retryable(Duration.ZERO, "SMTP connection failed (" + e.getClass().getSimpleName() + ")");
  }

  /** The SMTP reply code of a refusal, looking through chained exceptions; null when none. */
  private static Integer smtpCode(MessagingException e) {
    Integer worst = null;
    for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
      int code = switch (x) {
        case SMTPAddressFailedException a -> a.getReturnCode();
        case SMTPSendFailedException s -> s.getReturnCode();
        default -> -1;
      };
      // A transient refusal of any recipient makes the whole attempt worth retrying.
      if (code > 0 && (worst == null || code < 500)) {
        worst = code;
      }
    }
    return worst;
  }

  private static boolean isConnectionProblem(MessagingException e) {
    return smtpCode(e) == null && !(e instanceof SendFailedException) && !(e instanceof AuthenticationFailedException);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t instanceof MessagingException m && m.getNextException() != null && type.isInstance(m.getNextException())) {
        return true;
      }
    }
    return false;
  }

  private static void discard(Transport transport) {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException | RuntimeException ignored) {
        // Already broken; nothing more to release.
      }
    }
  }

  /** Stops the transactions in flight and closes the kept-open connections. */
  @Override
  public void close() {
    transactions.shutdownNow();
    for (Transport t = idle.poll(); t != null; t = idle.poll()) {
      discard(t);
    }
  }
}
