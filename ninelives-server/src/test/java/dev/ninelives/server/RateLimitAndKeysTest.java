package dev.ninelives.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.HttpResponseFor;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.ninelives.core.config.ResilienceConfig;
import dev.ninelives.core.time.ManualClock;
import dev.ninelives.simulator.Fault;
import dev.ninelives.simulator.RecordedRequest;
import dev.ninelives.simulator.SimulatedProvider;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate limits, retry-after, and key pools that quarantine rejected keys. */
class RateLimitAndKeysTest {
  private SimulatedProvider primary;
  private SimulatedProvider secondary;
  private TestGateway gw;

  @AfterEach
  void stop() {
    if (gw != null) {
      gw.close();
    }
    if (primary != null) {
      primary.close();
    }
    if (secondary != null) {
      secondary.close();
    }
  }

  private static ChatCompletionCreateParams params() {
    return ChatCompletionCreateParams.builder().model("chat").addUserMessage("hi").build();
  }

  private static ResilienceConfig withTotal(Duration total) {
    ResilienceConfig r = TestGateway.Builder.fastResilience();
    var t = r.timeouts();
    return new ResilienceConfig(new ResilienceConfig.Timeouts(t.connect(),
        t.firstToken().compareTo(total) > 0 ? total : t.firstToken(), t.stall(),
        t.response().compareTo(total) > 0 ? total : t.response(), total),
        r.retries(), r.breaker(), r.quarantine());
  }

  @Test
  void rateLimitOnOnlyTarget_gatewayWaitsRetryAfterAndSucceeds() {
    primary = SimulatedProvider.builder("primary").start();
    gw = TestGateway.builder().resilience(withTotal(Duration.ofSeconds(5)))
        .provider(primary, "sk-1").route("chat", "primary/m").start();
    primary.enqueue(Fault.rateLimited(Duration.ofSeconds(1)));
    long start = System.nanoTime();
    HttpResponseFor<ChatCompletion> raw =
        gw.openAi().chat().completions().withRawResponse().create(params());
    raw.parse().validate();
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(tookMillis).as("waited for retry-after").isGreaterThanOrEqualTo(900);
    assertThat(raw.headers().values("x-ninelives-attempts")).containsExactly("2");
    assertThat(primary.requests()).isEqualTo(2);
  }

  @Test
  void rateLimitThatCannotFitTheDeadline_429IsPassedOnAtOnce() {
    primary = SimulatedProvider.builder("primary").start();
    gw = TestGateway.builder().resilience(withTotal(Duration.ofMillis(800)))
        .provider(primary, "sk-1").route("chat", "primary/m").start();
    primary.enqueue(Fault.rateLimited(Duration.ofSeconds(1)));
    long start = System.nanoTime();
    try {
      gw.openAi().chat().completions().create(params());
      throw new AssertionError("expected a 429");
    } catch (RateLimitException e) {
      assertThat(e.statusCode()).isEqualTo(429);
      assertThat(e.headers().values("retry-after")).containsExactly("1");
      assertThat(e.getMessage()).contains("Rate limit");
    }
    assertThat((System.nanoTime() - start) / 1_000_000).as("failed fast").isLessThan(500);
    assertThat(primary.requests()).isEqualTo(1);
  }

  @Test
  void rateLimitRotatesToTheNextKeyOfThePool() {
    primary = SimulatedProvider.builder("primary").start();
    gw = TestGateway.builder().provider(primary, "sk-1", "sk-2").route("chat", "primary/m")
        .start();
    primary.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
    gw.openAi().chat().completions().create(params()).validate();
    assertThat(primary.recorded().stream().map(RecordedRequest::key).collect(Collectors.toList()))
        .containsExactly("sk-1", "sk-2");
  }

  @Test
  void everyKeyRejected_providerQuarantined_nextProviderServes_probeReadmits() {
    ManualClock clock = new ManualClock();
    primary = SimulatedProvider.builder("primary").validKeys("sk-good").start();
    secondary = SimulatedProvider.builder("secondary").reply("Hello from secondary.").start();
    gw = TestGateway.builder().clock(clock)
        .provider(primary, "sk-dead-1", "sk-dead-2")
        .provider(secondary, "sk-s")
        .route("chat", "primary/m1", "secondary/m2").start();

    HttpResponseFor<ChatCompletion> first =
        gw.openAi().chat().completions().withRawResponse().create(params());
    assertThat(first.parse().choices().get(0).message().content())
        .hasValue("Hello from secondary.");
    assertThat(primary.recorded().stream().map(RecordedRequest::key))
        .containsExactlyInAnyOrder("sk-dead-1", "sk-dead-2");
    assertThat(gw.gateway().engine().registry().keyPool("primary").providerQuarantined())
        .isTrue();

    for (int i = 0; i < 20; i++) {
      gw.openAi().chat().completions().create(params()).validate();
    }
    assertThat(primary.requests()).as("no further calls to dead keys").isEqualTo(2);

    primary.setValidKeys("sk-dead-1", "sk-dead-2"); // the provider fixed its session store
    clock.advance(Duration.ofSeconds(60));
    HttpResponseFor<ChatCompletion> probe =
        gw.openAi().chat().completions().withRawResponse().create(params());
    assertThat(probe.headers().values("x-ninelives-target")).containsExactly("primary/m1");
    assertThat(gw.gateway().engine().registry().keyPool("primary").providerQuarantined())
        .isFalse();
  }

  @Test
  void insufficientQuotaQuarantinesTheKeyAndFailsOver() {
    primary = SimulatedProvider.builder("primary").start();
    secondary = SimulatedProvider.builder("secondary").start();
    gw = TestGateway.builder().provider(primary, "sk-1").provider(secondary, "sk-s")
        .route("chat", "primary/m1", "secondary/m2").start();
    primary.setDefault(Fault.insufficientQuota());
    gw.openAi().chat().completions().create(params()).validate();
    gw.openAi().chat().completions().create(params()).validate();
    assertThat(primary.requests()).isEqualTo(1);
    assertThat(secondary.requests()).isEqualTo(2);
  }
}
