package dev.ninelives.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ninelives.core.config.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // OpenAI's 401 echoes a masked key.
      "Incorrect API key provided: sk-ab***yz. You can find your API key at https://platform.openai.com/account/api-keys."
          + "|sk-ab***yz",
      "Incorrect API key provided: sk-proj-********************************************Ab1x."
          + "|sk-proj-********************************************Ab1x",
      // Full keys of several providers.
      "invalid key sk-ant-api03-AAAAbbbbCCCCdddd1234|sk-ant-api03-AAAAbbbbCCCCdddd1234",
      "API key not valid: AIzaSyA1234567890abcdefghijklmnopqrs|AIzaSyA1234567890abcdefghijklmnopqrs",
      "bad token gsk_abcdefABCDEF1234567890xyz|gsk_abcdefABCDEF1234567890xyz",
      "hf_AbCdEfGhIjKlMnOpQrStUv12 rejected|hf_AbCdEfGhIjKlMnOpQrStUv12",
      // Bearer tokens, including JWTs with dots.
      "header was Authorization: Bearer abc.def-ghi_jkl|abc.def-ghi_jkl",
      "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl expired"
          + "|eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
      // A key-like token somewhere after the word key.
      "api_key=Zq8Xw2Lp9Rt4Mn7V provided is wrong|Zq8Xw2Lp9Rt4Mn7V",
      "The key provided, 0123456789abcdefABCD, was revoked|0123456789abcdefABCD",
      // DeepSeek-style masking.
      "Authentication Fails, Your api key: ****abcd is invalid|****abcd",
      // A bare 32-hex Azure key anywhere.
      "subscription 0f1e2d3c4b5a69788796a5b4c3d2e1f0 denied|0f1e2d3c4b5a69788796a5b4c3d2e1f0"})
  void keyShapedTokens_areRedacted(String text, String secret) {
    String scrubbed = Redactor.scrub(text);
    assertThat(scrubbed).doesNotContain(secret).contains(Redactor.REDACTED);
  }

  @Test
  void openAiMasked401_keepsTheRestOfTheSentence() {
    assertThat(Redactor.scrub("Incorrect API key provided: sk-ab***yz. You can find your API "
        + "key at https://platform.openai.com/account/api-keys."))
        .isEqualTo("Incorrect API key provided: [redacted]. You can find your API key at "
            + "https://platform.openai.com/account/api-keys.");
  }

  @Test
  void knownSecrets_areRemovedVerbatim_whateverTheirShape() {
    Secret key = Secret.of("local-vllm-token");
    Secret header = Secret.of("p@ss w0rd!");
    String text = "rejected local-vllm-token and p@ss w0rd! twice: local-vllm-token";
    assertThat(Redactor.scrub(text, List.of(key, header)))
        .isEqualTo("rejected [redacted] and [redacted] twice: [redacted]");
  }

  @Test
  void veryShortKnownSecrets_areNotSearched() {
    assertThat(Redactor.scrub("the model is busy", List.of(Secret.of("is")))).isEqualTo(
        "the model is busy");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Rate limit reached for gpt-4.1 in organization org-abc on tokens per min (TPM): Limit 30000",
      "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
      "The model `llama-3.1-8b-instruct` does not exist.",
      "request 123e4567-e89b-12d3-a456-426614174000 failed; see req_0123456789abcdef0123456789abcdef",
      "You can find your API key at https://platform.openai.com/account/api-keys.",
      "The API deployment for this resource does not exist.",
      "Please check your API key and authentication configuration and keep retrying"})
  void ordinaryMessages_areLeftAlone(String text) {
    assertThat(Redactor.scrub(text)).isEqualTo(text);
  }

  @Test
  void nullAndEmpty_passThrough() {
    assertThat(Redactor.scrub(null)).isNull();
    assertThat(Redactor.scrub("")).isEmpty();
  }

  @Test
  void summarize_collapsesWhitespace_andCuts() {
    assertThat(Redactor.summarize("a\n\n  b\tc  ", null, 200)).isEqualTo("a b c");
    String cut = Redactor.summarize("x".repeat(300), null, 200);
    assertThat(cut).hasSize(200).endsWith("…");
    assertThat(Redactor.summarize(null, null, 10)).isEmpty();
  }

  @Test
  void summarize_neverSplitsASurrogatePair() {
    String s = Redactor.summarize("abcd👋👋👋", null, 6);
    assertThat(s).isEqualTo("abcd…");
  }

  @Test
  void summarize_scrubsBeforeCutting() {
    String s = Redactor.summarize("k: sk-abcdefghijklmnopqrstuvwxyz0123456789", null, 20);
    assertThat(s).doesNotContain("sk-abc");
  }

  @Test
  void summarize_rejectsNonPositiveLimit() {
    assertThatThrownBy(() -> Redactor.summarize("x", null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
