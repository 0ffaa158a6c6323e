package io.klaxon.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.Attachment;
import com.slack.api.model.Message;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.webhook.Payload;
import com.slack.api.webhook.WebhookResponse;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Slack stand-in driven by the real slack-api-client, as the notifier drives Slack. */
class SlackApiStandInIT {
  private static final String TOKEN = "xoxb-test-token";

  private final Inbox inbox = new Inbox();
  private SlackApiStandIn standIn;
  private Slack slack;

  private void start(SlackApiSettings settings) throws Exception {
    standIn = SlackApiStandIn.start(settings.withToken(TOKEN), inbox);
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(standIn.methodsUrlPrefix());
    config.setStatsEnabled(false);
    config.setPrettyResponseLoggingEnabled(false);
    slack = Slack.getInstance(config);
  }

  @AfterEach
  void stop() throws Exception {
    if (standIn != null) {
      standIn.close();
    }
    if (slack != null) {
      slack.close();
    }
  }

  private static List<LayoutBlock> blocks(String headline) {
    return List.of(
        HeaderBlock.builder().text(PlainTextObject.builder().text(headline).build()).build(),
        SectionBlock.builder().text(MarkdownTextObject.builder().text("*db-1* is at _97%_ <https://runbooks.example/disk|runbook>").build())
            .fields(List.of(MarkdownTextObject.builder().text("*Severity*\nHIGH").build())).build(),
        DividerBlock.builder().build());
  }

  @Test
  void postsBlocksWithMetadataLikeSlackAndCapturesThem() throws Exception {
    start(SlackApiSettings.defaults());
    MethodsClient methods = slack.methods(TOKEN);
    ChatPostMessageResponse response = methods.chatPostMessage(ChatPostMessageRequest.builder()
        .channel("#alerts")
        .text("Disk almost full")
        .blocks(blocks("Disk almost full"))
        .attachments(List.of(Attachment.builder().color("#FF8C00").fallback("Disk almost full")
            .blocks(blocks("in an attachment")).build()))
        .metadata(Message.Metadata.builder().eventType("klaxon_notification")
            .eventPayload(Map.of("notification_id", "n-1", "tenant_id", "acme")).build())
        .unfurlLinks(false)
        .build());

    assertThat(response.isOk()).as(response.getError()).isTrue();
    assertThat(response.getChannel()).matches("C[0-9A-Z]{10}");
    assertThat(response.getTs()).matches("\\d{10}\\.\\d{6}");
    assertThat(response.getMessage().getText()).isEqualTo("Disk almost full");
    assertThat(response.getMessage().getBlocks()).hasSize(3);
    assertThat(response.getMessage().getAttachments()).singleElement()
        .satisfies(a -> assertThat(a.getColor()).isEqualTo("#FF8C00"));

    assertThat(standIn.messages()).singleElement().satisfies(message -> {
      assertThat(message.tenant()).isEqualTo("acme");
      assertThat(message.channelName()).isEqualTo("alerts");
      assertThat(message.channelId()).isEqualTo(response.getChannel());
      assertThat(message.ts()).isEqualTo(response.getTs());
      assertThat(message.blocks().get(0).path("type").asText()).isEqualTo("header");
      assertThat(message.blocks().get(1).path("text").path("text").asText()).startsWith("*db-1*");
      assertThat(message.attachments().get(0).path("blocks")).hasSize(3);
      assertThat(message.metadata().path("event_payload").path("notification_id").asText()).isEqualTo("n-1");
    });

    // The same channel keeps its id, by name or by id.
    ChatPostMessageResponse again = methods.chatPostMessage(r -> r.channel(response.getChannel()).text("second"));
    assertThat(again.getChannel()).isEqualTo(response.getChannel());
    assertThat(again.getTs()).isGreaterThan(response.getTs());
  }

  @Test
  void updatesTheCapturedMessageInPlaceByTs() throws Exception {
    start(SlackApiSettings.defaults());
    MethodsClient methods = slack.methods(TOKEN);
    ChatPostMessageResponse posted = methods.chatPostMessage(r -> r.channel("alerts").text("firing")
        .blocks(blocks("firing")));
    ChatUpdateResponse updated = methods.chatUpdate(ChatUpdateRequest.builder().channel(posted.getChannel())
        .ts(posted.getTs()).text("resolved").blocks(blocks("resolved")).build());

    assertThat(updated.isOk()).as(updated.getError()).isTrue();
    assertThat(updated.getTs()).isEqualTo(posted.getTs());
    assertThat(updated.getText()).isEqualTo("resolved");
    assertThat(standIn.messages()).singleElement().satisfies(message -> {
      assertThat(message.text()).isEqualTo("resolved");
      assertThat(message.blocks().get(0).path("text").path("text").asText()).isEqualTo("resolved");
      assertThat(message.edits()).isEqualTo(1);
    });

    ChatUpdateResponse missing = methods.chatUpdate(r -> r.channel(posted.getChannel()).ts("1.000001").text("x"));
    assertThat(missing.isOk()).isFalse();
    assertThat(missing.getError()).isEqualTo("message_not_found");
  }

  @Test
  void refusesAWrongTokenOrNoneAndAPostWithoutContent() throws Exception {
    start(SlackApiSettings.defaults());
    ChatPostMessageResponse wrong = slack.methods("xoxb-wrong").chatPostMessage(r -> r.channel("alerts").text("x"));
    assertThat(wrong.isOk()).isFalse();
    assertThat(wrong.getError()).isEqualTo("invalid_auth");

    HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(standIn.methodsUrlPrefix() + "chat.postMessage"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("channel=alerts&text=hi")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.body()).isEqualTo("{\"ok\":false,\"error\":\"not_authed\"}");

    ChatPostMessageResponse empty = slack.methods(TOKEN).chatPostMessage(r -> r.channel("alerts"));
    assertThat(empty.getError()).isEqualTo("no_text");
    assertThat(standIn.messages()).isEmpty();
  }

  @Test
  void acceptsAJsonBodyWithABearerToken() throws Exception {
    start(SlackApiSettings.defaults());
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(standIn.methodsUrlPrefix() + "chat.postMessage"))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString("""
                {"channel":"C0000000777","text":"json body",
                 "blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*json*"}}]}""")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"ok\":true").contains("\"channel\":\"C0000000777\"");
    assertThat(standIn.messages()).singleElement()
        .satisfies(m -> assertThat(m.blocks().get(0).path("text").path("text").asText()).isEqualTo("*json*"));
  }

  @Test
  void answersIncomingWebhooksWithOkAndCapturesThePath() throws Exception {
    start(SlackApiSettings.defaults());
    WebhookResponse response = slack.send(standIn.incomingWebhookUrl("globex/B01/secret"), Payload.builder()
        .text("from a webhook").blocks(blocks("webhook headline")).build());

    assertThat(response.getCode()).isEqualTo(200);
    assertThat(response.getBody()).isEqualTo("ok");
    assertThat(standIn.messages()).singleElement().satisfies(message -> {
      assertThat(message.via()).isEqualTo(SlackCapture.VIA_WEBHOOK);
      assertThat(message.destination()).isEqualTo("/services/globex/B01/secret");
      assertThat(message.tenant()).isEqualTo("globex");
      assertThat(message.blocks()).hasSize(3);
    });

    WebhookResponse empty = slack.send(standIn.incomingWebhookUrl("globex/B01/secret"), "{}");
    assertThat(empty.getCode()).isEqualTo(400);
    assertThat(empty.getBody()).isEqualTo("no_text");
  }

  @Test
  void routesPostsToKnownMethodsAndRefusesTheRest() throws Exception {
    start(SlackApiSettings.defaults());
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest.Builder api = HttpRequest.newBuilder(URI.create(standIn.methodsUrlPrefix() + "chat.postMessage"));

    HttpResponse<String> get = http.send(api.copy().GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.body()).isEqualTo("{\"ok\":false,\"error\":\"invalid_request\"}");

    HttpResponse<String> notAnObject = http.send(api.copy().header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("[1]")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(notAnObject.body()).isEqualTo("{\"ok\":false,\"error\":\"invalid_json\"}");

    HttpResponse<String> unknown = http.send(
        HttpRequest.newBuilder(URI.create(standIn.methodsUrlPrefix() + "chat.delete"))
            .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString("channel=alerts")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.body()).isEqualTo("{\"ok\":false,\"error\":\"unknown_method\"}");

    AuthTestResponse who = slack.methods(TOKEN).authTest(r -> r);
    assertThat(who.isOk()).as(who.getError()).isTrue();
    assertThat(who.getTeamId()).isEqualTo("T0KLAXON0");
    assertThat(who.getUrl()).isEqualTo("http://127.0.0.1:" + standIn.port() + "/");

    HttpResponse<String> hookGet = http.send(HttpRequest.newBuilder(URI.create(standIn.incomingWebhookUrl("t/x")))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(hookGet.statusCode()).isEqualTo(405);
    HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + standIn.port() + "/other")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(elsewhere.body()).isEqualTo("no_such_path");
    assertThat(standIn.messages()).isEmpty();
  }

  @Test
  void answers429WithRetryAfterOverTheChannelRate() throws Exception {
    start(SlackApiSettings.defaults().withRateLimit(0.2, 2));
    MethodsClient methods = slack.methods(TOKEN);
    assertThat(methods.chatPostMessage(r -> r.channel("noisy").text("1")).isOk()).isTrue();
    assertThat(methods.chatPostMessage(r -> r.channel("noisy").text("2")).isOk()).isTrue();

    SlackApiException limited = catchThrowableOfType(SlackApiException.class,
        () -> methods.chatPostMessage(r -> r.channel("noisy").text("3")));
    assertThat(limited.getResponse().code()).isEqualTo(429);
    assertThat(Integer.parseInt(limited.getResponse().header("Retry-After"))).isBetween(1, 5);
    assertThat(limited.getResponseBody()).contains("\"error\":\"ratelimited\"");
    assertThat(methods.chatPostMessage(r -> r.channel("quiet").text("other channel")).isOk()).isTrue();

    for (int i = 0; i < 2; i++) {
      slack.send(standIn.incomingWebhookUrl("t/hook"), Payload.builder().text("w" + i).build());
    }
    WebhookResponse hookLimited = slack.send(standIn.incomingWebhookUrl("t/hook"), Payload.builder().text("w").build());
    assertThat(hookLimited.getCode()).isEqualTo(429);
    assertThat(hookLimited.getHeaders()).containsKey("retry-after");

    assertThat(standIn.rateLimitedCount()).isEqualTo(2);
    assertThat(standIn.messages()).hasSize(5);
  }

  @Test
  void aStormRefusesEveryPostingWithItsWaitAndCountsThoseThatComeBackTooSoon() throws Exception {
    start(SlackApiSettings.defaults().withoutRateLimit());
    MethodsClient methods = slack.methods(TOKEN);
    standIn.rateLimitStorm(30);

    SlackApiException limited = catchThrowableOfType(SlackApiException.class,
        () -> methods.chatPostMessage(r -> r.channel("storm").text("1")));
    assertThat(limited.getResponse().code()).isEqualTo(429);
    assertThat(limited.getResponse().header("Retry-After")).isEqualTo("30");
    WebhookResponse hookLimited = slack.send(standIn.incomingWebhookUrl("t/hook"), Payload.builder().text("w").build());
    assertThat(hookLimited.getCode()).isEqualTo(429);
    assertThat(standIn.earlyRetryCount()).isZero();

    // Back to the same channel well within its 30 s (and later than a posting on its way could be): too soon.
    Thread.sleep(1_200);
    SlackApiException again = catchThrowableOfType(SlackApiException.class,
        () -> methods.chatPostMessage(r -> r.channel("storm").text("2")));
    assertThat(again.getResponse().code()).isEqualTo(429);
    assertThat(standIn.earlyRetryCount()).isEqualTo(1);

    standIn.rateLimitStorm(0);
    assertThat(methods.chatPostMessage(r -> r.channel("calm").text("3")).isOk()).isTrue();
    assertThat(standIn.rateLimitedCount()).isEqualTo(3);
    assertThat(standIn.messages()).hasSize(1);
  }

  @Test
  void acceptsEverythingWhenRateLimitingIsOff() throws Exception {
    start(SlackApiSettings.defaults().withoutRateLimit());
    MethodsClient methods = slack.methods(TOKEN);
    for (int i = 0; i < 10; i++) {
      int n = i;
      assertThat(methods.chatPostMessage(r -> r.channel("busy").text("m" + n)).isOk()).isTrue();
    }
    assertThat(standIn.rateLimitedCount()).isZero();
    assertThat(standIn.messages()).hasSize(10);
  }
}
