package dev.ninelives.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StatusPageTest {
  private final String html = StatusPage.html();

  @Test
  void shouldBeOneSelfContainedDocument() {
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains("<script>")
        .endsWith("</html>\n");
    Matcher m = Pattern.compile("(?i)\\b(src|href)\\s*=\\s*[\"']?([^\"'\\s>]*)").matcher(html);
    while (m.find()) {
      assertThat(m.group(2)).as("no external asset").doesNotContainIgnoringCase("http:")
          .doesNotContainIgnoringCase("https:").doesNotStartWith("//");
    }
    // The one <link> is an inline empty icon, so the browser does not ask for /favicon.ico.
    assertThat(html.replace("<link rel=\"icon\" href=\"data:,\">", ""))
        .doesNotContain("http://").doesNotContain("https://")
        .doesNotContainPattern("(?i)<link\\b").doesNotContainPattern("(?i)<script[^>]*\\bsrc")
        .doesNotContainPattern("(?i)@import").doesNotContainPattern("(?i)url\\(");
  }

  @Test
  void shouldPollStatusJsonByARelativeUrlEveryTwoSeconds() {
    assertThat(html).contains("fetch('status.json'").doesNotContain("fetch('/status.json'")
        .contains("POLL_MS = 2000").contains("setTimeout(poll, POLL_MS)")
        .contains("cache: 'no-store'");
  }

  @Test
  void shouldSayWhenStatusIsUnavailableInsteadOfThrowing() {
    assertThat(html).contains("Status unavailable, retrying").contains(".catch(function ()")
        .doesNotContain("console.");
  }

  @Test
  void shouldSpeakPlainWords() {
    assertThat(html).contains("Working normally").contains("Unavailable").contains("Recovering")
        .contains("Slower or less reliable").contains("answered by a backup")
        .doesNotContain("dev.ninelives").doesNotContain("Exception");
  }

  @Test
  void shouldInsertDataAsTextOnly() {
    // innerHTML is used once, for the sparkline built from numbers only.
    assertThat(html.split("innerHTML", -1)).hasSize(2);
    assertThat(html).contains("textContent");
  }
}
