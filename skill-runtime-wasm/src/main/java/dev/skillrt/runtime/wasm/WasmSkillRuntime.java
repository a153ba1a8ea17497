package dev.skillrt.runtime.wasm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Cancellation;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.LimitKind;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.Problem;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.wasm.internal.CacheRefusedException;
import dev.skillrt.runtime.wasm.internal.CallPreparation;
import dev.skillrt.runtime.wasm.internal.CallSlots;
import dev.skillrt.runtime.wasm.internal.CallThreads;
import dev.skillrt.runtime.wasm.internal.DiskCompiledCache;
import dev.skillrt.runtime.wasm.internal.MemoryPlan;
import dev.skillrt.runtime.wasm.internal.ModuleCache;
import dev.skillrt.runtime.wasm.internal.ModuleTooLargeException;
import dev.skillrt.runtime.wasm.internal.NotACoreModuleException;
import dev.skillrt.runtime.wasm.internal.Preopen;
import dev.skillrt.runtime.wasm.internal.WasmCall;
import dev.skillrt.runtime.wasm.internal.WorkerHandOff;
import dev.skillrt.spi.AbstractSkillRuntime;
import dev.skillrt.spi.CallControl;
import dev.skillrt.spi.HostPathPolicy;
import dev.skillrt.spi.RuntimeCapabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs WASI preview 1 command modules ({@link ModuleSpec}) on Chicory.
 *
 * <ul>
 *   <li>A module is parsed once per content (sha-256) and, in {@link
 *       dev.skillrt.runtime.wasm.WasmMode#COMPILED compiled} mode, translated to JVM bytecode once;
 *       the compiled form is shared by every call and thread and kept on disk (see {@link
 *       WasmRuntimeConfig#cacheDirectory()}). Each call gets its own instance. Files larger than
 *       {@link WasmRuntimeConfig#maxModuleSize()} are refused. Reading, parsing and compiling run
 *       in the background, once per module, and a call waits for them within its own timeout; past
 *       {@link WasmRuntimeConfig#compileTimeout()} compiled-mode calls run interpreted until the
 *       compiled form is ready.
 *   <li>argv is {@code [skill, arguments...]}; stdin is the request's bytes then end of input; the
 *       environment is the request's only; each mount is a preopened directory, read-only ones
 *       refusing writes; nothing else of the host is visible and there are no sockets.
 *   <li>Each call runs on a worker thread of its own (pooled daemons), interrupted at the timeout,
 *       on cancellation or when output passes its cap with {@code STOP}; linear memory is capped by
 *       the memory limit (or {@link WasmRuntimeConfig#defaultMemory()}).
 *   <li>At most {@link WasmRuntimeConfig#maxConcurrentCalls()} modules are on threads at once; more
 *       calls wait for a slot. A module stuck in a host call past its stop keeps its slot until it
 *       leaves its thread ({@link #stuckCalls()}); a call that finds every slot held by stuck
 *       modules is {@code DENIED} at once (rule {@value #STUCK_CALLS}).
 * </ul>
 *
 * <p>Thread-safe. Created by {@link WasmSkillRuntimeProvider} or directly.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WasmSkillRuntime extends AbstractSkillRuntime {

  /** Rule id of the refusal of a memory limit below the module's own minimum. */
  public static final String MEMORY_BELOW_MINIMUM = "wasm.memory";

  /** Rule id of the refusal of a host folder no skill may be given. */
  public static final String MOUNTS = "wasm.mounts";

  /** Rule id of the refusal of a CPU share below one core. */
  public static final String CPUS_BELOW_ONE = "wasm.cpus";

  /** Rule id of the refusal of a module file larger than {@code max-module-size}. */
  public static final String MODULE_TOO_LARGE = "wasm.module-size";

  /** Rule id: the module file is missing, unreadable or not a module (reported at validation). */
  public static final String MODULE_MISSING = "wasm.module";

  /**
   * Rule id of the refusal of a source that is not a WebAssembly core module: a component (WASI
   * preview 2) or no WebAssembly at all.
   */
  public static final String NOT_A_CORE_MODULE = "wasm.module-format";

  /**
   * Rule id of the refusal of a call that finds every call slot held by a module stuck in a host
   * call past its stop.
   */
  public static final String STUCK_CALLS = "wasm.stuck-calls";

  static final RuntimeCapabilities CAPABILITIES =
      new RuntimeCapabilities(
          EnumSet.of(
              LimitKind.TIMEOUT,
              LimitKind.MEMORY,
              LimitKind.OUTPUT,
              LimitKind.PROCESSES,
              LimitKind.CPUS),
          true,
          true,
          true,
          true);

  private static final Logger LOG = LoggerFactory.getLogger(WasmSkillRuntime.class);
  private static final int PREPARER_THREADS = 4;
  private static final int COMPILER_THREADS = 2;

  private final WasmRuntimeConfig config;
  private final @Nullable DiskCompiledCache diskCache;
  private final ModuleCache modules;
  private final CallPreparation preparation;
  private final CallSlots slots;
  private final Set<WasmCall> active = ConcurrentHashMap.newKeySet();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService workers;
  private final WorkerHandOff handOff;
  private final List<PolicyRule> rules;
  private final ExecutorService preparers;
  private final ExecutorService compilers;

  public WasmSkillRuntime(WasmRuntimeConfig config) {
    super(WasmSkillRuntimeProvider.ID);
    this.config = config;
    this.diskCache = config.cacheDirectory().map(WasmSkillRuntime::openDiskCache).orElse(null);
    long stack = config.stackSize().bytes();
    // Parsing and compiling hold memory in proportion to the module: a few at a time, queued.
    this.preparers = CallThreads.background(CallThreads.PREPARER_PREFIX, PREPARER_THREADS, stack);
    this.compilers = CallThreads.background(CallThreads.COMPILER_PREFIX, COMPILER_THREADS, stack);
    this.modules =
        new ModuleCache(
            config.modulesInMemory(), config.maxModuleSize(), diskCache, preparers, compilers);
    this.preparation = new CallPreparation(modules, config.compileTimeout());
    this.slots = new CallSlots(config.maxConcurrentCalls());
    this.workers = CallThreads.create(stack);
    this.handOff = new WorkerHandOff(workers);
    this.rules = WasmSkillRuntimeProvider.rules(config);
  }

  /**
   * The disk cache, or null (with a warning saying why) when its folder cannot be trusted: the JVM
   * runs the classes it finds there.
   */
  private static @Nullable DiskCompiledCache openDiskCache(Path root) {
    try {
      return DiskCompiledCache.open(root);
    } catch (CacheRefusedException e) {
      LOG.warn(e.getMessage());
      return null;
    }
  }

  /**
   * The folder that holds this runtime's compiled modules on disk (for the Chicory version in use);
   * empty when {@code cache-dir} is {@code none} or when the folder was refused because it could
   * not be trusted (a warning said why when the runtime was created).
   */
  public Optional<Path> diskCacheFolder() {
    return Optional.ofNullable(diskCache).map(DiskCompiledCache::folder);
  }

  /**
   * Ids of the calls whose module is still on a worker thread (normally none once {@link #execute}
   * returned; a module busy in a host call may outlive its stop). A result names its call in
   * metadata {@code call}.
   */
  public Set<String> runningCalls() {
    return Set.copyOf(running);
  }

  /**
   * The calls whose result was returned while their module was still on its thread, stuck in a host
   * call that ignored their stop, by call id, each with the WASI function it is in (e.g. {@code
   * fd_write}). Each keeps its call slot until its module leaves its thread.
   */
  public Map<String, String> stuckCalls() {
    return slots.stuck();
  }

  /** The modules this runtime holds (for tests of this package). */
  ModuleCache modules() {
    return modules;
  }

  public WasmRuntimeConfig config() {
    return config;
  }

  /**
   * What this runtime enforces: timeout, memory (linear memory), output, processes (a WASI preview
   * 1 module is one thread and cannot start processes, so any pids limit holds) and CPU shares of
   * at least one core (a call runs on one thread).
   */
  @Override
  public RuntimeCapabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * The provider's rules for this runtime's settings ({@value #CPUS_BELOW_ONE}, {@value
   * #MODULE_TOO_LARGE}, {@value #MODULE_MISSING}, {@value #MEMORY_BELOW_MINIMUM}, {@value
   * #MOUNTS}); when a call runs, the module's memory is checked again once it is loaded, within the
   * call's time.
   */
  @Override
  public List<PolicyRule> policyRules() {
    return rules;
  }

  /**
   * Reads, parses and (in compiled mode) compiles a module ahead of its first call, so that the
   * first call does not wait for it. Waits for the compiled form at most {@code compile-timeout}
   * (it is then finished in the background).
   *
   * @throws ConfigurationException when the file is not a readable module, or is larger than {@code
   *     max-module-size}
   */
  public void preload(ModuleSpec spec) {
    preparation.prepare(spec, CallPreparation.NO_DEADLINE, Cancellation.create());
  }

  @Override
  protected ExecutionResult run(ExecutionRequest request) {
    try (CallControl control = CallControl.start(request)) {
      return run(request, control);
    }
  }

  private ExecutionResult run(ExecutionRequest request, CallControl control) {
    long start = control.startNanos();
    long deadline = control.deadlineNanos();
    ModuleSpec spec = request.spec(ModuleSpec.class);
    List<Violation> refused = new ArrayList<>();
    List<Preopen> preopens = preopens(request, refused);
    if (!refused.isEmpty()) {
      return ExecutionResult.denied(refused, elapsedSince(start));
    }
    CallPreparation.Outcome outcome;
    try {
      // reading, parsing and compiling count against the call's timeout
      outcome = preparation.prepare(spec, deadline, request.cancellation());
    } catch (ModuleTooLargeException e) {
      return ExecutionResult.denied(
          List.of(Violation.error(MODULE_TOO_LARGE, e.getMessage(), spec.module().toString())),
          elapsedSince(start));
    } catch (NotACoreModuleException e) {
      return ExecutionResult.denied(
          List.of(Violation.error(NOT_A_CORE_MODULE, e.getMessage(), spec.module().toString())),
          elapsedSince(start));
    }
    if (outcome instanceof CallPreparation.OutOfTime out) {
      return ExecutionResult.builder(ExecutionStatus.TIMED_OUT)
          .message(
              "timed out after "
                  + request.limits().timeout().orElseThrow()
                  + " while still preparing the module ("
                  + out.stage()
                  + " "
                  + spec.module()
                  + "); that goes on in the background and later calls use it")
          .metadata("limit", "timeout")
          .metadata("stage", out.stage())
          .duration(elapsedSince(start))
          .build();
    }
    if (outcome instanceof CallPreparation.Cancelled cancelled) {
      return ExecutionResult.builder(ExecutionStatus.CANCELLED)
          .message("cancelled while preparing the module (" + cancelled.stage() + ")")
          .duration(elapsedSince(start))
          .build();
    }
    CallPreparation.Ready ready = (CallPreparation.Ready) outcome;
    DataSize cap = request.limits().memory().orElse(config.defaultMemory());
    MemoryPlan plan = MemoryPlan.of(ready.module().declaredMemory(), cap, spec.module().toString());
    if (plan.refusal().isPresent()) {
      return ExecutionResult.denied(
          List.of(Violation.error(MEMORY_BELOW_MINIMUM, plan.refusal().get(), cap.toString())),
          elapsedSince(start));
    }
    CallSlots.Wait wait;
    try {
      wait = slots.acquire(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExecutionResult.builder(ExecutionStatus.CANCELLED)
          .message("interrupted while waiting for one of the wasm runtime's call slots")
          .duration(elapsedSince(start))
          .build();
    }
    if (!(wait instanceof CallSlots.Slot slot)) {
      return noSlot(wait, request, elapsedSince(start));
    }
    WasmCall call =
        new WasmCall(
            request,
            ready,
            control,
            plan.limits(),
            preopens,
            handOff,
            slots,
            running,
            config.stopGrace());
    active.add(call);
    try {
      return call.execute(slot);
    } finally {
      active.remove(call);
    }
  }

  /** The result of a call that got no slot: timed out waiting, or every slot is stuck. */
  private ExecutionResult noSlot(CallSlots.Wait wait, ExecutionRequest request, Duration took) {
    int max = slots.max();
    if (wait instanceof CallSlots.AllStuck all) {
      String message =
          (max == 1
                  ? "the wasm runtime's only call slot is "
                  : "all " + max + " call slots of the wasm runtime are ")
              + CallSlots.heldBy(all.stuck());
      ExecutionResult denied =
          ExecutionResult.denied(
              List.of(Violation.error(STUCK_CALLS, message, "max-concurrent-calls=" + max)), took);
      return new ExecutionResult(
          denied.status(),
          denied.exitCode(),
          denied.stdout(),
          denied.stderr(),
          took,
          denied.message(),
          denied.violations(),
          Map.of("stuck-calls", String.valueOf(all.stuck().size())));
    }
    // too many calls at once: the one refusal the engine's gate gives too
    // (Violation.TOO_MANY_CALLS)
    Map<String, String> stuck = ((CallSlots.TimedOut) wait).stuck();
    String message =
        "waited "
            + request.limits().timeout().orElseThrow()
            + " (the call's timeout) for one of the "
            + max
            + " call slots of the wasm runtime and none came free"
            + (stuck.isEmpty()
                ? ""
                : "; "
                    + stuck.size()
                    + " of them "
                    + (stuck.size() == 1 ? "is " : "are ")
                    + CallSlots.heldBy(stuck))
            + "; retry later or raise max-concurrent-calls";
    ExecutionResult denied =
        ExecutionResult.denied(
            List.of(
                Violation.error(Violation.TOO_MANY_CALLS, message, "max-concurrent-calls=" + max)),
            took);
    Map<String, String> metadata = new java.util.LinkedHashMap<>();
    if (!stuck.isEmpty()) {
      metadata.put("stuck-calls", String.valueOf(stuck.size()));
    }
    return new ExecutionResult(
        denied.status(),
        denied.exitCode(),
        denied.stdout(),
        denied.stderr(),
        took,
        denied.message(),
        denied.violations(),
        metadata);
  }

  /**
   * The mounts as preopens: each host folder must exist and be a folder, and each guest path be
   * given once. Each is resolved to its real path and judged again as it is now (what is opened is
   * what was judged).
   *
   * @param refused receives the violation of every mount the host-path policy refuses now
   */
  private static List<Preopen> preopens(ExecutionRequest request, List<Violation> refused) {
    List<Problem> problems = new ArrayList<>();
    List<Preopen> out = new ArrayList<>();
    Set<String> guests = new HashSet<>();
    for (Mount m : request.mounts()) {
      if (!guests.add(m.guestPath())) {
        problems.add(
            Problem.of(
                "skill '"
                    + request.skill()
                    + "' mounts two folders at "
                    + m.guestPath()
                    + "; give each mount its own guest path"));
        continue;
      }
      if (!Files.isDirectory(m.hostPath())) {
        problems.add(
            Problem.of(
                "skill '"
                    + request.skill()
                    + "' mounts "
                    + m.hostPath()
                    + ", which is not an existing folder; a WASM skill can only be given folders"));
        continue;
      }
      HostPathPolicy.Resolution resolved =
          WasmSkillRuntimeProvider.HOST_PATHS.resolve(m.hostPath(), m.readOnly());
      if (resolved.refusal().isPresent()) {
        refused.add(
            WasmSkillRuntimeProvider.mountViolation(
                m, resolved.refusal().get(), PolicyPhase.EXECUTE));
        continue;
      }
      out.add(new Preopen(m.guestPath(), resolved.realPath(), m.readOnly()));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return out;
  }

  @Override
  protected void shutdown() {
    for (WasmCall call : active) {
      call.stopForShutdown();
    }
    long deadline = System.nanoTime() + config.stopGrace().toNanos();
    try {
      for (WasmCall call : active) {
        call.awaitDone(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      workers.shutdownNow();
      preparers.shutdownNow();
      compilers.shutdownNow();
    }
  }
}
