package io.klaxon.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackChannelsTest {
  private final SlackChannels channels = new SlackChannels();

  @Test
  void givesEachNameOneStableIdWithOrWithoutTheHash() {
    String id = channels.idFor("#alerts");

    assertThat(id).matches("C[0-9A-F]{10}");
    assertThat(channels.idFor("alerts")).isEqualTo(id);
    assertThat(channels.idFor(id)).as("by its id").isEqualTo(id);
    assertThat(channels.idFor("ops")).isNotEqualTo(id);
    assertThat(channels.nameOf(id, "fallback")).isEqualTo("alerts");
  }

  @Test
  void keepsANameShapedLikeAnIdAsItsOwnId() {
    assertThat(channels.idFor("C0000000777")).isEqualTo("C0000000777");
    assertThat(channels.knownId("C0000000777")).isEqualTo("C0000000777");
  }

  @Test
  void knowsOnlyChannelsPostedTo() {
    assertThat(channels.knownId("alerts")).isNull();
    assertThat(channels.nameOf("C0000000001", "as given")).isEqualTo("as given");
    String id = channels.idFor("alerts");
    assertThat(channels.knownId(" #alerts ")).isEqualTo(id);
  }
}
