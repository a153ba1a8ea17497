package dev.skillrt.testing;

import dev.skillrt.api.CapturedOutput;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.Violation;
import dev.skillrt.spi.AbstractSkillRuntime;
import dev.skillrt.spi.Availability;
import dev.skillrt.spi.RuntimeCapabilities;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider under any id whose runtime records each request (with a {@link TableSpec} of its
 * table) and answers with the request's spec as stdout; an optional hold keeps calls running (for
 * concurrency tests). Its policy rule {@code <id>.gpus} refuses containers asking for GPUs.
 */
public final class RecordingRuntimeProvider implements SkillRuntimeProvider {

  public final String id;
  public final List<ExecutionRequest> requests = new CopyOnWriteArrayList<>();
  public final AtomicInteger created = new AtomicInteger();
  public final AtomicInteger closed = new AtomicInteger();
  public final AtomicInteger running = new AtomicInteger();
  public final AtomicInteger maxRunning = new AtomicInteger();
  public volatile Duration hold = Duration.ZERO;
  public volatile boolean fault;

  /** Whether its skills' arguments show on the host's process list (as a native program's do). */
  public volatile boolean argumentsVisibleOnHost = true;

  public RecordingRuntimeProvider(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Availability probe(RuntimeConfig config) {
    return Availability.ok();
  }

  @Override
  public List<PolicyRule> policyRules(RuntimeConfig config) {
    return List.of(
        PolicyRule.of(
            id + ".gpus",
            (request, phase) ->
                request.spec() instanceof TableSpec t && t.table().containsKey("gpus")
                    ? List.of(
                        Violation.error(
                            id + ".gpus", "GPUs are not allowed here", t.table().get("gpus")))
                    : List.of()));
  }

  /** Any key of its table; reads the string values (and lists of strings). */
  @Override
  public SkillSettings settings(SettingsInput input) {
    return TableSettings.read(id, input, List.of(), argumentsVisibleOnHost);
  }

  /**
   * Under the id {@code native}, as a runtime that starts one program per call (the interpreter is
   * the program); under any other, as one that runs each call's command line as it is.
   */
  @Override
  public SkillSettings scriptSettings(SettingsInput input, List<String> interpreters) {
    return TableSettings.forScripts(id, input, id.equals("native"), argumentsVisibleOnHost);
  }

  @Override
  public SkillRuntime create(RuntimeConfig config) {
    created.incrementAndGet();
    return new AbstractSkillRuntime(id) {
      @Override
      public RuntimeCapabilities capabilities() {
        return RuntimeCapabilities.all();
      }

      @Override
      protected ExecutionResult run(ExecutionRequest request) {
        requests.add(request);
        if (fault) {
          throw new dev.skillrt.api.SkillException("the test runtime lost its engine");
        }
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
          if (!hold.isZero()) {
            Thread.sleep(hold.toMillis());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          running.decrementAndGet();
        }
        return ExecutionResult.builder(ExecutionStatus.SUCCEEDED)
            .exitCode(0)
            .stdout(CapturedOutput.of(request.spec().describe()))
            .build();
      }

      @Override
      protected void shutdown() {
        closed.incrementAndGet();
      }
    };
  }
}
