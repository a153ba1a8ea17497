package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.runtime.nativeproc.CommandSpec;
import dev.skillrt.runtime.nativeproc.NativeRuntimeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The argv and environment of one call: what sets it up (the launcher {@code skillrt-launch} and
 * bubblewrap, or without the launcher the helpers setpriv, bwrap, unshare, timeout, setsid,
 * prlimit) followed by the program and its arguments, each one argv element. No shell is involved
 * at any point.
 *
 * <p>The program's environment is the environment the first helper starts with, handed down the
 * chain unchanged (bubblewrap without {@code --setenv}, nothing through {@code env}): a command
 * line is readable by every local user in {@code /proc/PID/cmdline}, an environment only by the
 * process's own user. The helpers do see it; that is safe because the variables that steer the
 * dynamic loader, libc or a shell are refused ({@code native.env}).
 *
 * <p>Every chain ties the call to the JVM's life: bubblewrap with {@code --die-with-parent},
 * otherwise the launcher's {@code --die-with-parent} or {@code setpriv --pdeathsig KILL} first, so
 * that a JVM killed outright takes its calls along (a PID namespace then takes the rest of the
 * tree).
 *
 * @param argv the full command line, first element an absolute path
 * @param environment the environment the chain starts with: exactly the program's
 * @param rootIsWrapper whether the started process is a helper that ends when the call's tree has
 *     ended (bwrap, unshare), rather than the program itself
 * @param servable whether the launcher starts the call with a PID namespace of its own and nothing
 *     before it, so that a {@link LaunchServer} may start it in place of a {@link ProcessBuilder}
 */
public record LaunchPlan(
    List<String> argv, Map<String, String> environment, boolean rootIsWrapper, boolean servable) {

  /** This JVM's pid: the launcher ends at once when its parent is not this process any more. */
  private static final String JVM_PID = Long.toString(ProcessHandle.current().pid());

  /** Builds the plan for a call. */
  public static LaunchPlan of(
      ExecutionRequest request,
      List<Mount> mounts,
      Path program,
      SandboxChoice sandbox,
      WorkingFolder folder,
      NativeRuntimeConfig config,
      HostFacts host) {
    CommandSpec spec = request.spec(CommandSpec.class);
    List<String> argv = new ArrayList<>();
    boolean sandboxed = sandbox == SandboxChoice.BWRAP;
    List<String> rlimits = rlimits(request.limits(), sandboxed, config);
    boolean wrapper;
    boolean servable = false;
    if (sandboxed) {
      addSandbox(argv, request, mounts, program, folder, config, host);
      wrapper = true;
    } else if (host.launcher().isPresent()) {
      wrapper = addLauncher(argv, host.launcher().get(), host);
      servable = wrapper;
    } else {
      if (host.setpriv()) {
        // a JVM killed outright must not leave the call running: the first helper dies with it
        argv.add(config.setpriv().toString());
        argv.add("--pdeathsig=KILL");
        argv.add("--");
      }
      wrapper = addReaper(argv, config, host);
    }
    addRlimits(argv, rlimits, host, config);
    argv.add(program.toString());
    argv.addAll(spec.arguments());
    return new LaunchPlan(
        List.copyOf(argv), programEnvironment(request, spec, folder, config), wrapper, servable);
  }

  /**
   * The launcher in place of the helpers: it dies with the JVM and gives the call its own PID
   * namespace (PID 1 reaps it, the program is PID 2), or, where no PID namespace can be had, a
   * session of its own. Whether it wraps the program.
   */
  private static boolean addLauncher(List<String> argv, Path launcher, HostFacts host) {
    argv.add(launcher.toString());
    argv.add("--die-with-parent");
    argv.add(JVM_PID);
    if (host.pidNamespaceReaper()) {
      argv.add("--pid-namespace");
      if (!host.root()) {
        argv.add("--map-user");
      }
      return true;
    }
    argv.add("--setsid");
    return false;
  }

  /** Where a sandboxed call sees the launcher: its own path when bound anyway, else a fixed one. */
  static String launcherInside(Path launcher, NativeRuntimeConfig config) {
    return underAny(launcher, config.systemPaths()) ? launcher.toString() : "/.skillrt-launch";
  }

  /** The helpers that keep an unsandboxed call's tree together; whether the first one wraps it. */
  private static boolean addReaper(List<String> argv, NativeRuntimeConfig config, HostFacts host) {
    if (host.pidNamespaceReaper()) {
      // its own PID namespace: when the call ends the kernel kills and reaps all of it, even
      // processes that left the session; timeout (run with no time limit) keeps the program
      // off PID 1, so signals behave as usual. Not root: a user namespace of its own (the user
      // maps to itself, so the program keeps no capability) makes the PID namespace possible
      argv.add(config.unshare().toString());
      if (!host.root()) {
        argv.add("--user");
        argv.add("--map-current-user");
      }
      argv.add("--pid");
      argv.add("--fork");
      argv.add("--kill-child");
      argv.add("--");
      argv.add(config.timeout().toString());
      argv.add("0");
      return true;
    }
    argv.add(config.setsid().toString());
    argv.add("--");
    return false;
  }

  private static void addSandbox(
      List<String> argv,
      ExecutionRequest request,
      List<Mount> mounts,
      Path program,
      WorkingFolder folder,
      NativeRuntimeConfig config,
      HostFacts host) {
    Optional<Path> launcher = host.launcher();
    if (host.root() && launcher.isPresent()) {
      argv.add(launcher.get().toString());
      argv.add("--drop");
      argv.add(config.sandboxUid() + ":" + config.sandboxGid());
      argv.add("--");
    } else if (host.root()) {
      // RLIMIT_NPROC never binds root, and root could read every host file it can see:
      // drop to an unprivileged user before bubblewrap creates its namespaces
      argv.add(config.setpriv().toString());
      argv.add("--reuid=" + config.sandboxUid());
      argv.add("--regid=" + config.sandboxGid());
      argv.add("--clear-groups");
      argv.add("--");
    }
    argv.add(config.bwrap().toString());
    argv.add("--unshare-user");
    argv.add("--unshare-pid");
    // no bubblewrap init: its monitor would exit without reaping it; the launcher (or timeout,
    // with no time limit) is PID 1 instead, waited for by the monitor, and the program runs as
    // PID 2 where signals behave as usual; when PID 1 ends the kernel kills and reaps the rest
    argv.add("--as-pid-1");
    argv.add("--unshare-ipc");
    argv.add("--unshare-uts");
    argv.add("--unshare-cgroup-try");
    if (!request.networkAllowed()) {
      argv.add("--unshare-net");
    }
    argv.add("--die-with-parent");
    argv.add("--new-session");
    argv.add("--cap-drop");
    argv.add("ALL");
    for (String p : config.systemPaths()) {
      add(argv, "--ro-bind-try", p, p);
    }
    for (String p : config.etcPaths()) {
      add(argv, "--ro-bind-try", p, p);
    }
    argv.add("--proc");
    argv.add("/proc");
    argv.add("--dev");
    argv.add("/dev");
    // tmpfs pages escape the memory limit: /dev/shm and /tmp are private and bounded, and the
    // rest of /dev (a tmpfs too) is read-only
    addBoundedTmpfs(argv, config, "/dev/shm");
    argv.add("--remount-ro");
    argv.add("/dev");
    addBoundedTmpfs(argv, config, "/tmp");
    if (!underAny(program, config.systemPaths())) {
      add(argv, "--ro-bind", program.toString(), program.toString());
    }
    String inside = launcher.map(l -> launcherInside(l, config)).orElse("");
    if (launcher.isPresent() && !underAny(launcher.get(), config.systemPaths())) {
      add(argv, "--ro-bind", launcher.get().toString(), inside);
    }
    if (folder.temporary()) {
      add(argv, "--bind", folder.hostPath().toString(), folder.guestPath());
    }
    for (Mount m : mounts) {
      add(argv, m.readOnly() ? "--ro-bind" : "--bind", m.hostPath().toString(), m.guestPath());
    }
    // the sandbox's own root (a tmpfs holding the mount points) is read-only too
    argv.add("--remount-ro");
    argv.add("/");
    argv.add("--chdir");
    argv.add(folder.guestPath());
    argv.add("--");
    if (launcher.isPresent()) {
      argv.add(inside);
      argv.add("--init");
    } else {
      argv.add(config.timeout().toString());
      argv.add("0");
    }
  }

  private static void addBoundedTmpfs(List<String> argv, NativeRuntimeConfig config, String at) {
    argv.add("--size");
    argv.add(Long.toString(config.sandboxTmpSize().bytes()));
    argv.add("--perms");
    argv.add("1777");
    argv.add("--tmpfs");
    argv.add(at);
  }

  private static void add(List<String> argv, String option, String from, String to) {
    argv.add(option);
    argv.add(from);
    argv.add(to);
  }

  private static boolean underAny(Path program, List<String> roots) {
    for (String root : roots) {
      Path r = Path.of(root);
      if (program.startsWith(r)) {
        return true;
      }
    }
    return false;
  }

  /** The program's resource limits, each {@code NAME=SOFT:HARD} with the launcher's names. */
  private static List<String> rlimits(
      Limits limits, boolean sandboxed, NativeRuntimeConfig config) {
    List<String> rlimits = new ArrayList<>();
    limits.memory().ifPresent(m -> rlimits.add("as=" + m.bytes() + ":" + m.bytes()));
    limits
        .cpuTime()
        .ifPresent(
            t -> {
              long soft = Math.max(1, (t.toMillis() + 999) / 1000);
              // SIGXCPU at the soft limit, SIGKILL one second later for a skill that ignores it
              rlimits.add("cpu=" + soft + ":" + (soft + 1));
            });
    // only the sandbox makes RLIMIT_NPROC a per-call limit, so only it gets a default
    int processes = limits.processes().orElse(sandboxed ? config.defaultPids() : 0);
    if (processes > 0) {
      rlimits.add("nproc=" + processes + ":" + processes);
    }
    config.fileSize().ifPresent(f -> rlimits.add("fsize=" + f.bytes() + ":" + f.bytes()));
    return rlimits;
  }

  /**
   * The limits as launcher options (the launcher is already in the chain, right before the program,
   * and never lets the program dump core) or through prlimit, with core dumps off: a dump would
   * carry the call's memory, its secrets among them, out of the call.
   */
  private static void addRlimits(
      List<String> argv, List<String> rlimits, HostFacts host, NativeRuntimeConfig config) {
    if (host.launcher().isPresent()) {
      for (String limit : rlimits) {
        argv.add("--rlimit");
        argv.add(limit);
      }
      argv.add("--");
      return;
    }
    if (rlimits.isEmpty() && !host.prlimit()) {
      return; // no limit asked for, and no prlimit to turn core dumps off with
    }
    argv.add(config.prlimit().toString());
    argv.add("--core=0:0");
    for (String limit : rlimits) {
      argv.add("--" + limit);
    }
    argv.add("--");
  }

  /** The environment the program starts with: PATH, LANG, HOME, granted host variables, its own. */
  static Map<String, String> programEnvironment(
      ExecutionRequest request,
      CommandSpec spec,
      WorkingFolder folder,
      NativeRuntimeConfig config) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", config.pathValue());
    env.put("LANG", "C.UTF-8");
    env.put("HOME", folder.guestPath());
    Map<String, String> host = System.getenv();
    for (String name : spec.envPassthrough()) {
      String value = host.get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(request.environment());
    return env;
  }
}
