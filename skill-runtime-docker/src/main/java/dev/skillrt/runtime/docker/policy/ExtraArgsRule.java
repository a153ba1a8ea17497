package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker.extra-args}: {@code extra_args} holds only flags, and only those on a short
 * allow-list ({@link #ALLOWED}), each within bounds; every other flag is refused by name (flags
 * with a rule of their own, such as {@code --privileged}, are refused by that rule).
 */
final class ExtraArgsRule extends DockerRule {

  /** The harmless flags the runtime maps to the Engine API. */
  static final Set<String> ALLOWED =
      Set.of("init", "read-only", "rm", "cap-drop", "label", "env", "tmpfs", "shm-size");

  private static final Set<String> TMPFS_OPTIONS =
      Set.of("rw", "ro", "noexec", "exec", "nosuid", "nodev", "size", "mode");

  private final Set<String> judgedElsewhere;
  private final DataSize maxTmpfs;
  private final DataSize maxShm;

  ExtraArgsRule(DockerRuntimeConfig config, Set<String> judgedElsewhere) {
    super("docker.extra-args");
    this.judgedElsewhere = Set.copyOf(judgedElsewhere);
    this.maxTmpfs = config.maxTmpfsSize();
    this.maxShm = config.maxShmSize();
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    for (int i = 0; i < args.problems().size(); i++) {
      out.add(error(args.problems().get(i), args.problemTokens().get(i)));
    }
    for (Flag flag : args.flags()) {
      if (judgedElsewhere.contains(flag.name())) {
        continue;
      }
      if (!ALLOWED.contains(flag.name())) {
        out.add(
            error(
                "extra_args flag "
                    + flag.nameOnly()
                    + " is not on the allow-list "
                    + ALLOWED.stream().sorted().map(n -> "--" + n).toList(),
                flag.nameOnly()));
        continue;
      }
      problemWith(flag).ifPresent(p -> out.add(error(p, flag.shown())));
    }
  }

  private Optional<String> problemWith(Flag flag) {
    String value = flag.valueOrEmpty();
    switch (flag.name()) {
      case "read-only":
        return flag.isOn()
            ? Optional.empty()
            : Optional.of("--read-only=false may not loosen the read-only root filesystem");
      case "label":
        return value.trim().startsWith("dev.skillrt")
            ? Optional.of("labels dev.skillrt.* belong to the runtime")
            : Optional.empty();
      case "env":
        return value.matches("[A-Za-z_][A-Za-z0-9_]*=.*")
            ? Optional.empty()
            : Optional.of("--env needs NAME=value (a bare name would copy the host's value)");
      case "cap-drop":
        return value.matches("[A-Za-z_,]+")
            ? Optional.empty()
            : Optional.of("--cap-drop needs capability names");
      case "shm-size":
        Optional<DataSize> shm = size(value);
        if (shm.isEmpty()) {
          return Optional.of("--shm-size needs a size such as 64m");
        }
        return shm.get().compareTo(maxShm) <= 0
            ? Optional.empty()
            : Optional.of("--shm-size may be at most " + maxShm);
      case "tmpfs":
        return tmpfsProblem(value);
      default:
        return Optional.empty();
    }
  }

  private Optional<String> tmpfsProblem(String value) {
    int colon = value.indexOf(':');
    String path = colon < 0 ? value : value.substring(0, colon);
    String options = colon < 0 ? "" : value.substring(colon + 1);
    if (!path.startsWith("/") || path.contains("..") || path.indexOf('\0') >= 0) {
      return Optional.of("--tmpfs needs an absolute container path other than /");
    }
    path = ExtraArgs.normalizedContainerPath(path);
    if (path.equals("/")) {
      return Optional.of("--tmpfs needs an absolute container path other than /");
    }
    for (String system : List.of("/proc", "/sys", "/dev")) {
      if (path.equals(system) || path.startsWith(system + "/")) {
        return Optional.of("--tmpfs may not cover " + system);
      }
    }
    DataSize size = null;
    for (String option : options.split(",", -1)) {
      if (option.isEmpty()) {
        continue;
      }
      String key = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
      if (!TMPFS_OPTIONS.contains(key)) {
        return Optional.of(
            "--tmpfs option " + option + " is not allowed (only " + TMPFS_OPTIONS + ")");
      }
      if (key.equals("size")) {
        size = size(option.substring(5)).orElse(null);
        if (size == null) {
          return Optional.of("--tmpfs size is not a size: " + option);
        }
      }
      if (key.equals("mode") && !option.matches("mode=[0-7]{3,4}")) {
        return Optional.of("--tmpfs mode must be octal: " + option);
      }
    }
    if (size == null) {
      return Optional.of("--tmpfs needs a size (e.g. /cache:size=64m)");
    }
    if (size.compareTo(maxTmpfs) > 0) {
      return Optional.of("--tmpfs size may be at most " + maxTmpfs);
    }
    return Optional.empty();
  }

  /** A size as docker spells it (64m, 64mb, 1g, 1024); empty when it does not parse. */
  static Optional<DataSize> size(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      DataSize size = DataSize.parse(t);
      return size.bytes() > 0 ? Optional.of(size) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
