package dev.ninelives.tracing;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute and event names the gateway's spans use: OpenTelemetry's GenAI, HTTP, server
 * and error conventions where one fits, {@code ninelives.*} for what only a gateway knows.
 * Written out here rather than taken from the semantic-conventions artifact, whose GenAI part is
 * still incubating and renamed between releases; docs/tracing.md lists them all.
 */
final class SemConv {
  private SemConv() {
  }

  static final String OPERATION_CHAT = "chat";

  static final AttributeKey<String> GEN_AI_OPERATION_NAME = stringKey("gen_ai.operation.name");
  static final AttributeKey<String> GEN_AI_PROVIDER_NAME = stringKey("gen_ai.provider.name");
  /** The name {@code gen_ai.provider.name} had before; many backends still read only this. */
  static final AttributeKey<String> GEN_AI_SYSTEM = stringKey("gen_ai.system");
  static final AttributeKey<String> GEN_AI_REQUEST_MODEL = stringKey("gen_ai.request.model");
  static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = stringKey("gen_ai.response.model");
  static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS =
      stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS =
      longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS =
      longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = stringKey("gen_ai.input.messages");
  static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
  static final AttributeKey<String> GEN_AI_SYSTEM_INSTRUCTIONS =
      stringKey("gen_ai.system_instructions");
  /** The opt-in event that carries prompts and answers. */
  static final String EVENT_INFERENCE_DETAILS = "gen_ai.client.inference.operation.details";

  static final AttributeKey<String> HTTP_REQUEST_METHOD = stringKey("http.request.method");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE =
      longKey("http.response.status_code");
  static final AttributeKey<String> URL_PATH = stringKey("url.path");
  static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
  static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  static final AttributeKey<String> SERVICE_NAME = stringKey("service.name");

  static final AttributeKey<String> ROUTE = stringKey("ninelives.route");
  static final AttributeKey<String> CLIENT = stringKey("ninelives.client");
  static final AttributeKey<Boolean> STREAM = booleanKey("ninelives.stream");
  static final AttributeKey<String> OUTCOME = stringKey("ninelives.outcome");
  static final AttributeKey<Long> ATTEMPTS = longKey("ninelives.attempts");
  static final AttributeKey<String> TARGET = stringKey("ninelives.target");
  static final AttributeKey<Boolean> FAILED_OVER = booleanKey("ninelives.failed_over");
  static final AttributeKey<Double> TTFT_MS = doubleKey("ninelives.ttft_ms");
  static final AttributeKey<Double> OVERHEAD_MS = doubleKey("ninelives.overhead_ms");
  static final AttributeKey<String> PROVIDER = stringKey("ninelives.provider");
  static final AttributeKey<Long> ATTEMPT = longKey("ninelives.attempt");
  static final AttributeKey<Long> RETRY = longKey("ninelives.retry");
  static final AttributeKey<Boolean> FORCED = booleanKey("ninelives.forced");
  static final AttributeKey<String> KEY = stringKey("ninelives.key");
  static final AttributeKey<String> REASON = stringKey("ninelives.reason");

  static final String EVENT_FAILOVER = "ninelives.failover";
  static final AttributeKey<String> FAILOVER_FROM = stringKey("ninelives.failover.from");
  static final AttributeKey<String> FAILOVER_TO = stringKey("ninelives.failover.to");
  static final AttributeKey<String> FAILOVER_REASON = stringKey("ninelives.failover.reason");
  /** A target passed over without a call: breaker open, provider quarantined, unsupported. */
  static final String EVENT_SKIPPED = "ninelives.target_skipped";
}
