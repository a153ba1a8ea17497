package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.LimitKind;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.nativeproc.CommandSpec;
import dev.skillrt.runtime.nativeproc.NativeRuntimeConfig;
import dev.skillrt.runtime.nativeproc.SandboxMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The native runtime's own policy rules. Immutable; built from a config and the host's facts. */
public final class NativePolicy {

  /** Rule id: the request's spec is not a {@link CommandSpec}. */
  public static final String RULE_SPEC = "native.spec";

  /** Rule id: bubblewrap was required and cannot run here. */
  public static final String RULE_SANDBOX = "native.sandbox-unavailable";

  /** Rule id: the skill has no network access but nothing here can take the network away. */
  public static final String RULE_NETWORK = "native.network";

  /** Rule id: a process limit without the sandbox (it would count the whole host user). */
  public static final String RULE_PROCESSES = "native.processes";

  /** Rule id: a working directory outside the granted mounts. */
  public static final String RULE_WORKING_DIRECTORY = "native.working-directory";

  /** Rule id: a variable that is malformed or steers the dynamic loader (LD_PRELOAD, ...). */
  public static final String RULE_ENV = "native.env";

  /**
   * Rule id: a mount that moves a folder (which only the sandbox can do), or grants a host path no
   * skill may have (the root, system folders read-write, engine sockets, credentials).
   */
  public static final String RULE_MOUNTS = "native.mounts";

  private final NativeRuntimeConfig config;
  private final HostFacts host;
  private final ProgramResolver resolver;

  /**
   * The program the last {@link PolicyPhase#EXECUTE} check on this thread resolved, for the run
   * that follows on the same thread ({@code AbstractSkillRuntime.execute} checks, then runs): the
   * run uses what the check decided instead of looking the program up again. Keyed by the spec's
   * identity and its program settings; holds no argument of the call.
   */
  private final ThreadLocal<CheckedProgram> lastChecked = new ThreadLocal<>();

  private record CheckedProgram(
      int specIdentity,
      String program,
      List<String> allowed,
      ProgramResolver.Resolution resolution) {

    boolean isFor(CommandSpec spec) {
      return specIdentity == System.identityHashCode(spec)
          && program.equals(spec.program())
          && allowed.equals(spec.allowedCommands());
    }
  }

  /** The policy of a runtime's calls: each call's program is looked up as the host is now. */
  public NativePolicy(NativeRuntimeConfig config, HostFacts host) {
    this(config, host, new ProgramResolver(config.path()));
  }

  private NativePolicy(NativeRuntimeConfig config, HostFacts host, ProgramResolver resolver) {
    this.config = config;
    this.host = host;
    this.resolver = resolver;
  }

  /**
   * The policy for one validation of a manifest: a program named by many tools is looked up once
   * (calls are judged again by the runtime's own policy).
   */
  public static NativePolicy forValidation(NativeRuntimeConfig config, HostFacts host) {
    return new NativePolicy(config, host, ProgramResolver.remembering(config.path()));
  }

  /** Every rule, in the order they are checked. */
  public List<PolicyRule> rules() {
    return List.of(
        PolicyRule.of(ProgramResolver.RULE_ALLOW_LIST, this::checkProgram),
        PolicyRule.of(RULE_ENV, this::checkEnvironment),
        PolicyRule.of(RULE_MOUNTS, (request, phase) -> MountGuard.check(request.mounts(), phase)),
        PolicyRule.of(RULE_SANDBOX, this::checkSandbox),
        PolicyRule.of(RULE_WORKING_DIRECTORY, this::checkWorkingDirectory));
  }

  private List<Violation> checkProgram(ExecutionRequest request, PolicyPhase phase) {
    if (!(request.spec() instanceof CommandSpec spec)) {
      return List.of(
          Violation.error(
              RULE_SPEC,
              "the native runtime runs a CommandSpec, this request has a "
                  + request.spec().getClass().getSimpleName(),
              request.spec().describe()));
    }
    ProgramResolver.Resolution resolution = resolver.resolve(spec);
    if (phase == PolicyPhase.EXECUTE) {
      lastChecked.set(
          new CheckedProgram(
              System.identityHashCode(spec), spec.program(), spec.allowedCommands(), resolution));
    }
    return resolution.violation().map(List::of).orElse(List.of());
  }

  /**
   * The program a call runs: what this thread's check of the same spec resolved (see {@link
   * #lastChecked}), else resolved now.
   */
  public ProgramResolver.Resolution programFor(CommandSpec spec) {
    CheckedProgram checked = lastChecked.get();
    lastChecked.remove();
    return checked != null && checked.isFor(spec) ? checked.resolution() : resolver.resolve(spec);
  }

  private List<Violation> checkEnvironment(ExecutionRequest request, PolicyPhase phase) {
    if (!(request.spec() instanceof CommandSpec spec)) {
      return List.of();
    }
    return EnvironmentGuard.check(request, spec);
  }

  private List<Violation> checkSandbox(ExecutionRequest request, PolicyPhase phase) {
    if (!(request.spec() instanceof CommandSpec spec)) {
      return List.of();
    }
    Optional<SandboxChoice> choice = SandboxChoice.of(spec.sandbox(), host);
    if (choice.isEmpty()) {
      return List.of(
          Violation.error(
              RULE_SANDBOX,
              "the skill requires the bubblewrap sandbox (sandbox = \"bwrap\") and it cannot run"
                  + " here: "
                  + String.join("; ", host.sandboxProblems(config)),
              "sandbox=bwrap"));
    }
    if (choice.get() == SandboxChoice.BWRAP) {
      return List.of();
    }
    List<Violation> out = new ArrayList<>();
    if (spec.sandbox() == SandboxMode.AUTO && !request.networkAllowed()) {
      out.add(
          Violation.error(
              RULE_NETWORK,
              "the skill has no network access, but bubblewrap is not available here to take"
                  + " the network away ("
                  + String.join("; ", host.sandboxProblems(config))
                  + "); install bubblewrap, or set sandbox = \"none\" to run it as a trusted"
                  + " program with the network uncontrolled",
              "network_access=false"));
    }
    if (request.limits().kinds().contains(LimitKind.PROCESSES)) {
      out.add(
          Violation.error(
              RULE_PROCESSES,
              "a process limit needs the bubblewrap sandbox: without it RLIMIT_NPROC counts"
                  + " every process of the host user"
                  + (host.root() ? " and root is exempt" : "")
                  + "; use sandbox = \"bwrap\" or drop the pids limit",
              "pids=" + request.limits().processes().getAsInt()));
    }
    for (Mount m : request.mounts()) {
      if (!m.guestPath().equals(m.hostPath().toString())) {
        out.add(
            Violation.error(
                RULE_MOUNTS,
                "without a sandbox a folder cannot appear at another path; mount "
                    + m.hostPath()
                    + " at the same path or use sandbox = \"bwrap\"",
                m.toString()));
      }
    }
    return out;
  }

  private List<Violation> checkWorkingDirectory(ExecutionRequest request, PolicyPhase phase) {
    Optional<String> dir = request.workingDirectory();
    if (dir.isEmpty()) {
      return List.of();
    }
    if (WorkingFolder.hostPathOf(dir.get(), request.mounts()).isPresent()) {
      return List.of();
    }
    return List.of(
        Violation.error(
            RULE_WORKING_DIRECTORY,
            "working directory '"
                + dir.get()
                + "' is not an absolute folder inside a granted"
                + " mount "
                + request.mounts()
                + "; grant a mount that holds it or leave it out"
                + " for a fresh folder per call",
            dir.get()));
  }

  /**
   * The mounts as they are bound, right before the call starts: each host path replaced by its real
   * path, judged again as it is now (what is bound is what was judged).
   *
   * @param refused receives a violation for each mount that may not be bound now
   */
  public List<Mount> boundMounts(List<Mount> mounts, List<Violation> refused) {
    return MountGuard.resolved(mounts, refused);
  }
}
