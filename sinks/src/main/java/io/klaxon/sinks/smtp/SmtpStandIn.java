package io.klaxon.sinks.smtp;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.klaxon.sinks.inbox.EmailCapture;
import io.klaxon.sinks.inbox.Inbox;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1. Authentication is off unless logins are configured.
 * Every message accepted is parsed ({@link EmailParser}) and added to the {@link Inbox} once, with
 * its envelope recipients, however many recipients it has. Thread-safe; {@link #close()} stops the
 * server.
 */
public final class SmtpStandIn implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpStandIn.class);

  private final GreenMail greenMail;
  private final Inbox inbox;
  private final InstantSource clock;
  private final AtomicLong unreadable = new AtomicLong();
  /** Messages already captured: GreenMail delivers one message once per recipient. */
  private final Set<MovingMessage> captured = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private SmtpStandIn(int port, Map<String, String> logins, Inbox inbox, InstantSource clock) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    if (port == 0) {
      setup = setup.dynamicPort();
    }
    GreenMailConfiguration configuration = GreenMailConfiguration.aConfig();
    if (logins.isEmpty()) {
      configuration = configuration.withDisabledAuthentication();
    } else {
      for (Map.Entry<String, String> login : logins.entrySet()) {
        configuration = configuration.withUser(login.getKey(), login.getValue());
      }
    }
    this.greenMail = new GreenMail(setup).withConfiguration(configuration);
    greenMail.start();
    UserManager users = greenMail.getUserManager();
    MessageDeliveryHandler store = users.getMessageDeliveryHandler();
    users.setMessageDeliveryHandler((message, recipient) -> deliver(store, message, recipient));
  }

  /** Starts an SMTP server without authentication on 127.0.0.1:{@code port} (0 for any free port). */
  public static SmtpStandIn start(int port, Inbox inbox) {
    return new SmtpStandIn(port, Map.of(), inbox, InstantSource.system());
  }

  /**
   * Starts an SMTP server that requires one of the given logins (login → password), on
   * 127.0.0.1:{@code port} (0 for any free port).
   */
  public static SmtpStandIn startWithLogins(int port, Map<String, String> logins, Inbox inbox) {
    return new SmtpStandIn(port, Map.copyOf(logins), inbox, InstantSource.system());
  }

  public int port() {
    return greenMail.getSmtp().getPort();
  }

  public String host() {
    return "127.0.0.1";
  }

  /** Messages that were accepted but could not be parsed (they are not in the inbox). */
  public long unreadableCount() {
    return unreadable.get();
  }

  /** The emails in the inbox, newest first. */
  public List<EmailCapture> messages() {
    return inbox.captures(EmailCapture.class);
  }

  @Override
  public void close() {
    greenMail.stop();
  }

  private GreenMailUser deliver(MessageDeliveryHandler store, MovingMessage message, MailAddress recipient)
      throws MessagingException, UserException {
    if (captured.add(message)) {
      List<String> recipients = new ArrayList<>();
      message.getToAddresses().forEach(address -> recipients.add(address.getEmail()));
      try {
        inbox.add(EmailParser.parse(message.getMessage(), recipients, clock.instant()));
      } catch (MessagingException | IOException | RuntimeException e) {
        unreadable.incrementAndGet();
        LOG.warn("could not parse a received email ({})", e.getClass().getSimpleName());
      }
    }
    return store.handle(message, recipient);
  }
}
