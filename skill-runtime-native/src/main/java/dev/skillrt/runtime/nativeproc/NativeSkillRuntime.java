package dev.skillrt.runtime.nativeproc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.LimitKind;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.SkillException;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.nativeproc.internal.CallFolders;
import dev.skillrt.runtime.nativeproc.internal.CallStarter;
import dev.skillrt.runtime.nativeproc.internal.HostFacts;
import dev.skillrt.runtime.nativeproc.internal.LaunchPlan;
import dev.skillrt.runtime.nativeproc.internal.NativeExecution;
import dev.skillrt.runtime.nativeproc.internal.NativePolicy;
import dev.skillrt.runtime.nativeproc.internal.SandboxChoice;
import dev.skillrt.runtime.nativeproc.internal.WorkingFolder;
import dev.skillrt.spi.AbstractSkillRuntime;
import dev.skillrt.spi.RuntimeCapabilities;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * Runs host programs: no shell, an allow-list, a scrubbed environment, a fresh working folder, a
 * tree kill on timeout and cancellation, rlimits through {@code prlimit}, and the bubblewrap
 * sandbox where the host has it. Created by {@link NativeSkillRuntimeProvider}.
 *
 * <p>Enforces timeout, memory (address space per process), CPU time (per process), processes (only
 * inside the sandbox) and output limits; refuses a CPU share. Thread-safe: many calls may run at
 * once. See {@code docs/native-runtime.md} for what each limit guarantees.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class NativeSkillRuntime extends AbstractSkillRuntime {

  private final NativeRuntimeConfig config;
  private final HostFacts host;
  private final NativePolicy policy;
  private final ExecutorService threads;
  private final CallFolders folders;
  private final CallStarter starter;
  private final Set<NativeExecution> running = ConcurrentHashMap.newKeySet();

  NativeSkillRuntime(NativeRuntimeConfig config, HostFacts host) {
    super(NativeSkillRuntimeProvider.ID);
    this.config = config;
    this.host = host;
    this.policy = new NativePolicy(config, host);
    this.folders = new CallFolders(config.workRoot());
    this.starter = new CallStarter(host, config.workRoot());
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "skillrt-native-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public RuntimeCapabilities capabilities() {
    return capabilitiesOn(host);
  }

  /** What the runtime enforces on a host: network control only with a usable sandbox. */
  static RuntimeCapabilities capabilitiesOn(HostFacts host) {
    return new RuntimeCapabilities(
        EnumSet.of(
            LimitKind.TIMEOUT,
            LimitKind.MEMORY,
            LimitKind.CPU_TIME,
            LimitKind.PROCESSES,
            LimitKind.OUTPUT),
        host.sandboxUsable(),
        true,
        true,
        true);
  }

  @Override
  public List<PolicyRule> policyRules() {
    return policy.rules();
  }

  /** Which sandbox a spec gets on this host, or empty when it asks for one that is missing. */
  public Optional<String> sandboxFor(CommandSpec spec) {
    return SandboxChoice.of(spec.sandbox(), host).map(SandboxChoice::metadataValue);
  }

  @Override
  protected ExecutionResult run(ExecutionRequest request) {
    CommandSpec spec = request.spec(CommandSpec.class);
    Path program =
        policy
            .programFor(spec)
            .program()
            .orElseThrow(() -> new SkillException("program vanished after the policy check"));
    SandboxChoice sandbox =
        SandboxChoice.of(spec.sandbox(), host)
            .orElseThrow(() -> new SkillException("sandbox vanished after the policy check"));
    List<Violation> refused = new ArrayList<>();
    List<Mount> mounts = policy.boundMounts(request.mounts(), refused);
    if (!refused.isEmpty()) {
      return ExecutionResult.denied(refused, Duration.ZERO);
    }
    Optional<int[]> owner =
        sandbox == SandboxChoice.BWRAP && host.root()
            ? Optional.of(new int[] {config.sandboxUid(), config.sandboxGid()})
            : Optional.empty();
    WorkingFolder folder;
    try {
      folder = folders.take(request.workingDirectory(), mounts, owner);
    } catch (IOException e) {
      throw new SkillException(
          "cannot create a working folder under "
              + config.workRoot()
              + ": "
              + e.getMessage()
              + "; check the 'work-root' setting",
          e);
    }
    LaunchPlan plan = LaunchPlan.of(request, mounts, program, sandbox, folder, config, host);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("sandbox", sandbox.metadataValue());
    metadata.put(
        "network",
        sandbox == SandboxChoice.BWRAP
            ? (request.networkAllowed() ? "allowed" : "none")
            : "uncontrolled");
    metadata.put("program", program.toString());
    NativeExecution execution =
        new NativeExecution(
            request,
            plan,
            folder,
            folders,
            starter,
            threads,
            config.killGrace(),
            config.fileSize().isPresent(),
            metadata);
    running.add(execution);
    try {
      if (isClosed()) {
        execution.stopForShutdown();
      }
      return execution.await();
    } catch (IOException e) {
      folder.deleteIfTemporary();
      throw new SkillException(
          "cannot start " + program + " for skill '" + request.skill() + "': " + e.getMessage(), e);
    } finally {
      running.remove(execution);
    }
  }

  @Override
  protected void shutdown() {
    for (NativeExecution execution : running) {
      execution.stopForShutdown();
    }
    if (running.isEmpty()) {
      starter.close();
    } else {
      // the calls being stopped get their grace; the launch server (whose end would kill them at
      // once) ends after them
      threads.execute(this::closeStarterWhenIdle);
    }
    threads.shutdown();
    folders.close();
  }

  private void closeStarterWhenIdle() {
    long deadline = System.nanoTime() + config.killGrace().plusSeconds(10).toNanos();
    try {
      while (!running.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      starter.close();
    }
  }
}
