package dev.ninelives.bench;

import dev.ninelives.core.config.GatewayConfig;
import dev.ninelives.core.config.ModelRoute;
import dev.ninelives.core.health.HealthListener;
import dev.ninelives.core.policy.Attempt;
import dev.ninelives.core.policy.AttemptResult;
import dev.ninelives.core.policy.PolicyEngine;
import dev.ninelives.core.policy.RequestExecution;
import dev.ninelives.core.policy.Step;
import dev.ninelives.core.time.ManualClock;
import dev.ninelives.providers.ScannedRequest;
import dev.ninelives.providers.UpstreamRequest;
import dev.ninelives.providers.codec.TranslationException;
import dev.ninelives.server.formats.Formats;
import dev.ninelives.server.protocol.ClientSide;
import dev.ninelives.server.protocol.FormatBridge;
import dev.ninelives.server.protocol.Inbound;
import dev.ninelives.server.protocol.ProviderSide;
import java.nio.charset.StandardCharsets;
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
 * One whole non-streaming request through the gateway's own code, without the network: scan
 * the client's body, route the model, start the policy, prepare the upstream request (rewrite
 * the model, or translate), check the answer and hand it back in the client's format, record
 * the attempt. The load benchmark's CPU per request minus this is what the HTTP stack, the
 * sockets and the observability listeners cost. Run:
 * {@code java -jar ninelives-bench/target/benchmarks.jar RequestPath}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestPathBenchmark {
  private static final String CONFIG = "providers:\n"
      + "  primary: { type: openai-compatible, base_url: 'http://127.0.0.1:1/v1', api_key: k1 }\n"
      + "  claude: { type: anthropic, base_url: 'http://127.0.0.1:2', api_key: k2 }\n"
      + "models:\n"
      + "  chat: { targets: [primary/gpt-4.1, claude/claude-sonnet-4-5] }\n"
      + "  claude-first: { targets: [claude/claude-sonnet-4-5, primary/gpt-4.1] }\n";

  /** The body the load benchmark sends. */
  static final byte[] REQUEST = ("{\"model\":\"chat\",\"messages\":[{\"role\":\"system\","
      + "\"content\":\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":"
      + "\"Say hello in one short sentence.\"}],\"max_tokens\":64}")
      .getBytes(StandardCharsets.UTF_8);
  static final byte[] REQUEST_TO_CLAUDE = new String(REQUEST, StandardCharsets.UTF_8)
      .replace("\"chat\"", "\"claude-first\"").getBytes(StandardCharsets.UTF_8);

  /** The mock upstream's answer. */
  static final byte[] OPENAI_ANSWER = ("{\"id\":\"chatcmpl-mock\",\"object\":\"chat.completion\","
      + "\"created\":1700000000,\"model\":\"mock\",\"system_fingerprint\":\"fp_mock\","
      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello! "
      + "This is a canned reply from the mock upstream. It is long enough to look like a short "
      + "real answer, about forty tokens of text in total.\"},\"logprobs\":null,"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":40,"
      + "\"total_tokens\":52}}").getBytes(StandardCharsets.UTF_8);
  static final byte[] ANTHROPIC_ANSWER = ("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":"
      + "\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":"
      + "\"Hello! This is a canned reply from the mock upstream. It is long enough to look like "
      + "a short real answer, about forty tokens of text in total.\"}],\"stop_reason\":"
      + "\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":"
      + "40}}").getBytes(StandardCharsets.UTF_8);

  private PolicyEngine engine;
  private ClientSide openAiClients;
  private ProviderSide primary;
  private ProviderSide claude;

  @Setup
  public void setUp() {
    GatewayConfig c = PolicyBenchmark.config(CONFIG);
    engine = new PolicyEngine(c, new ManualClock(), HealthListener.NONE, () -> 0.5);
    openAiClients = Formats.openAiClients(java.time.Clock.systemUTC());
    primary = Formats.provider(c.providers().get("primary"));
    claude = Formats.provider(c.providers().get("claude"));
  }

  private Object request(byte[] body, ProviderSide provider, byte[] answer)
      throws TranslationException {
    ScannedRequest scan = (ScannedRequest) openAiClients.scanner().apply(body);
    ModelRoute route = engine.route(scan.model()).orElseThrow();
    RequestExecution e = engine.begin(route, scan.stream());
    Attempt a = ((Step.Go) e.next()).attempt();
    Inbound in = new Inbound(body, scan, route, openAiClients);
    FormatBridge bridge = FormatBridge.between(openAiClients, provider);
    UpstreamRequest up = bridge.prepare(a, in);
    FormatBridge.Answered out = bridge.answer(in, a.target().ref().model(), answer);
    e.commit(a);
    e.record(a, AttemptResult.success(200, -1, 1_000_000L));
    return up.body().length + out.body().length + e.next().hashCode();
  }

  /** Same format (OpenAI client, OpenAI-compatible target): the load benchmark's path. */
  @Benchmark
  public Object passthrough() throws TranslationException {
    return request(REQUEST, primary, OPENAI_ANSWER);
  }

  /** OpenAI client, Anthropic target: decode, encode, and translate the answer back. */
  @Benchmark
  public Object translatedToAnthropic() throws TranslationException {
    return request(REQUEST_TO_CLAUDE, claude, ANTHROPIC_ANSWER);
  }
}
