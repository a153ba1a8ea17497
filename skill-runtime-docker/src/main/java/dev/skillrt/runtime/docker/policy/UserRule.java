package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.util.List;
import java.util.Set;

/**
 * {@code docker.user}: a skill runs as a numeric {@code uid[:gid]} Docker can take (0 to {@value
 * DockerRuntimeConfig#MAX_ID}; a bare uid gets the same number as gid, since Docker would give it
 * gid 0), in no group that holds power over the host. uid 0 or gid 0 only when the skill's options
 * say {@code allow_root=true}; never a uid or gid that owns an engine socket, nor a gid of a group
 * that is privileged on the host ({@link HostPrivileges}). User and group names are refused: the
 * policy cannot know what they map to inside the image. The same holds for {@code default-user}
 * when the skill names no user, and for every {@code --group-add} in {@code extra_args} (the only
 * way to add a supplementary group: since the runtime always gives a gid, the image's {@code
 * /etc/group} adds none). {@code --user} in {@code extra_args} is refused: use the {@code user}
 * field.
 */
final class UserRule extends DockerRule {

  /** The spec option that lets a skill run as root. */
  static final String ALLOW_ROOT = "allow_root";

  private static final String UNPRIVILEGED = "65534:65534";

  private final DockerRuntimeConfig config;

  UserRule(DockerRuntimeConfig config) {
    super("docker.user");
    this.config = config;
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    boolean rootAllowed = "true".equalsIgnoreCase(spec.options().getOrDefault(ALLOW_ROOT, ""));
    HostPrivileges host = HostPrivileges.read(config);
    if (spec.user().isPresent()) {
      checkUser(spec.user().get(), "user", rootAllowed, host, out);
    } else {
      checkUser(
          config.defaultUser(), "the docker runtime setting default-user", rootAllowed, host, out);
    }
    for (Flag flag : args.named("user")) {
      out.add(
          error(
              "extra_args may not set the user ("
                  + flag.shown()
                  + "); use the manifest's user"
                  + " field",
              flag.shown()));
    }
    for (Flag flag : args.named("group-add")) {
      checkAddedGroup(flag, rootAllowed, host, out);
    }
    if (host.problem().isPresent()) {
      out.add(
          error(
              "cannot tell whether the container's groups are privileged on this host: "
                  + host.problem().get(),
              config.hostGroupFile().toString()));
    }
  }

  private void checkUser(
      String user, String where, boolean rootAllowed, HostPrivileges host, List<Violation> out) {
    String trimmed = user.trim();
    if (!trimmed.matches("[0-9]+(:[0-9]+)?")) {
      out.add(
          error(
              where
                  + " \""
                  + user
                  + "\" must be a numeric uid:gid (names such as root cannot be"
                  + " checked)",
              user));
      return;
    }
    String[] parts = trimmed.split(":");
    String gidText = parts.length > 1 ? parts[1] : parts[0];
    if (!DockerRuntimeConfig.isId(parts[0]) || !DockerRuntimeConfig.isId(gidText)) {
      out.add(
          error(
              where
                  + " \""
                  + user
                  + "\" holds an id Docker cannot take: uids and gids go from 0"
                  + " to "
                  + DockerRuntimeConfig.MAX_ID
                  + "; use an id in that range, e.g. "
                  + UNPRIVILEGED,
              user));
      return;
    }
    long uid = Long.parseLong(parts[0]);
    long gid = Long.parseLong(gidText);
    if (uid == 0 || gid == 0) {
      if (!rootAllowed) {
        out.add(
            error(
                where
                    + " "
                    + user
                    + " runs as root (uid 0 or gid 0); only a skill whose options"
                    + " say "
                    + ALLOW_ROOT
                    + "=true may",
                user));
      }
    }
    if (uid != 0) {
      host.whyUid(uid)
          .ifPresent(
              why ->
                  out.add(
                      error(
                          where
                              + " "
                              + user
                              + " runs as uid "
                              + uid
                              + ", which is privileged on"
                              + " this host: "
                              + why
                              + ". Run the skill as a user that owns"
                              + " nothing on the host, e.g. "
                              + UNPRIVILEGED,
                          user)));
    }
    if (gid != 0) {
      host.whyGid(gid)
          .ifPresent(
              why ->
                  out.add(
                      error(
                          where
                              + " "
                              + user
                              + " runs in gid "
                              + gid
                              + ", which is privileged on"
                              + " this host: "
                              + why
                              + ". Run the skill in a group without host"
                              + " privileges, e.g. "
                              + UNPRIVILEGED,
                          user)));
    }
  }

  private void checkAddedGroup(
      Flag flag, boolean rootAllowed, HostPrivileges host, List<Violation> out) {
    String group = flag.valueOrEmpty().trim();
    String shown = flag.shown();
    if (group.isEmpty()) {
      out.add(error("--group-add needs a numeric gid", shown));
      return;
    }
    if (!group.matches("[0-9]+")) {
      String why = HostPrivileges.PRIVILEGED_GROUPS.get(group);
      out.add(
          error(
              why != null || config.deniedGroups().contains(group)
                  ? "extra_args adds the group "
                      + group
                      + ", which is privileged on a Linux host"
                      + (why == null ? " (denied-groups)" : " (" + why + ")")
                      + "; remove "
                      + shown
                  : "extra_args adds the group "
                      + group
                      + " by name, which cannot be checked"
                      + " (a name is looked up inside the image); give its numeric gid",
              shown));
      return;
    }
    if (!DockerRuntimeConfig.isId(group)) {
      out.add(
          error(
              shown
                  + " names a gid Docker cannot take: gids go from 0 to "
                  + DockerRuntimeConfig.MAX_ID,
              shown));
      return;
    }
    long gid = Long.parseLong(group);
    if (gid == 0) {
      if (!rootAllowed) {
        out.add(
            error(
                shown
                    + " adds root's group (gid 0); only a skill whose options say "
                    + ALLOW_ROOT
                    + "=true may",
                shown));
      }
      return;
    }
    host.whyGid(gid)
        .ifPresent(
            why ->
                out.add(
                    error(
                        shown
                            + " adds gid "
                            + gid
                            + ", which is privileged on this host: "
                            + why
                            + ". Remove "
                            + shown,
                        shown)));
  }

  @Override
  Set<String> flagsJudged() {
    return Set.of("user", "group-add");
  }
}
