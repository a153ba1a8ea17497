package dev.skillrt.runtime.docker.policy;

import static dev.skillrt.runtime.docker.policy.PolicyCases.extraArgs;
import static dev.skillrt.runtime.docker.policy.PolicyCases.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import dev.skillrt.spi.RuntimeConfig;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docker.user} against a host of the test's making: a real unix socket standing for the
 * engine's, owned by a uid and gid of its own, and a group file where every privileged group has a
 * gid. The runtime's settings point at both, as an operator's would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivilegedIdsTests {

  private static final int SOCKET_UID = 48613;
  private static final int SOCKET_GID = 48612;

  @TempDir static Path temp;
  private ServerSocketChannel engine;
  private Path socket;
  private Path groupFile;
  private final Map<String, Integer> gids = new HashMap<>();

  @BeforeAll
  void makeTheHost() throws Exception {
    socket = temp.resolve("engine.sock");
    engine = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    engine.bind(UnixDomainSocketAddress.of(socket));
    UserPrincipalLookupService names = socket.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(socket, PosixFileAttributeView.class);
    view.setOwner(names.lookupPrincipalByName(Integer.toString(SOCKET_UID)));
    view.setGroup(names.lookupPrincipalByGroupName(Integer.toString(SOCKET_GID)));
    List<String> lines = new ArrayList<>(List.of("root:x:0:", "users:x:100:", "staff:x:50:"));
    int gid = 4000;
    for (String name : HostPrivileges.PRIVILEGED_GROUPS.keySet()) {
      if (!name.equals("root")) {
        gids.put(name, ++gid);
        lines.add(name + ":x:" + gid + ":alice,bob");
      }
    }
    lines.add("k8s-admins:x:7001:");
    groupFile = Files.write(temp.resolve("group"), lines);
  }

  @AfterAll
  void closeTheSocket() throws Exception {
    engine.close();
  }

  private List<PolicyRule> rules(Map<String, String> more) {
    Map<String, String> settings = new HashMap<>();
    settings.put("host", "unix://" + socket);
    settings.put("host-group-file", groupFile.toString());
    settings.put("denied-groups", "k8s-admins, 7002");
    settings.putAll(more);
    return DockerPolicy.rules(DockerRuntimeConfig.from(RuntimeConfig.of(settings)));
  }

  private List<Violation> userErrors(ExecutionRequest request, PolicyPhase phase) {
    return PolicyRules.errors(PolicyRules.evaluate(rules(Map.of()), request, phase)).stream()
        .filter(v -> v.ruleId().equals("docker.user"))
        .toList();
  }

  Stream<String> privilegedNames() {
    return HostPrivileges.PRIVILEGED_GROUPS.keySet().stream().filter(n -> !n.equals("root"));
  }

  @ParameterizedTest(name = "gid of {0}")
  @MethodSource("privilegedNames")
  void aPrivilegedGroupOfTheHostIsRefusedByItsGid(String name) {
    int gid = Objects.requireNonNull(gids.get(name), name);
    for (PolicyPhase phase : PolicyPhase.values()) {
      assertThat(userErrors(spec(b -> b.user("1000:" + gid)), phase))
          .as("user 1000:%s (%s) at %s", gid, name, phase)
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.message())
                    .contains("gid " + gid)
                    .contains("the group " + name + " in " + groupFile)
                    .contains(HostPrivileges.PRIVILEGED_GROUPS.get(name))
                    .contains("e.g. 65534:65534");
                assertThat(v.offendingValue()).isEqualTo("1000:" + gid);
              });
      assertThat(userErrors(extraArgs("--group-add", Integer.toString(gid)), phase))
          .as("--group-add %s (%s)", gid, name)
          .singleElement()
          .satisfies(v -> assertThat(v.offendingValue()).isEqualTo("--group-add " + gid));
      assertThat(userErrors(extraArgs("--group-add", name), phase))
          .as("--group-add %s by name", name)
          .singleElement()
          .satisfies(v -> assertThat(v.message()).contains("privileged"));
    }
  }

  @ParameterizedTest
  @EnumSource(PolicyPhase.class)
  void theOwnerAndGroupOfTheEngineSocketAreRefused(PolicyPhase phase) {
    assertThat(userErrors(spec(b -> b.user("1000:" + SOCKET_GID)), phase))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .contains("runs in gid " + SOCKET_GID)
                    .contains("owns the engine socket " + socket));
    assertThat(userErrors(spec(b -> b.user(Integer.toString(SOCKET_UID) + ":1000")), phase))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .contains("runs as uid " + SOCKET_UID)
                    .contains("owns the engine socket " + socket));
    assertThat(userErrors(spec(b -> b.user(Integer.toString(SOCKET_UID))), phase))
        .as("a bare uid is also its gid")
        .hasSize(1);
    assertThat(userErrors(extraArgs("--group-add", Integer.toString(SOCKET_GID)), phase))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("owns the engine socket " + socket));
  }

  @Test
  void deniedGroupsAreRefusedByNameAndByNumber() {
    assertThat(userErrors(spec(b -> b.user("1000:7001")), PolicyPhase.EXECUTE))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("denied-groups").contains("k8s-admins"));
    assertThat(userErrors(spec(b -> b.user("1000:7002")), PolicyPhase.EXECUTE)).hasSize(1);
    assertThat(userErrors(extraArgs("--group-add", "k8s-admins"), PolicyPhase.EXECUTE)).hasSize(1);
  }

  @Test
  void groupsWithoutHostPrivilegesPass() {
    assertThat(userErrors(spec(b -> b.user("1000:1000")), PolicyPhase.EXECUTE)).isEmpty();
    assertThat(userErrors(spec(b -> b.user("1000:50")), PolicyPhase.EXECUTE)).as("staff").isEmpty();
    assertThat(userErrors(spec(b -> b.user("1000:100")), PolicyPhase.EXECUTE))
        .as("users")
        .isEmpty();
    assertThat(userErrors(extraArgs("--group-add", "4242"), PolicyPhase.EXECUTE)).isEmpty();
  }

  @Test
  void allowRootAllowsRootsIdsButNoOtherPrivilegedGroup() {
    assertThat(
            userErrors(spec(b -> b.user("0:0").option("allow_root", "true")), PolicyPhase.EXECUTE))
        .isEmpty();
    assertThat(
            userErrors(
                spec(b -> b.user("0:" + gids.get("docker")).option("allow_root", "true")),
                PolicyPhase.EXECUTE))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("the group docker"));
  }

  @Test
  void theDefaultUserIsJudgedWhenTheSkillNamesNone() {
    List<PolicyRule> rules = rules(Map.of("default-user", "65534:" + gids.get("disk")));
    List<Violation> errors =
        PolicyRules.errors(PolicyRules.evaluate(rules, spec(b -> b), PolicyPhase.VALIDATE));
    assertThat(errors)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("docker.user");
              assertThat(v.message())
                  .startsWith("the docker runtime setting default-user 65534:" + gids.get("disk"))
                  .contains("the group disk");
            });
  }

  @Test
  void aGroupFileSetByHandThatIsMissingIsAnError() {
    Path missing = temp.resolve("no-such-group-file");
    List<PolicyRule> rules = rules(Map.of("host-group-file", missing.toString()));
    assertThat(
            PolicyRules.errors(
                PolicyRules.evaluate(rules, spec(b -> b.user("1000:1000")), PolicyPhase.EXECUTE)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("docker.user");
              assertThat(v.message()).contains(missing.toString()).contains("host-group-file");
            });
  }

  @Test
  void theHostsOwnGroupFileIsReadByDefault() throws Exception {
    Map<String, Long> host = HostPrivileges.groupFile(DockerRuntimeConfig.DEFAULT_GROUP_FILE);
    List<PolicyRule> rules = DockerPolicy.rules(DockerRuntimeConfig.defaults());
    int judged = 0;
    for (String name : HostPrivileges.PRIVILEGED_GROUPS.keySet()) {
      Long gid = host.get(name);
      if (gid == null || gid == 0) {
        continue;
      }
      judged++;
      assertThat(
              PolicyRules.errors(
                  PolicyRules.evaluate(
                      rules, spec(b -> b.user("1000:" + gid)), PolicyPhase.EXECUTE)))
          .as("the host's %s group (gid %s)", name, gid)
          .extracting(Violation::ruleId)
          .contains("docker.user");
    }
    assertThat(judged).as("privileged groups found in the host's /etc/group").isPositive();
  }
}
