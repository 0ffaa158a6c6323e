package io.klaxon.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MessageResponsesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final Inbox inbox = new Inbox();
  private final ResponseUrls urls = new ResponseUrls(now::get);
  private final MessageResponses responses = new MessageResponses(inbox, urls, now::get);

  private long posted() throws Exception {
    return inbox.add(new SlackCapture(now.get(), "acme", SlackCapture.VIA_API, "C1", "#ops", "1.000001", "Disk full",
        MAPPER.readTree("[{\"type\":\"actions\",\"elements\":[]}]"), MAPPER.readTree("[{\"color\":\"#D00000\"}]"),
        null, 0));
  }

  private SlackAnswer post(String path, String json) {
    return responses.receive(path, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void replaceOriginalReplacesTheWholeMessageInPlace() throws Exception {
    long id = posted();
    String path = urls.issue(id);

    SlackAnswer answer = post(path, """
        {"replace_original":true,"text":"Disk full","blocks":[{"type":"context","elements":[{"type":"mrkdwn","text":"Acknowledged by @ana"}]}]}
        """);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"ok\":true}");
    SlackCapture replaced = (SlackCapture) inbox.get(id);
    assertThat(replaced.edits()).isEqualTo(1);
    assertThat(replaced.blocks().toString()).contains("Acknowledged by @ana").doesNotContain("actions");
    assertThat(replaced.attachments().isEmpty()).as("attachments not posted are gone").isTrue();
    assertThat(inbox.size()).isEqualTo(1);
  }

  @Test
  void withoutReplaceOriginalANewMessageGoesToTheChannel() throws Exception {
    long id = posted();

    assertThat(post(urls.issue(id), "{\"text\":\"Noted\"}").status()).isEqualTo(200);

    assertThat(inbox.size()).isEqualTo(2);
    SlackCapture added = inbox.captures(SlackCapture.class).getFirst();
    assertThat(added.text()).isEqualTo("Noted");
    assertThat(added.via()).isEqualTo("response_url");
    assertThat(added.channelId()).isEqualTo("C1");
    assertThat(((SlackCapture) inbox.get(id)).edits()).isZero();
  }

  @Test
  void deleteOriginalLeavesANote() throws Exception {
    long id = posted();

    assertThat(post(urls.issue(id), "{\"delete_original\":true}").status()).isEqualTo(200);

    assertThat(((SlackCapture) inbox.get(id)).text()).isEqualTo("This message was deleted.");
  }

  @Test
  void unknownExpiredAndUsedUpUrlsAnswerExpiredUrl() throws Exception {
    long id = posted();
    assertThat(post(ResponseUrls.PATH + "T0KLAXON0/1/guess", "{\"text\":\"x\"}").body()).contains("expired_url");

    String path = urls.issue(id);
    for (int i = 0; i < ResponseUrls.MAX_USES; i++) {
      assertThat(post(path, "{\"text\":\"use " + i + "\"}").status()).isEqualTo(200);
    }
    SlackAnswer sixth = post(path, "{\"text\":\"x\"}");
    assertThat(sixth.status()).isEqualTo(404);
    assertThat(sixth.body()).contains("expired_url");

    String later = urls.issue(id);
    now.set(now.get().plus(ResponseUrls.VALIDITY).plus(Duration.ofSeconds(1)));
    assertThat(post(later, "{\"text\":\"x\"}").status()).isEqualTo(404);
  }

  @Test
  void refusesBodiesThatAreNotAMessage() throws Exception {
    String path = urls.issue(posted());

    assertThat(post(path, "not json").body()).contains("invalid_payload");
    assertThat(post(path, "{}").body()).contains("no_text");
  }
}
