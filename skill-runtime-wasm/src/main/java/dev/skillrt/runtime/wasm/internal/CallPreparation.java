package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import dev.skillrt.api.Cancellation;
import dev.skillrt.api.Durations;
import dev.skillrt.runtime.wasm.ModuleSpec;
import dev.skillrt.runtime.wasm.WasmMode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a call's module ready within the call's own time: read and parsed, and in compiled mode
 * compiled. The work itself runs on the preparer and compiler threads, once per module however many
 * calls wait; a call waits only until its deadline (its timeout counts from the moment it asked),
 * or until it is cancelled. The work goes on after a call stopped waiting, and later calls use it.
 *
 * <p>Compiled-mode calls wait for the compiled form at most until {@code compile-timeout} after it
 * was first asked for; past that they run the module interpreted until the compiled form is ready
 * (Chicory's compiler cannot be stopped part-way, so it finishes in the background, once). A module
 * Chicory cannot compile runs interpreted.
 */
public final class CallPreparation {

  private static final Logger LOG = LoggerFactory.getLogger(CallPreparation.class);

  /** A deadline that never comes: the call has no timeout. */
  public static final long NO_DEADLINE = Long.MAX_VALUE;

  /** How a preparation ended. */
  public sealed interface Outcome {}

  /**
   * Ready to run.
   *
   * @param mode the mode the call runs in
   * @param fallback why a compiled-mode call runs interpreted, when it does
   */
  public record Ready(
      LoadedModule module,
      Function<Instance, Machine> machineFactory,
      WasmMode mode,
      Optional<String> fallback)
      implements Outcome {}

  /**
   * The call's deadline came first.
   *
   * @param stage what was still going on: {@code reading and parsing} or {@code compiling}
   */
  public record OutOfTime(String stage) implements Outcome {}

  /** The call was cancelled (or its thread interrupted) while waiting. */
  public record Cancelled(String stage) implements Outcome {}

  private enum Waited {
    DONE,
    TIMED_OUT,
    CANCELLED
  }

  private final ModuleCache modules;
  private final Duration compileTimeout;

  public CallPreparation(ModuleCache modules, Duration compileTimeout) {
    this.modules = modules;
    this.compileTimeout = compileTimeout;
  }

  /**
   * Prepares a module for a call.
   *
   * @param deadline {@link System#nanoTime()} by which the call must end, or {@link #NO_DEADLINE}
   * @throws dev.skillrt.api.ConfigurationException when the file is missing, too large ({@link
   *     ModuleTooLargeException}) or not a valid module
   */
  public Outcome prepare(ModuleSpec spec, long deadline, Cancellation cancellation) {
    CompletableFuture<Void> cancelled = new CompletableFuture<>();
    try (Cancellation.Registration registration =
        cancellation.onCancel(() -> cancelled.complete(null))) {
      CompletableFuture<LoadedModule> loading = modules.loading(spec.module());
      switch (await(loading, deadline, cancelled)) {
        case TIMED_OUT:
          return new OutOfTime("reading and parsing");
        case CANCELLED:
          return new Cancelled("reading and parsing");
        default:
          break;
      }
      LoadedModule module = joined(loading);
      if (spec.mode() == WasmMode.INTERPRETED) {
        return new Ready(module, InterpreterMachine::new, WasmMode.INTERPRETED, Optional.empty());
      }
      CompletableFuture<Function<Instance, Machine>> compiling = module.compiling();
      long compileDeadline = module.compileRequestedAt() + compileTimeout.toNanos();
      long until = earlier(deadline, compileDeadline);
      switch (await(compiling, until, cancelled)) {
        case CANCELLED:
          return new Cancelled("compiling");
        case TIMED_OUT:
          if (until == deadline) {
            return new OutOfTime("compiling");
          }
          if (module.firstOverdue()) {
            LOG.warn(
                "WASM module {} (sha-256 {}) is not compiled {} after it was first asked for"
                    + " (compile-timeout); calls run it interpreted until its compiled form is ready."
                    + " Raise compile-timeout, or set mode = \"interpreted\" for this skill",
                spec.module(),
                module.sha256(),
                Durations.format(compileTimeout));
          }
          return interpreted(
              module,
              "its compiled form was not ready within compile-timeout ("
                  + Durations.format(compileTimeout)
                  + ")");
        default:
          break;
      }
      if (compiling.isCompletedExceptionally()) {
        return interpreted(module, "Chicory cannot compile it");
      }
      return new Ready(module, compiling.join(), WasmMode.COMPILED, Optional.empty());
    }
  }

  private static Ready interpreted(LoadedModule module, String why) {
    return new Ready(module, InterpreterMachine::new, WasmMode.INTERPRETED, Optional.of(why));
  }

  private static LoadedModule joined(CompletableFuture<LoadedModule> loading) {
    try {
      return loading.get();
    } catch (ExecutionException e) {
      throw ModuleCache.unwrap(e.getCause());
    } catch (InterruptedException e) {
      // done already: get() does not wait
      Thread.currentThread().interrupt();
      return loading.join();
    }
  }

  /** Waits for {@code work} until {@code until}, or until {@code cancelled} completes. */
  private static Waited await(
      CompletableFuture<?> work, long until, CompletableFuture<?> cancelled) {
    CompletableFuture<Object> either = CompletableFuture.anyOf(work, cancelled);
    try {
      if (until == NO_DEADLINE) {
        either.get();
      } else {
        either.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      return work.isDone() ? Waited.DONE : Waited.TIMED_OUT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Waited.CANCELLED;
    } catch (ExecutionException e) {
      // the work failed: the caller looks at how
    }
    return work.isDone() ? Waited.DONE : Waited.CANCELLED;
  }

  private static long earlier(long a, long b) {
    if (a == NO_DEADLINE) {
      return b;
    }
    return a - b <= 0 ? a : b;
  }
}
