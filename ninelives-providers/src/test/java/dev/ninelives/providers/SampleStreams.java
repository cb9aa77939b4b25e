package dev.ninelives.providers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Event streams as real OpenAI-family servers send them (shapes from the OpenAI spec, Azure,
 * vLLM, Ollama, OpenRouter and llama.cpp traffic), shared by the SSE and inspector tests.
 */
public final class SampleStreams {
  private SampleStreams() {}

  /** OpenAI with {@code include_usage}: role chunk, text (multi-byte), finish, usage, DONE. */
  public static final String OPENAI = ""
      + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
      + "\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],"
      + "\"usage\":null,\"obfuscation\":\"x9\"}\n\n"
      + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Héllo 👋 "
      + "世界\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
      + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
      + "\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
      + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"gpt-4.1\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,"
      + "\"completion_tokens\":4,\"total_tokens\":13,\"prompt_tokens_details\":"
      + "{\"cached_tokens\":0}}}\n\n"
      + "data: [DONE]\n\n";

  /** Azure: an early {@code choices: []} chunk with only prompt filter results. */
  public static final String AZURE = ""
      + "data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
      + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":"
      + "{\"filtered\":false,\"severity\":\"safe\"}}}]}\r\n\r\n"
      + "data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\"\","
      + "\"role\":\"assistant\"},\"finish_reason\":null,\"index\":0}],\"created\":1,"
      + "\"id\":\"chatcmpl-a\",\"model\":\"gpt-4o\",\"object\":\"chat.completion.chunk\"}\r\n\r\n"
      + "data: {\"choices\":[{\"content_filter_results\":{\"hate\":{\"filtered\":false,"
      + "\"severity\":\"safe\"}},\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null,"
      + "\"index\":0}],\"created\":1,\"id\":\"chatcmpl-a\",\"model\":\"gpt-4o\","
      + "\"object\":\"chat.completion.chunk\"}\r\n\r\n"
      + "data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{},\"finish_reason\":"
      + "\"stop\",\"index\":0}],\"created\":1,\"id\":\"chatcmpl-a\",\"model\":\"gpt-4o\","
      + "\"object\":\"chat.completion.chunk\"}\r\n\r\n"
      + "data: [DONE]\r\n\r\n";

  /** vLLM: content, then an error object in a data line, then [DONE]. */
  public static final String VLLM_ERROR = ""
      + "data: {\"id\":\"chatcmpl-v\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"llama\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
      + "\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
      + "data: {\"id\":\"chatcmpl-v\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"llama\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The\"},"
      + "\"logprobs\":null,\"finish_reason\":null,\"stop_reason\":null}]}\n\n"
      + "data: {\"error\":{\"object\":\"error\",\"message\":\"engine dead: CUDA error\","
      + "\"type\":\"InternalServerError\",\"param\":null,\"code\":500}}\n\n"
      + "data: [DONE]\n\n";

  /** OpenRouter: keep-alive comments, a tool call in pieces, finish, usage on the last chunk. */
  public static final String OPENROUTER_TOOLS = ""
      + ": OPENROUTER PROCESSING\n\n"
      + ": OPENROUTER PROCESSING\n\n"
      + "data: {\"id\":\"gen-1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
      + "\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
      + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}"
      + "\n\n"
      + "data: {\"id\":\"gen-1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
      + "\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}"
      + "\n\n"
      + "data: {\"id\":\"gen-1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
      + "\"tool_calls\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":7,"
      + "\"total_tokens\":27}}\n\n"
      + "data: [DONE]\n\n";

  /** Named events, ids, retry, multi-line data and a final event without a blank line. */
  public static final String FIELDS = ""
      + "retry: 3000\n"
      + "id: 7\n"
      + "event: message\n"
      + "data: {\"a\":\n"
      + "data: 1}\n\n"
      + ":comment only\n\n"
      + "\n\n"
      + "event: error\n"
      + "data:{\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n"
      + "unknown: field\n"
      + "data";

  /** All samples by name. */
  public static Map<String, String> all() {
    return Map.of("openai", OPENAI, "azure", AZURE, "vllm-error", VLLM_ERROR,
        "openrouter-tools", OPENROUTER_TOOLS, "fields", FIELDS);
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Parses {@code input} in one feed and finishes. */
  public static List<SseEvent> parseWhole(byte[] input) {
    List<SseEvent> events = new ArrayList<>();
    SseParser p = new SseParser(events::add);
    p.feed(input, 0, input.length);
    p.finish();
    return events;
  }
}
