package dev.ninelives.providers;

import static dev.ninelives.providers.SampleStreams.parseWhole;
import static dev.ninelives.providers.SampleStreams.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

  /** An event reduced to comparable values. */
  record Seen(String raw, String data, String event, String id, long retry) {
    static Seen of(SseEvent e) {
      return new Seen(new String(e.raw(), StandardCharsets.UTF_8), e.data(), e.event(), e.id(),
          e.retryMillis());
    }
  }

  static List<Seen> seen(List<SseEvent> events) {
    return events.stream().map(Seen::of).toList();
  }

  static Stream<Arguments> samples() {
    return SampleStreams.all().entrySet().stream()
        .flatMap(e -> Stream.of("\n", "\r\n", "\r").map(eol -> Arguments.of(
            e.getKey() + " " + eol.replace("\r", "CR").replace("\n", "LF"),
            e.getValue().replace("\r\n", "\n").replace("\n", eol))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void byteAtATime_equalsWholeFeeding(String name, String sample) {
    byte[] input = utf8(sample);
    List<SseEvent> whole = parseWhole(input);

    List<SseEvent> single = new ArrayList<>();
    SseParser p = new SseParser(single::add);
    for (int i = 0; i < input.length; i++) {
      p.feed(input, i, 1);
    }
    p.finish();

    assertThat(seen(single)).isEqualTo(seen(whole));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void randomChunks_equalWholeFeeding_andRawBytesConcatenateToInput(String name, String sample) {
    byte[] input = utf8(sample);
    List<Seen> whole = seen(parseWhole(input));
    Random random = new Random(name.hashCode());
    for (int round = 0; round < 50; round++) {
      List<SseEvent> events = new ArrayList<>();
      SseParser p = new SseParser(events::add);
      int i = 0;
      while (i < input.length) {
        int n = Math.min(input.length - i, 1 + random.nextInt(40));
        p.feed(input, i, n);
        i += n;
      }
      p.finish();
      assertThat(seen(events)).isEqualTo(whole);
      assertThat(concatRaw(events)).isEqualTo(input);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void lineEndings_doNotChangeTheEvents(String name, String sample) {
    String lf = sample.replace("\r\n", "\n").replace('\r', '\n');
    List<SseEvent> reference = parseWhole(utf8(lf));
    List<SseEvent> events = parseWhole(utf8(sample));
    assertThat(events).hasSameSizeAs(reference);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).data()).isEqualTo(reference.get(i).data());
      assertThat(events.get(i).event()).isEqualTo(reference.get(i).event());
    }
  }

  @Test
  void openAiSample_yieldsOneEventPerDataLine() {
    List<SseEvent> events = parseWhole(utf8(SampleStreams.OPENAI));
    assertThat(events).hasSize(5);
    assertThat(events.get(1).data()).contains("Héllo 👋 世界");
    assertThat(events.get(4).data()).isEqualTo("[DONE]");
    assertThat(events.get(4).dataEquals("[DONE]")).isTrue();
    assertThat(events).allMatch(e -> e.event() == null);
  }

  @Test
  void fields_areParsedPerTheFormat() {
    List<SseEvent> events = parseWhole(utf8(SampleStreams.FIELDS));
    assertThat(events).hasSize(3);

    SseEvent first = events.get(0);
    assertThat(first.event()).isEqualTo("message");
    assertThat(first.id()).isEqualTo("7");
    assertThat(first.retryMillis()).isEqualTo(3000);
    assertThat(first.data()).isEqualTo("{\"a\":\n1}");

    SseEvent comment = events.get(1);
    assertThat(comment.hasData()).isFalse();
    assertThat(comment.data()).isNull();
    assertThat(new String(comment.raw(), StandardCharsets.UTF_8)).isEqualTo(":comment only\n\n");

    // The blank lines before it belong to the last event, which ends without a blank line:
    // "data:" without a space keeps its value whole, and a bare "data" adds an empty line.
    SseEvent last = events.get(2);
    assertThat(new String(last.raw(), StandardCharsets.UTF_8)).startsWith("\n\nevent: error\n");
    assertThat(last.event()).isEqualTo("error");
    assertThat(last.data())
        .isEqualTo("{\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n");
  }

  @Test
  void multiByteCharacter_splitAcrossChunks_isKeptWhole() {
    byte[] input = utf8("data: 👋é\n\n");
    for (int cut = 1; cut < input.length; cut++) {
      List<SseEvent> events = new ArrayList<>();
      SseParser p = new SseParser(events::add);
      p.feed(input, 0, cut);
      p.feed(input, cut, input.length - cut);
      assertThat(events).singleElement().extracting(SseEvent::data).isEqualTo("👋é");
    }
  }

  @Test
  void crLfSplitBetweenChunks_isOneLineEnding() {
    List<SseEvent> events = new ArrayList<>();
    SseParser p = new SseParser(events::add);
    feed(p, "data: a\r");
    feed(p, "\n\r");
    assertThat(events).isEmpty(); // the blank line's '\r' may still be followed by '\n'
    feed(p, "\ndata: b\r\n\r\n");
    assertThat(events).extracting(SseEvent::data).containsExactly("a", "b");
    assertThat(new String(events.get(0).raw(), StandardCharsets.UTF_8))
        .isEqualTo("data: a\r\n\r\n");
  }

  @Test
  void lfTerminatedEvent_isDispatchedWithoutWaiting() {
    List<SseEvent> events = new ArrayList<>();
    SseParser p = new SseParser(events::add);
    byte[] chunk = utf8("data: x\n\n");
    p.feed(chunk, 0, chunk.length);
    assertThat(events).hasSize(1);
  }

  @Test
  void bareCrStream_dispatchesOnNextByteOrFinish() {
    List<SseEvent> events = new ArrayList<>();
    SseParser p = new SseParser(events::add);
    byte[] chunk = utf8("data: x\r\rdata: y\r\r");
    p.feed(chunk, 0, chunk.length);
    assertThat(events).extracting(SseEvent::data).containsExactly("x");
    p.finish();
    assertThat(events).extracting(SseEvent::data).containsExactly("x", "y");
  }

  @Test
  void finish_dispatchesAnEventNotFollowedByABlankLine() {
    List<SseEvent> events = new ArrayList<>();
    SseParser p = new SseParser(events::add);
    byte[] chunk = utf8("data: {\"partial\":true}");
    p.feed(chunk, 0, chunk.length);
    assertThat(events).isEmpty();
    p.finish();
    assertThat(events).singleElement().extracting(SseEvent::data)
        .isEqualTo("{\"partial\":true}");
  }

  @Test
  void finish_reportsTrailingBlankLinesAsAnEventWithoutData() {
    List<SseEvent> events = parseWhole(utf8("data: a\n\n\n\n"));
    assertThat(events).hasSize(2);
    assertThat(events.get(1).hasData()).isFalse();
    assertThat(events.get(1).raw()).isEqualTo(utf8("\n\n"));
  }

  @Test
  void emptyDataLine_givesEmptyData_notNoData() {
    List<SseEvent> events = parseWhole(utf8("data:\n\n"));
    assertThat(events).singleElement().extracting(SseEvent::data).isEqualTo("");
  }

  @Test
  void byteOrderMark_atTheStart_isIgnoredButKeptInRaw() {
    byte[] input = utf8("\uFEFFdata: x\n\n");
    List<SseEvent> events = parseWhole(input);
    assertThat(events).singleElement().extracting(SseEvent::data).isEqualTo("x");
    assertThat(events.get(0).raw()).isEqualTo(input);
  }

  @Test
  void retryThatIsNotDigits_isIgnored_andIdWithNulIsIgnored() {
    List<SseEvent> events = parseWhole(utf8("retry: 10s\nid: a\0b\ndata: x\n\n"));
    assertThat(events.get(0).retryMillis()).isEqualTo(-1);
    assertThat(events.get(0).id()).isNull();
  }

  @Test
  void oversizeEvent_fails_andTheParserStaysFailed() {
    List<SseEvent> events = new ArrayList<>();
    SseParser p = new SseParser(64, events::add);
    byte[] ok = utf8("data: small\n\n");
    p.feed(ok, 0, ok.length);
    byte[] big = utf8("data: " + "x".repeat(100));
    assertThatThrownBy(() -> p.feed(big, 0, big.length))
        .isInstanceOf(SseException.class).hasMessageContaining("64");
    assertThat(events).hasSize(1);
    assertThatThrownBy(() -> p.feed(ok, 0, ok.length)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void limitCountsOneEvent_notTheWholeStream() {
    List<SseEvent> events = new ArrayList<>();
    SseParser p = new SseParser(64, events::add);
    byte[] event = utf8("data: " + "x".repeat(40) + "\n\n");
    for (int i = 0; i < 100; i++) {
      p.feed(event, 0, event.length);
    }
    assertThat(events).hasSize(100);
  }

  @Test
  void bigEvent_belowTheDefaultLimit_isParsed() {
    String payload = "y".repeat(3 * 1024 * 1024);
    List<SseEvent> events = parseWhole(utf8("data: " + payload + "\n\ndata: next\n\n"));
    assertThat(events).extracting(SseEvent::data).containsExactly(payload, "next");
  }

  @Test
  void feedAfterFinish_isAnError() {
    SseParser p = new SseParser(e -> { });
    p.finish();
    assertThatThrownBy(() -> p.feed(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void byteBufferFeeding_matchesArrayFeeding(boolean direct) {
    byte[] input = utf8(SampleStreams.OPENROUTER_TOOLS);
    List<SseEvent> events = new ArrayList<>();
    SseParser p = new SseParser(events::add);
    for (int i = 0; i < input.length; i += 7) {
      int n = Math.min(7, input.length - i);
      ByteBuffer b = direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n + 4);
      if (!direct) {
        b.position(2); // exercise the array offset
        b = b.slice();
      }
      b.put(input, i, n).flip();
      p.feed(b);
      assertThat(b.hasRemaining()).isFalse();
    }
    p.finish();
    assertThat(seen(events)).isEqualTo(seen(parseWhole(input)));
  }

  @Test
  void feed_respectsOffsetAndLength() {
    byte[] padded = utf8("XXXXdata: a\n\nYYYY");
    List<SseEvent> events = new ArrayList<>();
    new SseParser(events::add).feed(padded, 4, padded.length - 8);
    assertThat(events).singleElement().extracting(SseEvent::data).isEqualTo("a");
  }

  @Test
  void eventToString_showsSizesNotContent() {
    SseEvent e = SseEvent.ofData("secret prompt text");
    assertThat(e.toString()).doesNotContain("secret").contains("18 bytes");
  }

  private static void feed(SseParser p, String text) {
    byte[] b = utf8(text);
    p.feed(b, 0, b.length);
  }

  private static byte[] concatRaw(List<SseEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (SseEvent e : events) {
      out.writeBytes(e.raw());
    }
    return out.toByteArray();
  }

  @Test
  void samplesAreNonTrivial() {
    Map<String, String> all = SampleStreams.all();
    assertThat(all.values()).allMatch(s -> parseWhole(utf8(s)).size() >= 3);
    assertThat(Arrays.asList(all.keySet().toArray())).hasSize(5);
  }
}
