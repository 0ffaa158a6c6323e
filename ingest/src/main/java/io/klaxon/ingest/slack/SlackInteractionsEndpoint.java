package io.klaxon.ingest.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.klaxon.ingest.auth.TenantDirectory;
import io.klaxon.ops.Health;
import io.klaxon.ops.OpsServer;
import io.klaxon.ops.secret.SecretUnavailableException;
import io.klaxon.ops.secret.TenantSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/slack/interactions}: the Request URL of a tenant's Slack app for its
 * interactivity. A click on Ack or Silence 1h arrives as Slack's signed {@code block_actions}
 * payload; the button's value names the tenant and the Slack target, whose {@code
 * signingSecretRef} (resolved with the tenant's scope, {@link TenantSecrets}) verifies the request
 * ({@link SlackSignature}: HMAC-SHA256 of {@code v0:timestamp:body}, timestamp within 5 minutes).
 *
 * <p>Answers: 200 with an empty body as soon as the request is verified (Slack wants an answer
 * within 3 s), the work then done on the executor: the acknowledgement or silence written ({@link
 * SlackActions}), then the message replaced through {@code response_url} ("Acknowledged by …")
 * when its URL starts with the allowed prefix. 401 when the signature, the timestamp or the
 * secret fail (nothing changes); 400 naming the field of a payload that is not a Klaxon button
 * click; 413 for a body over the limit; 503 until ready or when the executor is full. Thread-safe.
 */
public final class SlackInteractionsEndpoint implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SlackInteractionsEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  /** How long Silence 1h silences. */
  public static final Duration SILENCE_DURATION = Duration.ofHours(1);

  private final TenantDirectory directory;
  private final TenantSecrets secrets;
  private final SlackActions actions;
  private final Executor work;
  private final HttpClient http;
  private final String responseUrlPrefix;
  private final Supplier<Health> readiness;
  private final Clock clock;
  private final int maxBodyBytes;

  /**
   * @param work runs each verified click's action and message update (owned by the caller)
   * @param responseUrlPrefix the prefix a {@code response_url} must have to be posted to
   *     ({@code https://hooks.slack.com/} for Slack)
   */
  public SlackInteractionsEndpoint(TenantDirectory directory, TenantSecrets secrets, SlackActions actions,
      Executor work, String responseUrlPrefix, Supplier<Health> readiness, Clock clock, int maxBodyBytes) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.work = Objects.requireNonNull(work, "work");
    this.responseUrlPrefix = Objects.requireNonNull(responseUrlPrefix, "responseUrlPrefix");
    this.readiness = Objects.requireNonNull(readiness, "readiness");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxBodyBytes = maxBodyBytes;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status;
      String body;
      if (!"POST".equals(exchange.getRequestMethod())) {
        status = 405;
        body = error("POST only");
      } else if (!readiness.get().up()) {
        exchange.getResponseHeaders().set("Retry-After", "5");
        status = 503;
        body = error("not ready");
      } else {
        byte[] request = exchange.getRequestBody().readNBytes(maxBodyBytes + 1);
        if (request.length > maxBodyBytes) {
          status = 413;
          body = error("body longer than " + maxBodyBytes + " bytes");
        } else {
          Answer answer = answer(request, exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp"),
              exchange.getRequestHeaders().getFirst("X-Slack-Signature"));
          status = answer.status();
          body = answer.body();
        }
      }
      OpsServer.respond(exchange, status, JSON_TYPE, body);
    }
  }

  /** An answer: status and body. */
  record Answer(int status, String body) {}

  /** Verifies and schedules one interaction; what {@link #handle} answers. */
  Answer answer(byte[] request, String timestamp, String signature) {
    SlackInteraction interaction;
    try {
      interaction = SlackInteraction.parse(request);
    } catch (IllegalArgumentException e) {
      return new Answer(400, error(e.getMessage()));
    }
    Optional<String> ref = directory.slackSigningSecretRef(interaction.tenantId(), interaction.targetId());
    if (ref.isEmpty()) {
      LOG.warn("Slack interaction for tenant {} target {}: no signing secret configured", interaction.tenantId(),
          interaction.targetId());
      return new Answer(401, error("signature cannot be verified"));
    }
    String secret;
    try {
      secret = secrets.resolve(interaction.tenantId(), ref.get()).reveal();
    } catch (SecretUnavailableException e) {
      LOG.warn("Slack interaction for tenant {}: {}", interaction.tenantId(), e.getMessage());
      return new Answer(401, error("signature cannot be verified"));
    }
    Optional<String> problem = SlackSignature.problem(secret, timestamp, signature, request, clock.instant());
    if (problem.isPresent()) {
      return new Answer(401, error(problem.get()));
    }
    try {
      work.execute(() -> perform(interaction));
    } catch (RejectedExecutionException e) {
      return new Answer(503, error("busy; click again"));
    }
    return new Answer(200, "");
  }

  private void perform(SlackInteraction interaction) {
    String note;
    try {
      if (interaction.action().equals(SlackInteraction.ACK)) {
        actions.acknowledge(interaction.tenantId(), interaction.fingerprint(), interaction.user());
        note = "Acknowledged by @" + interaction.user();
      } else {
        String id = actions.silence(interaction.tenantId(), interaction.labels(), SILENCE_DURATION, interaction.user());
        note = "Silenced for 1h by @" + interaction.user() + " (silence " + id + ")";
      }
    } catch (RuntimeException e) {
      LOG.warn("Slack {} of tenant {} alert {} by {} not recorded: {}", interaction.action(), interaction.tenantId(),
          interaction.fingerprint(), interaction.user(), e.getMessage());
      note = "Not recorded, try again: " + e.getClass().getSimpleName();
    }
    replaceMessage(interaction, note);
  }

  private void replaceMessage(SlackInteraction interaction, String note) {
    String url = interaction.responseUrl();
    if (url == null || !url.startsWith(responseUrlPrefix)) {
      LOG.info("Slack interaction of tenant {}: response_url not under {}; message left as it is",
          interaction.tenantId(), responseUrlPrefix);
      return;
    }
    try {
      String replacement = MessageReplacement.of(interaction.message(), note).toString();
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", JSON_TYPE)
          .POST(HttpRequest.BodyPublishers.ofString(replacement, StandardCharsets.UTF_8))
          .build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        LOG.warn("Slack refused the message update of tenant {}: HTTP {}", interaction.tenantId(), response.statusCode());
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Message update of tenant {} failed: {}", interaction.tenantId(), e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String error(String message) {
    return JSON.createObjectNode().put("error", message).toString();
  }
}
