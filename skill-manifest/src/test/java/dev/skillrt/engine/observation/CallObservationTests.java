package dev.skillrt.engine.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Violation;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each call is one {@code skillrt.execute} observation named by the GenAI conventions, seen through
 * Micrometer's test registry and through a meter registry as a user would.
 */
class CallObservationTests {

  @TempDir Path dir;

  private SkillEngine engine(ObservationRegistry registry) throws Exception {
    return SkillEngine.builder()
        .manifest(ObservedManifest.write(dir))
        .environment(ObservedManifest.env())
        .observationRegistry(registry)
        .build();
  }

  @Test
  void aSuccessfulCallIsOneObservationWithTheToolNameAndTheCallersId() throws Exception {
    TestObservationRegistry registry = TestObservationRegistry.create();
    try (SkillEngine engine = engine(registry)) {
      ExecutionResult r =
          engine.execute(
              "echo",
              "say",
              Map.of("text", "hi"),
              ExecuteOptions.builder().toolCallId("call-42").build());
      assertThat(r.succeeded()).as(r.message()).isTrue();
    }
    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo("skillrt.execute", 1)
        .hasObservationWithNameEqualTo("skillrt.execute")
        .that()
        .hasContextualNameEqualTo("execute_tool echo__say")
        .hasLowCardinalityKeyValue("gen_ai.operation.name", "execute_tool")
        .hasLowCardinalityKeyValue("gen_ai.tool.name", "echo__say")
        .hasLowCardinalityKeyValue("skillrt.runtime", "test-process")
        .hasLowCardinalityKeyValue("skillrt.status", "succeeded")
        .doesNotHaveLowCardinalityKeyValueWithKey("error.type")
        .hasHighCardinalityKeyValue("gen_ai.tool.call.id", "call-42")
        .doesNotHaveError()
        .hasBeenStarted()
        .hasBeenStopped();
  }

  @Test
  void aFailedCallCarriesItsStatusAsTheErrorTypeAndNoCallIdWhenNoneWasGiven() throws Exception {
    TestObservationRegistry registry = TestObservationRegistry.create();
    try (SkillEngine engine = engine(registry)) {
      assertThat(engine.execute("broken", "fail", Map.of(), ExecuteOptions.defaults()).status())
          .isEqualTo(ExecutionStatus.FAILED);
    }
    assertThat(registry)
        .hasObservationWithNameEqualTo("skillrt.execute")
        .that()
        .hasContextualNameEqualTo("execute_tool broken__fail")
        .hasLowCardinalityKeyValue("skillrt.status", "failed")
        .hasLowCardinalityKeyValue("error.type", "failed")
        .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.tool.call.id")
        .doesNotHaveError();
  }

  @Test
  void aRuntimeFaultIsTheObservationsErrorAndItsClassTheErrorType() throws Exception {
    TestObservationRegistry registry = TestObservationRegistry.create();
    try (SkillEngine engine = engine(registry)) {
      assertThatThrownBy(
              () -> engine.execute("missing", "run", Map.of(), ExecuteOptions.defaults()))
          .isInstanceOf(java.io.UncheckedIOException.class);
    }
    assertThat(registry)
        .hasObservationWithNameEqualTo("skillrt.execute")
        .that()
        .hasLowCardinalityKeyValue("skillrt.status", "error")
        .hasLowCardinalityKeyValue("error.type", "java.io.UncheckedIOException")
        .hasError()
        .hasBeenStopped();
  }

  @Test
  void theWaitForASlotAndADenialByRuleAreObservedAndMetered() throws Exception {
    TestObservationRegistry registry = TestObservationRegistry.create();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    try (SkillEngine engine = engine(registry)) {
      CompletableFuture<ExecutionResult> first =
          CompletableFuture.supplyAsync(
              () ->
                  engine.execute("slow", "nap", Map.of("seconds", "3"), ExecuteOptions.defaults()));
      // the first call holds the slot and is in flight: the long-task timer counts it
      LongTaskTimer active = waitForActive(meters, "slow__nap");
      assertThat(active.activeTasks()).isEqualTo(1);

      ExecutionResult second =
          engine.execute(
              "slow",
              "nap",
              Map.of("seconds", "0"),
              ExecuteOptions.builder()
                  .limits(Limits.builder().timeout(Duration.ofMillis(300)).build())
                  .build());
      assertThat(second.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(second.violations())
          .extracting(Violation::ruleId)
          .containsExactly(Violation.TOO_MANY_CALLS);
      assertThat(first.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
      assertThat(active.activeTasks()).isZero();
    }
    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo("skillrt.execute", 2)
        .hasNumberOfObservationsWithNameEqualTo("skillrt.slot.wait", 2)
        .hasNumberOfObservationsWithNameEqualTo("skillrt.denial", 1)
        .hasObservationWithNameEqualTo("skillrt.denial")
        .that()
        .hasLowCardinalityKeyValue("skillrt.rule", Violation.TOO_MANY_CALLS)
        .hasLowCardinalityKeyValue("gen_ai.tool.name", "slow__nap")
        .hasParentObservationContextMatching(p -> p.getName().equals("skillrt.execute"));
    assertThat(registry)
        .hasAnObservationWithAKeyValue(KeyValue.of("skillrt.slot.outcome", "busy"))
        .hasAnObservationWithAKeyValue(KeyValue.of("skillrt.slot.outcome", "acquired"))
        .hasAnObservationWithAKeyValue(KeyValue.of("skillrt.status", "denied"));

    Timer denied =
        meters
            .get("skillrt.execute")
            .tag("gen_ai.tool.name", "slow__nap")
            .tag("skillrt.status", "denied")
            .tag("error.type", "denied")
            .timer();
    assertThat(denied.count()).isEqualTo(1);
    assertThat(meters.get("skillrt.execute").tag("skillrt.status", "succeeded").timer().count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("skillrt.denial")
                .tag("skillrt.rule", Violation.TOO_MANY_CALLS)
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("skillrt.slot.wait")
                .tag("skillrt.slot.outcome", "busy")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isGreaterThanOrEqualTo(250);
  }

  private static LongTaskTimer waitForActive(SimpleMeterRegistry meters, String tool)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      LongTaskTimer t =
          meters.find("skillrt.execute.active").tag("gen_ai.tool.name", tool).longTaskTimer();
      Timer slot = meters.find("skillrt.slot.wait").tag("skillrt.slot.outcome", "acquired").timer();
      if (t != null && t.activeTasks() == 1 && slot != null && slot.count() == 1) {
        return t;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no call of " + tool + " became active within 20 s: " + meters.getMetersAsString());
  }

  @Test
  void theGuiceModuleUsesTheRegistryTheInjectorBinds() throws Exception {
    TestObservationRegistry registry = TestObservationRegistry.create();
    Path manifest = ObservedManifest.write(dir);
    SkillEngine engine =
        com.google.inject.Guice.createInjector(
                new dev.skillrt.engine.SkillEngineModule(manifest),
                binder -> binder.bind(ObservationRegistry.class).toInstance(registry))
            .getInstance(SkillEngine.class);
    try (engine) {
      engine.execute("echo", "say", Map.of("text", "hi"), ExecuteOptions.defaults());
    }
    assertThat(registry)
        .hasObservationWithNameEqualTo("skillrt.execute")
        .that()
        .hasContextualNameEqualTo("execute_tool echo__say");
  }

  @Test
  void withoutARegistryNothingIsObservedAndCallsRunAsBefore() throws Exception {
    try (SkillEngine engine =
        SkillEngine.builder()
            .manifest(ObservedManifest.write(dir))
            .environment(ObservedManifest.env())
            .build()) {
      assertThat(
              engine
                  .execute("echo", "say", Map.of("text", "hi"), ExecuteOptions.defaults())
                  .stdout()
                  .text())
          .isEqualTo("hi\n");
    }
  }
}
