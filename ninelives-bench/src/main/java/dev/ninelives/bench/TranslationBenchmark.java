package dev.ninelives.bench;

import dev.ninelives.core.model.ChatRequest;
import dev.ninelives.providers.BodyRewriter;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.SseEvent;
import dev.ninelives.providers.anthropic.AnthropicRequestDecoder;
import dev.ninelives.providers.anthropic.AnthropicRequestEncoder;
import dev.ninelives.providers.anthropic.AnthropicStreamDecoder;
import dev.ninelives.providers.anthropic.AnthropicStreamEncoder;
import dev.ninelives.providers.codec.TranslationException;
import dev.ninelives.providers.gemini.GeminiRequestEncoder;
import dev.ninelives.providers.gemini.GeminiStreamDecoder;
import dev.ninelives.providers.openai.OpenAiRequestDecoder;
import dev.ninelives.providers.openai.OpenAiRequestEncoder;
import dev.ninelives.providers.openai.OpenAiRequestScanner;
import dev.ninelives.providers.openai.OpenAiStreamDecoder;
import dev.ninelives.providers.openai.OpenAiStreamEncoder;
import dev.ninelives.providers.openai.OpenAiStreamInspector;
import dev.ninelives.core.model.StreamEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What translation costs: per request (decode the client's body, encode it for the target) and
 * per stream event (decode the provider's event, encode it for the client), next to the
 * same-format fast path that only scans the body and rewrites the model, and only inspects each
 * event. Run: {@code java -jar ninelives-bench/target/benchmarks.jar Translation}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranslationBenchmark {

  /** A typical agent turn: system prompt, history with a tool call and its result, one tool. */
  static final String OPENAI_REQUEST = "{\"model\":\"chat\",\"stream\":true,"
      + "\"stream_options\":{\"include_usage\":true},\"max_completion_tokens\":512,"
      + "\"temperature\":0.3,\"messages\":["
      + "{\"role\":\"system\",\"content\":\"You are a concise assistant for a claims team.\"},"
      + "{\"role\":\"user\",\"content\":\"What is the status of claim 4711?\"},"
      + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
      + "\"type\":\"function\",\"function\":{\"name\":\"claim_status\","
      + "\"arguments\":\"{\\\"claim\\\":\\\"4711\\\"}\"}}]},"
      + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"approved, paid 2026-11-20\"},"
      + "{\"role\":\"user\",\"content\":\"Summarise that for the customer in two sentences.\"}],"
      + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"claim_status\","
      + "\"description\":\"Looks up a claim\",\"parameters\":{\"type\":\"object\","
      + "\"properties\":{\"claim\":{\"type\":\"string\"}},\"required\":[\"claim\"]}}}]}";

  static final String ANTHROPIC_REQUEST = "{\"model\":\"chat\",\"stream\":true,"
      + "\"max_tokens\":512,\"temperature\":0.3,"
      + "\"system\":\"You are a concise assistant for a claims team.\",\"messages\":["
      + "{\"role\":\"user\",\"content\":\"What is the status of claim 4711?\"},"
      + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\","
      + "\"name\":\"claim_status\",\"input\":{\"claim\":\"4711\"}}]},"
      + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
      + "\"content\":\"approved, paid 2026-11-20\"},{\"type\":\"text\","
      + "\"text\":\"Summarise that for the customer in two sentences.\"}]}],"
      + "\"tools\":[{\"name\":\"claim_status\",\"description\":\"Looks up a claim\","
      + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"claim\":{\"type\":\"string\"}},"
      + "\"required\":[\"claim\"]}}]}";

  static final String OPENAI_CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":"
      + "\"chat.completion.chunk\",\"created\":1764000000,\"model\":\"gpt-4.1\",\"choices\":"
      + "[{\"index\":0,\"delta\":{\"content\":\" claim\"},\"logprobs\":null,"
      + "\"finish_reason\":null}],\"usage\":null}\n\n";

  static final String ANTHROPIC_DELTA = "event: content_block_delta\ndata: {\"type\":"
      + "\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
      + "\"text\":\" claim\"}}\n\n";

  static final String GEMINI_CHUNK = "data: {\"candidates\":[{\"content\":{\"role\":\"model\","
      + "\"parts\":[{\"text\":\" claim\"}]},\"index\":0}],\"modelVersion\":\"gemini-2.5-pro\","
      + "\"responseId\":\"r1\"}\r\n\r\n";

  private byte[] openAiRequest;
  private byte[] anthropicRequest;
  private ChatRequest canonicalFromOpenAi;
  private final OpenAiRequestDecoder openAiDecoder = new OpenAiRequestDecoder();
  private final AnthropicRequestDecoder anthropicDecoder = new AnthropicRequestDecoder();
  private final AnthropicRequestEncoder anthropicEncoder = new AnthropicRequestEncoder();
  private final OpenAiRequestEncoder openAiEncoder = new OpenAiRequestEncoder();
  private final GeminiRequestEncoder geminiEncoder = new GeminiRequestEncoder();

  private SseEvent openAiChunk;
  private SseEvent anthropicDelta;
  private SseEvent geminiChunk;
  private OpenAiStreamInspector passthroughInspector;
  private AnthropicStreamDecoder anthropicStream;
  private OpenAiStreamEncoder openAiClientStream;
  private OpenAiStreamDecoder openAiStream;
  private AnthropicStreamEncoder anthropicClientStream;
  private GeminiStreamDecoder geminiStream;
  private OpenAiStreamEncoder openAiClientStreamForGemini;
  private final List<StreamEvent> events = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

  /** One event as it arrives from the socket, and a whole 20-content-event stream. */
  private byte[] openAiChunkBytes;
  private byte[] openAiStreamBytes;
  private dev.ninelives.providers.SseParser parser;
  private dev.ninelives.providers.SseParser relayParser;
  private OpenAiStreamInspector relayInspector;
  private int parsed;

  @Setup
  public void setUp() throws TranslationException {
    openAiRequest = OPENAI_REQUEST.getBytes(StandardCharsets.UTF_8);
    anthropicRequest = ANTHROPIC_REQUEST.getBytes(StandardCharsets.UTF_8);
    canonicalFromOpenAi = openAiDecoder.decode(openAiRequest);
    openAiChunk = event(OPENAI_CHUNK);
    anthropicDelta = event(ANTHROPIC_DELTA);
    geminiChunk = event(GEMINI_CHUNK);
    passthroughInspector = new OpenAiStreamInspector();

    // Each stream is past its opening frames, so the measured event is a steady-state delta.
    anthropicStream = new AnthropicStreamDecoder();
    openAiClientStream = new OpenAiStreamEncoder(true, Clock.systemUTC());
    feed(anthropicStream, openAiClientStream, "event: message_start\ndata: {\"type\":"
        + "\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":"
        + "\"assistant\",\"model\":\"claude\",\"content\":[],\"stop_reason\":null,"
        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n");
    feed(anthropicStream, openAiClientStream, "event: content_block_start\ndata: {\"type\":"
        + "\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
        + "\"text\":\"\"}}\n\n");
    feed(anthropicStream, openAiClientStream, ANTHROPIC_DELTA);

    openAiStream = new OpenAiStreamDecoder();
    anthropicClientStream = new AnthropicStreamEncoder();
    feed(openAiStream, anthropicClientStream, OPENAI_CHUNK);

    openAiChunkBytes = OPENAI_CHUNK.getBytes(StandardCharsets.UTF_8);
    StringBuilder stream = new StringBuilder(OPENAI_CHUNK.replace("\" claim\"", "\"\""));
    for (int i = 0; i < 20; i++) {
      stream.append(OPENAI_CHUNK);
    }
    stream.append("data: [DONE]\n\n");
    openAiStreamBytes = stream.toString().getBytes(StandardCharsets.UTF_8);
    parser = new dev.ninelives.providers.SseParser(e -> parsed++);
    relayParser = new dev.ninelives.providers.SseParser(e -> {
      relayInspector.inspect(e);
      out.writeBytes(e.raw());
    });

    geminiStream = new GeminiStreamDecoder("gemini-2.5-pro");
    openAiClientStreamForGemini = new OpenAiStreamEncoder(true, Clock.systemUTC());
    feed(geminiStream, openAiClientStreamForGemini, GEMINI_CHUNK);
  }

  private static SseEvent event(String raw) {
    List<SseEvent> parsed = new ArrayList<>();
    dev.ninelives.providers.SseParser p = new dev.ninelives.providers.SseParser(parsed::add);
    byte[] b = raw.getBytes(StandardCharsets.UTF_8);
    p.feed(b, 0, b.length);
    return parsed.get(0);
  }

  private void feed(dev.ninelives.providers.codec.StreamDecoder d,
      dev.ninelives.providers.codec.StreamEncoder e, String raw) {
    events.clear();
    d.decode(event(raw), events::add);
    out.reset();
    for (StreamEvent ev : events) {
      e.encode(ev, out);
    }
  }

  /** Same-format fast path: scan the body and rewrite the model. */
  @Benchmark
  public byte[] requestPassthroughOpenAi() {
    ScannedRequest scan = (ScannedRequest) OpenAiRequestScanner.scan(openAiRequest);
    return BodyRewriter.withModel(openAiRequest, scan, "gpt-4.1");
  }

  @Benchmark
  public byte[] requestOpenAiToAnthropic() throws TranslationException {
    return anthropicEncoder.encode(openAiDecoder.decode(openAiRequest), "claude-sonnet-4-5");
  }

  @Benchmark
  public byte[] requestOpenAiToGemini() throws TranslationException {
    return geminiEncoder.encode(openAiDecoder.decode(openAiRequest), "gemini-2.5-pro");
  }

  @Benchmark
  public byte[] requestAnthropicToOpenAi() throws TranslationException {
    return openAiEncoder.encode(anthropicDecoder.decode(anthropicRequest), "gpt-4.1");
  }

  /** Only the encoding half, to see what decoding costs by difference. */
  @Benchmark
  public byte[] requestEncodeAnthropicOnly() throws TranslationException {
    return anthropicEncoder.encode(canonicalFromOpenAi, "claude-sonnet-4-5");
  }

  /** Splitting the byte stream into events: one event, as one socket read delivers it. */
  @Benchmark
  public int eventParse() {
    parser.feed(openAiChunkBytes, 0, openAiChunkBytes.length);
    return parsed;
  }

  /**
   * The relay's same-format work for a whole stream of 20 content events: parse, inspect each
   * event, copy its bytes out. Divide by 22 events for the cost per event.
   */
  @Benchmark
  public int streamOf20PassthroughOpenAi() {
    relayInspector = new OpenAiStreamInspector();
    out.reset();
    relayParser.feed(openAiStreamBytes, 0, openAiStreamBytes.length);
    return out.size();
  }

  /** Same-format fast path per event: inspect it, forward its bytes unchanged. */
  @Benchmark
  public Object eventPassthroughOpenAi() {
    return passthroughInspector.inspect(openAiChunk);
  }

  @Benchmark
  public int eventAnthropicToOpenAi() {
    events.clear();
    anthropicStream.decode(anthropicDelta, events::add);
    out.reset();
    for (StreamEvent e : events) {
      openAiClientStream.encode(e, out);
    }
    return out.size();
  }

  @Benchmark
  public int eventOpenAiToAnthropic() {
    events.clear();
    openAiStream.decode(openAiChunk, events::add);
    out.reset();
    for (StreamEvent e : events) {
      anthropicClientStream.encode(e, out);
    }
    return out.size();
  }

  @Benchmark
  public int eventGeminiToOpenAi() {
    events.clear();
    geminiStream.decode(geminiChunk, events::add);
    out.reset();
    for (StreamEvent e : events) {
      openAiClientStreamForGemini.encode(e, out);
    }
    return out.size();
  }
}
