package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker.ulimits}: a {@code --ulimit name=soft[:hard]} may only tighten: a known name,
 * finite numbers (never {@code -1} or {@code unlimited}), soft not above hard, and at most the
 * explicit bound of {@link #BOUNDS} for every limit.
 */
final class UlimitsRule extends DockerRule {

  private static final long GIB = 1024L * 1024 * 1024;

  /**
   * The largest value each ulimit may take (bytes, seconds or counts, as the kernel counts them):
   * none is effectively unlimited. Core dumps stay off (the host's core handler would receive
   * them).
   */
  static final Map<String, Long> BOUNDS =
      Map.ofEntries(
          Map.entry("core", 0L),
          Map.entry("cpu", 86_400L),
          Map.entry("data", 16 * GIB),
          Map.entry("fsize", 16 * GIB),
          Map.entry("locks", 1024L),
          Map.entry("memlock", 64L * 1024 * 1024),
          Map.entry("msgqueue", 819200L),
          Map.entry("nice", 0L),
          Map.entry("nofile", 65_536L),
          Map.entry("nproc", 4096L),
          Map.entry("rss", 16 * GIB),
          Map.entry("rtprio", 0L),
          Map.entry("rttime", 1_000_000L),
          Map.entry("sigpending", 65536L),
          Map.entry("stack", 16 * GIB));

  UlimitsRule() {
    super("docker.ulimits");
  }

  /** A parsed ulimit. */
  record Ulimit(String name, long soft, long hard) {}

  /** The ulimit a flag value means, or empty when it does not parse. */
  static Optional<Ulimit> parse(String value) {
    int eq = value.indexOf('=');
    if (eq <= 0) {
      return Optional.empty();
    }
    String name = value.substring(0, eq).trim();
    String[] parts = value.substring(eq + 1).split(":", -1);
    if (parts.length > 2) {
      return Optional.empty();
    }
    try {
      long soft = Long.parseLong(parts[0].trim());
      long hard = parts.length == 2 ? Long.parseLong(parts[1].trim()) : soft;
      return Optional.of(new Ulimit(name, soft, hard));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    for (Flag flag : args.named("ulimit")) {
      Optional<Ulimit> parsed = parse(flag.valueOrEmpty());
      if (parsed.isEmpty()) {
        out.add(
            error(
                "ulimit \""
                    + flag.valueOrEmpty()
                    + "\" is not name=soft[:hard] with finite"
                    + " numbers (unlimited and -1 are denied)",
                flag.shown()));
        continue;
      }
      Ulimit u = parsed.get();
      Long bound = BOUNDS.get(u.name());
      if (bound == null) {
        out.add(error("ulimit " + u.name() + " is not a known limit", flag.shown()));
      } else if (u.soft() < 0 || u.hard() < 0) {
        out.add(error("ulimit " + u.name() + " may not be unlimited (-1)", flag.shown()));
      } else if (u.soft() > u.hard()) {
        out.add(error("ulimit " + u.name() + " has soft above hard", flag.shown()));
      } else if (u.hard() > bound) {
        out.add(
            error(
                "ulimit " + u.name() + " may be at most " + bound + " (it may only tighten)",
                flag.shown()));
      }
    }
  }

  @Override
  Set<String> flagsJudged() {
    return Set.of("ulimit");
  }
}
