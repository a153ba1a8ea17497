package dev.skillrt.tck;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.Limits;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.spi.SkillRuntime;
import java.time.Duration;
import java.util.UUID;

/** What every group of the kit reaches through the kit root: the runtime, fixtures, requests. */
abstract class KitGroup {

  /** The kit instance this group belongs to (the enclosing instance of the nested class). */
  abstract SkillRuntimeCompatibilityKit kit();

  final SkillRuntime runtime() {
    return kit().runtime();
  }

  final KitFixtures fixtures() {
    return kit().fixtures();
  }

  final ExecutionRequest.Builder request(RuntimeSpec spec) {
    return kit().request(spec);
  }

  /** A request marked with a unique {@link StoppedCall#MARK_VARIABLE}, for a call the kit stops. */
  final ExecutionRequest.Builder markedRequest(RuntimeSpec spec) {
    return request(spec).env(StoppedCall.MARK_VARIABLE, UUID.randomUUID().toString());
  }

  final ExecutionResult run(ExecutionRequest.Builder request) {
    return kit().run(request.build());
  }

  /** The child-spawning fixture, or the sleeper for a runtime whose calls start nothing. */
  final RuntimeSpec childThatSleepsForever() {
    KitFixtures fixtures = fixtures();
    return fixtures.spawnChildThatSleepsForever().orElseGet(fixtures::sleepForever);
  }

  final void assertNothingLeftRunning(
      SkillRuntime runtime, ExecutionRequest request, ExecutionResult result) {
    kit().assertNothingLeftRunning(new StoppedCall(runtime, request, result));
  }

  static Limits timeoutOnly(Duration timeout) {
    return Limits.builder().timeout(timeout).build();
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
