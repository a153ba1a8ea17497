package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ContainerSpec;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import java.util.List;
import java.util.Set;

/**
 * {@code docker.user}: a skill runs as a numeric {@code uid[:gid]} (a bare uid gets the same
 * number as gid, since Docker would give it gid 0); uid 0 or gid 0 only when the skill's options
 * say {@code allow_root=true}. User names are refused: the policy cannot know what they map to
 * inside the image. {@code --user} in {@code extra_args} is refused: use the {@code user} field.
 */
final class UserRule extends DockerRule {

  /** The spec option that lets a skill run as root. */
  static final String ALLOW_ROOT = "allow_root";

  UserRule() {
    super("docker.user");
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    boolean rootAllowed = "true".equalsIgnoreCase(spec.options().getOrDefault(ALLOW_ROOT, ""));
    spec.user().ifPresent(user -> checkUser(user, rootAllowed, out));
    for (Flag flag : args.named("user")) {
      out.add(
          error(
              "extra_args may not set the user (" + flag.shown() + "); use the manifest's user"
                  + " field",
              flag.shown()));
    }
  }

  private void checkUser(String user, boolean rootAllowed, List<Violation> out) {
    String trimmed = user.trim();
    if (!trimmed.matches("[0-9]+(:[0-9]+)?")) {
      out.add(
          error(
              "user \"" + user + "\" must be a numeric uid:gid (names such as root cannot be"
                  + " checked)",
              user));
      return;
    }
    String[] parts = trimmed.split(":");
    long uid = parseId(parts[0]);
    long gid = parts.length > 1 ? parseId(parts[1]) : uid;
    if ((uid == 0 || gid == 0) && !rootAllowed) {
      out.add(
          error(
              "user " + user + " runs as root (uid 0 or gid 0); only a skill whose options say "
                  + ALLOW_ROOT + "=true may",
              user));
    }
  }

  private static long parseId(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  Set<String> flagsJudged() {
    return Set.of("user");
  }
}
