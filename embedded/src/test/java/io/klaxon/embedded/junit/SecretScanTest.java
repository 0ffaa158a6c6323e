package io.klaxon.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretScanTest {
  private static final String TOKEN = "xoxb-1234-secret/token+value";

  @Test
  void findsASecretAsWrittenBase64EncodedOrPercentEncodedAndNamesItWithoutItsValue() {
    String basic = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
    SecretScan scan = SecretScan.of(Map.of("SLACK_BOT_TOKEN", TOKEN))
        .text("answer", "token=" + TOKEN)
        .lines("log", List.of("clean", "Authorization: Basic " + basic))
        .bytes("record", ("https://x.example/?t=" + java.net.URLEncoder.encode(TOKEN, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8))
        .text("clean text", "nothing here");

    assertThat(scan.findings()).containsExactly("SLACK_BOT_TOKEN in answer", "SLACK_BOT_TOKEN in log line 1",
        "SLACK_BOT_TOKEN in record");
    assertThatThrownBy(scan::assertClean).isInstanceOf(AssertionError.class)
        .hasMessageContaining("SLACK_BOT_TOKEN in answer").hasMessageNotContaining(TOKEN);
  }

  @Test
  void aCleanRunPassesAndAShortSecretIsRefused() {
    SecretScan.of(Map.of("SLACK_BOT_TOKEN", TOKEN)).text("answer", "xoxb-1234-***").assertClean();
    assertThatThrownBy(() -> SecretScan.of(Map.of("PIN", "1234"))).isInstanceOf(IllegalArgumentException.class);
  }
}
