package dev.skillrt.runtime.docker.policy;

import static dev.skillrt.runtime.docker.policy.PolicyCases.extraArgs;
import static dev.skillrt.runtime.docker.policy.PolicyCases.mount;
import static dev.skillrt.runtime.docker.policy.PolicyCases.scratchMount;
import static dev.skillrt.runtime.docker.policy.PolicyCases.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import dev.skillrt.spi.RuntimeConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Docker policy as pass and fail sets: every spelling trick of the issue, each with the rule
 * that must catch it. Judged at validation time (a missing host path is then only a warning; see
 * {@link MountsRuleTests} for execution time).
 */
class DockerPolicyTests {

  private static final List<PolicyRule> RULES =
      DockerPolicy.rules(
          DockerRuntimeConfig.from(
              RuntimeConfig.of(
                  Map.of(
                      "host", "unix:///run/skillrt-docker.sock",
                      "allowed-capabilities", "NET_BIND_SERVICE, cap_chown",
                      "allowed-devices", "/dev/fuse"))));

  static Stream<Arguments> denied() {
    return Stream.of(
        // privileged, in every spelling
        arguments("--privileged", extraArgs("--privileged"), "docker.privileged"),
        arguments("--privileged=true", extraArgs("--privileged=true"), "docker.privileged"),
        arguments(
            "--privileged=false still named", extraArgs("--privileged=false"), "docker.privileged"),
        arguments("--PRIVILEGED", extraArgs("--PRIVILEGED"), "docker.privileged"),
        arguments("--Privileged=1", extraArgs("--Privileged=1"), "docker.privileged"),
        arguments(
            "privileged after a harmless flag",
            extraArgs("--init", "--privileged"),
            "docker.privileged"),
        // capabilities
        arguments("--cap-add=sys_admin", extraArgs("--cap-add=sys_admin"), "docker.capabilities"),
        arguments(
            "--cap-add CAP_SYS_ADMIN",
            extraArgs("--cap-add", "CAP_SYS_ADMIN"),
            "docker.capabilities"),
        arguments(
            "--cap-add SYS_ADMIN", extraArgs("--cap-add", "SYS_ADMIN"), "docker.capabilities"),
        arguments(
            "--cap-add=cap_sys_admin", extraArgs("--cap-add=cap_sys_admin"), "docker.capabilities"),
        arguments("--cap-add=ALL", extraArgs("--cap-add=ALL"), "docker.capabilities"),
        arguments("--cap-add=all", extraArgs("--cap-add=all"), "docker.capabilities"),
        arguments(
            "--cap-add NET_ADMIN", extraArgs("--cap-add", "NET_ADMIN"), "docker.capabilities"),
        arguments("--cap-add=SYS_PTRACE", extraArgs("--cap-add=SYS_PTRACE"), "docker.capabilities"),
        arguments(
            "--cap-add=dac_read_search",
            extraArgs("--cap-add=dac_read_search"),
            "docker.capabilities"),
        arguments(
            "--cap-add=chown,sys_module",
            extraArgs("--cap-add=chown,sys_module"),
            "docker.capabilities"),
        arguments("--cap-add= (empty)", extraArgs("--cap-add="), "docker.capabilities"),
        // security options
        arguments(
            "--security-opt seccomp=unconfined",
            extraArgs("--security-opt", "seccomp=unconfined"),
            "docker.security-opt"),
        arguments(
            "--security-opt=seccomp:unconfined",
            extraArgs("--security-opt=seccomp:unconfined"),
            "docker.security-opt"),
        arguments(
            "--security-opt SECCOMP=UNCONFINED",
            extraArgs("--security-opt", "SECCOMP=UNCONFINED"),
            "docker.security-opt"),
        arguments(
            "custom seccomp profile",
            extraArgs("--security-opt", "seccomp=/tmp/profile.json"),
            "docker.security-opt"),
        arguments(
            "apparmor=unconfined",
            extraArgs("--security-opt", "apparmor=unconfined"),
            "docker.security-opt"),
        arguments(
            "apparmor:custom",
            extraArgs("--security-opt=apparmor:my-profile"),
            "docker.security-opt"),
        arguments(
            "label=disable", extraArgs("--security-opt", "label=disable"), "docker.security-opt"),
        arguments(
            "label:type custom",
            extraArgs("--security-opt", "label:type:spc_t"),
            "docker.security-opt"),
        arguments(
            "systempaths=unconfined",
            extraArgs("--security-opt", "systempaths=unconfined"),
            "docker.security-opt"),
        arguments(
            "unknown security option",
            extraArgs("--security-opt", "whatever=1"),
            "docker.security-opt"),
        arguments(
            "no-new-privileges=false",
            extraArgs("--security-opt", "no-new-privileges=false"),
            "docker.no-new-privileges"),
        arguments(
            "no-new-privileges:false",
            extraArgs("--security-opt=no-new-privileges:false"),
            "docker.no-new-privileges"),
        arguments(
            "NO-NEW-PRIVILEGES=FALSE",
            extraArgs("--security-opt", "NO-NEW-PRIVILEGES=FALSE"),
            "docker.no-new-privileges"),
        arguments(
            "no-new-privileges=0",
            extraArgs("--security-opt", "no-new-privileges=0"),
            "docker.no-new-privileges"),
        // host namespaces
        arguments("--pid=host", extraArgs("--pid=host"), "docker.namespaces"),
        arguments("--pid host", extraArgs("--pid", "host"), "docker.namespaces"),
        arguments("--pid=HOST", extraArgs("--pid=HOST"), "docker.namespaces"),
        arguments("--pid=container:x", extraArgs("--pid=container:db"), "docker.namespaces"),
        arguments("--ipc=host", extraArgs("--ipc=host"), "docker.namespaces"),
        arguments("--ipc=Host", extraArgs("--ipc=Host"), "docker.namespaces"),
        arguments("--ipc=container:x", extraArgs("--ipc=container:db"), "docker.namespaces"),
        arguments("--ipc=shareable", extraArgs("--ipc=shareable"), "docker.namespaces"),
        arguments("--uts=host", extraArgs("--uts=host"), "docker.namespaces"),
        arguments("--userns=host", extraArgs("--userns=host"), "docker.namespaces"),
        arguments("--userns host", extraArgs("--userns", "host"), "docker.namespaces"),
        arguments("--cgroupns=host", extraArgs("--cgroupns=host"), "docker.namespaces"),
        arguments("--cgroupns HOST", extraArgs("--cgroupns", "HOST"), "docker.namespaces"),
        // network
        arguments("--net=host", extraArgs("--net=host"), "docker.network"),
        arguments("--network=HOST", extraArgs("--network=HOST"), "docker.network"),
        arguments("--network host", extraArgs("--network", "host"), "docker.network"),
        arguments("--net container:x", extraArgs("--net", "container:db"), "docker.network"),
        arguments(
            "--network=bridge in extra_args", extraArgs("--network=bridge"), "docker.network"),
        arguments("--NET=host", extraArgs("--NET=host"), "docker.network"),
        arguments("network field host", spec(b -> b.network("host")), "docker.network"),
        arguments("network field HOST", spec(b -> b.network("HOST")), "docker.network"),
        arguments("network field Host", spec(b -> b.network(" Host ")), "docker.network"),
        arguments(
            "network field container:x", spec(b -> b.network("container:db")), "docker.network"),
        arguments(
            "network field CONTAINER:x", spec(b -> b.network("CONTAINER:db")), "docker.network"),
        arguments("network field with slash", spec(b -> b.network("a/b")), "docker.network"),
        arguments("network field nat (Windows)", spec(b -> b.network("nat")), "docker.network"),
        arguments("network field NAT", spec(b -> b.network(" NAT ")), "docker.network"),
        // devices and GPUs
        arguments("--device /dev/sda", extraArgs("--device", "/dev/sda"), "docker.devices"),
        arguments("--device=/dev/mem", extraArgs("--device=/dev/mem"), "docker.devices"),
        arguments(
            "--device /dev/kmsg:/dev/kmsg",
            extraArgs("--device", "/dev/kmsg:/dev/kmsg:rwm"),
            "docker.devices"),
        arguments(
            "--device-cgroup-rule", extraArgs("--device-cgroup-rule=c 1:* rwm"), "docker.devices"),
        arguments("--gpus all", extraArgs("--gpus", "all"), "docker.devices"),
        arguments("--gpus=1", extraArgs("--gpus=1"), "docker.devices"),
        arguments("gpus field", spec(b -> b.gpus("all")), "docker.devices"),
        // mounts: system folders, however spelled
        arguments("/", mount("/"), "docker.mounts.system"),
        arguments("//", mount("//"), "docker.mounts.system"),
        arguments("/etc", mount("/etc"), "docker.mounts.system"),
        arguments("/tmp/../etc", mount("/tmp/../etc"), "docker.mounts.system"),
        arguments("//etc//", mount("//etc//"), "docker.mounts.system"),
        arguments("/./etc/", mount("/./etc/"), "docker.mounts.system"),
        arguments("/etc/ssl", mount("/etc/ssl"), "docker.mounts.system"),
        arguments("/etc/shadow", mount("/etc/shadow"), "docker.mounts.system"),
        arguments("/proc", mount("/proc"), "docker.mounts.system"),
        arguments("/proc/1/root", mount("/proc/1/root"), "docker.mounts.system"),
        arguments("/sys", mount("/sys"), "docker.mounts.system"),
        arguments("/sys/fs/cgroup", mount("/sys/fs/cgroup"), "docker.mounts.system"),
        arguments("/dev", mount("/dev"), "docker.mounts.system"),
        arguments("/boot", mount("/boot"), "docker.mounts.system"),
        arguments("/usr", mount("/usr"), "docker.mounts.system"),
        arguments("/usr/bin", mount("/usr/bin"), "docker.mounts.system"),
        arguments("/lib", mount("/lib"), "docker.mounts.system"),
        arguments("/lib64", mount("/lib64"), "docker.mounts.system"),
        arguments("/bin", mount("/bin"), "docker.mounts.system"),
        arguments("/sbin", mount("/sbin"), "docker.mounts.system"),
        arguments("/run", mount("/run"), "docker.mounts.system"),
        arguments("/var/run", mount("/var/run"), "docker.mounts.system"),
        arguments("/var/lib/docker", mount("/var/lib/docker"), "docker.mounts.system"),
        arguments(
            "/var/lib/docker/volumes", mount("/var/lib/docker/volumes"), "docker.mounts.system"),
        arguments("/var/lib/containerd", mount("/var/lib/containerd"), "docker.mounts.system"),
        arguments("/var (holds /var/run)", mount("/var"), "docker.mounts.system"),
        arguments("/var/lib (holds docker)", mount("/var/lib"), "docker.mounts.system"),
        arguments("/var/./lib/../run", mount("/var/./lib/../run"), "docker.mounts.system"),
        arguments("/tmp/../../etc", mount("/tmp/../../etc"), "docker.mounts.system"),
        arguments("/etc/../etc/passwd", mount("/etc/../etc/passwd"), "docker.mounts.system"),
        // mounts: homes
        arguments("/home", mount("/home"), "docker.mounts.home"),
        arguments("/root", mount("/root"), "docker.mounts.home"),
        arguments("/root/", mount("/root/"), "docker.mounts.home"),
        arguments("/home/alice", mount("/home/alice"), "docker.mounts.home"),
        arguments("/home/alice/../bob", mount("/home/alice/../bob"), "docker.mounts.home"),
        // mounts: credentials anywhere
        arguments("/home/alice/.ssh", mount("/home/alice/.ssh"), "docker.mounts.credentials"),
        arguments(
            "/home/alice/project/.ssh",
            mount("/home/alice/project/.ssh"),
            "docker.mounts.credentials"),
        arguments("/srv/x/.aws", mount("/srv/x/.aws"), "docker.mounts.credentials"),
        arguments("/data/.kube/config", mount("/data/.kube/config"), "docker.mounts.credentials"),
        arguments("/opt/.docker", mount("/opt/.docker"), "docker.mounts.credentials"),
        arguments("/opt/app/.gnupg", mount("/opt/app/.gnupg"), "docker.mounts.credentials"),
        arguments("/opt/.SSH (case)", mount("/opt/.SSH"), "docker.mounts.credentials"),
        arguments("/opt/x/.netrc", mount("/opt/x/.netrc"), "docker.mounts.credentials"),
        arguments("folder holding .ssh", scratchMount("has-ssh"), "docker.mounts.credentials"),
        arguments("folder holding .aws", scratchMount("has-aws"), "docker.mounts.credentials"),
        arguments("inside .kube", scratchMount("deep/.kube/config.d"), "docker.mounts.credentials"),
        arguments("symlink to .ssh", scratchMount("link-to-ssh"), "docker.mounts.credentials"),
        // mounts: engine sockets anywhere
        arguments("/var/run/docker.sock", mount("/var/run/docker.sock"), "docker.mounts.system"),
        arguments("/srv/docker.sock", mount("/srv/docker.sock"), "docker.mounts.socket"),
        arguments(
            "/opt/x/containerd.sock", mount("/opt/x/containerd.sock"), "docker.mounts.socket"),
        arguments("/opt/podman.sock", mount("/opt/podman.sock"), "docker.mounts.socket"),
        arguments(
            "/opt/my-docker-proxy.sock",
            mount("/opt/my-docker-proxy.sock"),
            "docker.mounts.socket"),
        arguments("/opt/DOCKER.SOCK", mount("/opt/DOCKER.SOCK"), "docker.mounts.socket"),
        arguments(
            "folder holding docker.sock", scratchMount("with-socket"), "docker.mounts.socket"),
        arguments(
            "scratch containerd.sock",
            scratchMount("sockets/containerd.sock"),
            "docker.mounts.socket"),
        // mounts: symlinks resolved on the host
        arguments("symlink to /etc", scratchMount("link-to-etc"), "docker.mounts.system"),
        arguments("symlink to /proc", scratchMount("link-to-proc"), "docker.mounts.system"),
        arguments("symlink to /", scratchMount("link-to-root"), "docker.mounts.system"),
        arguments("symlink to /run", scratchMount("link-to-run"), "docker.mounts.system"),
        arguments(
            "missing leaf under symlink to /etc",
            scratchMount("link-to-etc/not-there"),
            "docker.mounts.system"),
        // mounts: guest side and bind syntax
        arguments(
            "guest /",
            mount(PolicyCases.SCRATCH.resolve("data").toString(), "/"),
            "docker.mounts.guest"),
        arguments(
            "guest /proc",
            mount(PolicyCases.SCRATCH.resolve("data").toString(), "/proc"),
            "docker.mounts.guest"),
        arguments(
            "guest /sys/x",
            mount(PolicyCases.SCRATCH.resolve("data").toString(), "/sys/x"),
            "docker.mounts.guest"),
        arguments(
            "guest with :rw",
            mount(PolicyCases.SCRATCH.resolve("data").toString(), "/data:rw"),
            "docker.mounts.guest"),
        arguments("host path with :", mount("/srv/a:/etc"), "docker.mounts.system"),
        // mounts in extra_args
        arguments("-v /:/host", extraArgs("-v", "/:/host"), "docker.mounts.extra-args"),
        arguments("-v/:/host", extraArgs("-v/:/host"), "docker.mounts.extra-args"),
        arguments(
            "--volume=/etc:/etc", extraArgs("--volume=/etc:/etc"), "docker.mounts.extra-args"),
        arguments(
            "--volume /srv/ok:/ok",
            extraArgs("--volume", "/srv/ok:/ok"),
            "docker.mounts.extra-args"),
        arguments(
            "-itv /:/host (chained)", extraArgs("-itv", "/:/host"), "docker.mounts.extra-args"),
        arguments(
            "--mount bind",
            extraArgs("--mount", "type=bind,src=/,dst=/host"),
            "docker.mounts.extra-args"),
        arguments(
            "--mount shared propagation",
            extraArgs("--mount=type=bind,src=/srv,dst=/s,bind-propagation=rshared"),
            "docker.mounts.extra-args"),
        arguments(
            "--mount named volume",
            extraArgs("--mount", "type=volume,src=data,dst=/data"),
            "docker.mounts.extra-args"),
        arguments(
            "--volume-driver", extraArgs("--volume-driver=local"), "docker.mounts.extra-args"),
        arguments(
            "--volumes-from", extraArgs("--volumes-from", "other"), "docker.mounts.extra-args"),
        // user
        arguments("user root", spec(b -> b.user("root")), "docker.user"),
        arguments("user 0", spec(b -> b.user("0")), "docker.user"),
        arguments("user 0:0", spec(b -> b.user("0:0")), "docker.user"),
        arguments("user 1000:0 (gid 0)", spec(b -> b.user("1000:0")), "docker.user"),
        arguments("user 0:1000 (uid 0)", spec(b -> b.user("0:1000")), "docker.user"),
        arguments("user 000", spec(b -> b.user("000")), "docker.user"),
        arguments("user root:root", spec(b -> b.user("root:root")), "docker.user"),
        arguments("user name", spec(b -> b.user("nobody")), "docker.user"),
        arguments("user :0", spec(b -> b.user(":0")), "docker.user"),
        arguments("-u 0 in extra_args", extraArgs("-u", "0"), "docker.user"),
        arguments("--user=1000:1000 in extra_args", extraArgs("--user=1000:1000"), "docker.user"),
        arguments("-u0 chained", extraArgs("-u0"), "docker.user"),
        // user ids Docker cannot take (it answers 'uids and gids must be in range 0-2147483647')
        arguments("user 4294967296", spec(b -> b.user("4294967296")), "docker.user"),
        arguments("user 4294967296:1000", spec(b -> b.user("4294967296:1000")), "docker.user"),
        arguments("user 1000:4294967296", spec(b -> b.user("1000:4294967296")), "docker.user"),
        arguments("user 2147483648 (int overflow)", spec(b -> b.user("2147483648")), "docker.user"),
        arguments(
            "user 4294967295 (-1 as uint32)", spec(b -> b.user("4294967295:1000")), "docker.user"),
        arguments(
            "user 18446744073709551616 (long overflow)",
            spec(b -> b.user("18446744073709551616")),
            "docker.user"),
        arguments(
            "user 99999999999999999999:1",
            spec(b -> b.user("99999999999999999999:1")),
            "docker.user"),
        // groups that own the host: by gid, as primary group or added
        arguments("user 1000:00 (gid 0 spelled 00)", spec(b -> b.user("1000:00")), "docker.user"),
        arguments("--group-add 0", extraArgs("--group-add", "0"), "docker.user"),
        arguments("--group-add=0", extraArgs("--group-add=0"), "docker.user"),
        arguments("--group-add docker (name)", extraArgs("--group-add", "docker"), "docker.user"),
        arguments("--group-add root (name)", extraArgs("--group-add", "root"), "docker.user"),
        arguments("--group-add disk (name)", extraArgs("--group-add", "disk"), "docker.user"),
        arguments("--group-add staff (any name)", extraArgs("--group-add", "staff"), "docker.user"),
        arguments("--group-add 4294967296", extraArgs("--group-add", "4294967296"), "docker.user"),
        arguments("--group-add empty", extraArgs("--group-add="), "docker.user"),
        arguments("--GROUP-ADD=0", extraArgs("--GROUP-ADD=0"), "docker.user"),
        // ports
        arguments("-p 80:80", extraArgs("-p", "80:80"), "docker.ports"),
        arguments("--publish=8080:80", extraArgs("--publish=8080:80"), "docker.ports"),
        arguments("-P", extraArgs("-P"), "docker.ports"),
        arguments("--publish-all", extraArgs("--publish-all"), "docker.ports"),
        arguments("--expose 80", extraArgs("--expose", "80"), "docker.ports"),
        // sysctls, ulimits, oom, runtime
        arguments(
            "--sysctl kernel.core_pattern",
            extraArgs("--sysctl", "kernel.core_pattern=|/x"),
            "docker.sysctls"),
        arguments(
            "--sysctl net.ipv4.ip_forward",
            extraArgs("--sysctl=net.ipv4.ip_forward=1"),
            "docker.sysctls"),
        arguments(
            "--sysctl kernel/shmmax", extraArgs("--sysctl", "kernel/shmmax=1"), "docker.sysctls"),
        arguments("--ulimit nofile=-1", extraArgs("--ulimit", "nofile=-1"), "docker.ulimits"),
        arguments(
            "--ulimit nofile=unlimited", extraArgs("--ulimit=nofile=unlimited"), "docker.ulimits"),
        arguments(
            "--ulimit memlock=-1:-1", extraArgs("--ulimit", "memlock=-1:-1"), "docker.ulimits"),
        arguments(
            "--ulimit core=10:5 (soft above hard)",
            extraArgs("--ulimit", "core=10:5"),
            "docker.ulimits"),
        arguments("--ulimit rtprio=99", extraArgs("--ulimit", "rtprio=99"), "docker.ulimits"),
        arguments("--ulimit bogus=1", extraArgs("--ulimit", "bogus=1"), "docker.ulimits"),
        arguments(
            "--ulimit nproc=9999999", extraArgs("--ulimit", "nproc=9999999"), "docker.ulimits"),
        arguments("--oom-kill-disable", extraArgs("--oom-kill-disable"), "docker.oom-kill-disable"),
        arguments(
            "--oom-kill-disable=true",
            extraArgs("--oom-kill-disable=true"),
            "docker.oom-kill-disable"),
        arguments("--runtime=runsc", extraArgs("--runtime=runsc"), "docker.runtime"),
        arguments("--runtime nvidia", extraArgs("--runtime", "nvidia"), "docker.runtime"),
        // image
        arguments("image -v", spec(b -> b.image("-v")), "docker.image"),
        arguments("image --privileged", spec(b -> b.image("--privileged")), "docker.image"),
        arguments("image with space", spec(b -> b.image("busybox --privileged")), "docker.image"),
        // everything else in extra_args: refused by name
        arguments("--cgroup-parent", extraArgs("--cgroup-parent=/"), "docker.extra-args"),
        arguments("--add-host", extraArgs("--add-host", "x:1.2.3.4"), "docker.extra-args"),
        arguments("--entrypoint", extraArgs("--entrypoint", "/bin/sh"), "docker.extra-args"),
        arguments("--memory (use limits)", extraArgs("--memory=10g"), "docker.extra-args"),
        arguments("-m 10g", extraArgs("-m", "10g"), "docker.extra-args"),
        arguments("--pids-limit=-1", extraArgs("--pids-limit=-1"), "docker.extra-args"),
        arguments("--isolation", extraArgs("--isolation=process"), "docker.extra-args"),
        arguments("--use-api-socket", extraArgs("--use-api-socket"), "docker.extra-args"),
        arguments(
            "-e without value", extraArgs("-e", "AWS_SECRET_ACCESS_KEY"), "docker.extra-args"),
        arguments(
            "--label dev.skillrt.managed",
            extraArgs("--label", "dev.skillrt.managed=false"),
            "docker.extra-args"),
        arguments("--tmpfs without size", extraArgs("--tmpfs", "/cache"), "docker.extra-args"),
        arguments(
            "--tmpfs too large", extraArgs("--tmpfs", "/cache:size=10g"), "docker.extra-args"),
        arguments("--tmpfs over /proc", extraArgs("--tmpfs", "/proc:size=1m"), "docker.extra-args"),
        arguments("--tmpfs suid", extraArgs("--tmpfs", "/cache:size=1m,suid"), "docker.extra-args"),
        arguments("--shm-size too large", extraArgs("--shm-size=8g"), "docker.extra-args"),
        arguments("--read-only=false", extraArgs("--read-only=false"), "docker.extra-args"),
        arguments("positional image", extraArgs("busybox"), "docker.extra-args"),
        arguments("flag missing its value", extraArgs("--label"), "docker.extra-args"),
        arguments("unknown short flag", extraArgs("-Z"), "docker.extra-args"),
        arguments("--", extraArgs("--", "--privileged"), "docker.extra-args"),
        // environment
        arguments("env name with =", environment("A=B", "x"), "docker.environment"),
        arguments("env value with NUL", environment("A", "x\0B=y"), "docker.environment"));
  }

  static Stream<Arguments> allowed() {
    return Stream.of(
        arguments("plain spec", spec(b -> b)),
        arguments("--init", extraArgs("--init")),
        arguments("--init=true", extraArgs("--init=true")),
        arguments("--rm", extraArgs("--rm")),
        arguments("--read-only", extraArgs("--read-only")),
        arguments("--cap-drop ALL", extraArgs("--cap-drop", "ALL")),
        arguments("--cap-add on the allow-list", extraArgs("--cap-add=NET_BIND_SERVICE")),
        arguments(
            "--cap-add CAP_ lower case on the list",
            extraArgs("--cap-add", "cap_net_bind_service")),
        arguments("--cap-add chown (listed as cap_chown)", extraArgs("--cap-add=CHOWN")),
        arguments("--label", extraArgs("--label", "team=search")),
        arguments("-l chained value", extraArgs("-lteam=search")),
        arguments("--env", extraArgs("--env", "MODE=fast")),
        arguments("-e K=V", extraArgs("-e", "MODE=fast")),
        arguments("-eK=V", extraArgs("-eMODE=fast")),
        arguments("--tmpfs with size", extraArgs("--tmpfs", "/cache:size=64m")),
        arguments("--tmpfs with options", extraArgs("--tmpfs=/cache:rw,noexec,size=16m,mode=1777")),
        arguments("--shm-size within bound", extraArgs("--shm-size=64m")),
        arguments("--shm-size 128mb", extraArgs("--shm-size", "128mb")),
        arguments("--ulimit nofile tight", extraArgs("--ulimit", "nofile=1024:2048")),
        arguments("--ulimit core=0", extraArgs("--ulimit=core=0")),
        arguments("--ulimit nproc=64", extraArgs("--ulimit", "nproc=64")),
        arguments("--sysctl safe", extraArgs("--sysctl", "net.ipv4.ip_unprivileged_port_start=0")),
        arguments(
            "--security-opt no-new-privileges", extraArgs("--security-opt", "no-new-privileges")),
        arguments(
            "--security-opt no-new-privileges:true",
            extraArgs("--security-opt=no-new-privileges:true")),
        arguments("--network none", extraArgs("--network", "none")),
        arguments("--net=NONE", extraArgs("--net=NONE")),
        arguments("--ipc=private", extraArgs("--ipc=private")),
        arguments("--cgroupns=private", extraArgs("--cgroupns=private")),
        arguments("--runtime=runc", extraArgs("--runtime=runc")),
        arguments("--device on allowed-devices", extraArgs("--device", "/dev/fuse")),
        arguments("network field bridge", spec(b -> b.network("bridge"))),
        arguments("network field user-defined", spec(b -> b.network("db-net"))),
        arguments("network field none", spec(b -> b.network("none"))),
        arguments("network field hostnet (not host)", spec(b -> b.network("hostnet"))),
        arguments("user 1000", spec(b -> b.user("1000"))),
        arguments("user 1000:1000", spec(b -> b.user("1000:1000"))),
        arguments("user 65534:65534", spec(b -> b.user("65534:65534"))),
        arguments("user 0 with allow_root", spec(b -> b.user("0:0").option("allow_root", "true"))),
        arguments(
            "user 2147483647 (Docker's largest id)", spec(b -> b.user("2147483647:2147483647"))),
        arguments("--group-add an unprivileged gid", extraArgs("--group-add", "4242")),
        arguments("--group-add=4242 twice", extraArgs("--group-add=4242", "--group-add=4243")),
        arguments(
            "--group-add 0 with allow_root",
            spec(
                b ->
                    b.user("0:0")
                        .option("allow_root", "true")
                        .extraArgs(java.util.List.of("--group-add", "0")))),
        arguments("network field natural (not nat)", spec(b -> b.network("natural"))),
        arguments("network field default", spec(b -> b.network("default"))),
        arguments(
            "image with registry and digest",
            spec(b -> b.image("registry.example:5000/team/tool@sha256:abc123"))),
        arguments("project folder", scratchMount("project")),
        arguments("project subfolder", scratchMount("project/src")),
        arguments("/rootfs-like is not /root", scratchMount("rootfs")),
        arguments("etc-backup is not /etc", scratchMount("etc-backup")),
        arguments("symlink to a project", scratchMount("link-to-project")),
        arguments("project via ..", scratchMount("project/src/..")),
        arguments("project via //./", mount("/" + PolicyCases.SCRATCH + "//./project/")),
        arguments("a plain app socket", scratchMount("sockets/app.sock")),
        arguments("/home/alice/project (may exist later)", mount("/home/alice/project")),
        arguments("/rootfs (not /root)", mount("/rootfs")),
        arguments("/etcetera (not /etc)", mount("/etcetera")),
        arguments("/srv/data", mount("/srv/data")),
        arguments("/var/tmp/work", mount("/var/tmp/work")),
        arguments("/mnt/datasets", mount("/mnt/datasets")),
        arguments("/opt/app/ssh-keys-doc (not .ssh)", mount("/opt/app/ssh")),
        arguments("/tmp/work", mount("/tmp/work")));
  }

  private static ExecutionRequest environment(String name, String value) {
    return ExecutionRequest.builder("policy", "tool", spec(b -> b).spec()).env(name, value).build();
  }

  @ParameterizedTest(name = "[{index}] deny {0}")
  @MethodSource("denied")
  void theRuleDeniesIt(String what, ExecutionRequest request, String expectedRuleId) {
    List<Violation> errors =
        PolicyRules.errors(PolicyRules.evaluate(RULES, request, PolicyPhase.VALIDATE));
    assertThat(errors)
        .as("%s should be denied by %s", what, expectedRuleId)
        .extracting(Violation::ruleId)
        .contains(expectedRuleId);
    assertThat(errors).allSatisfy(v -> assertThat(v.offendingValue()).isNotBlank());
  }

  @ParameterizedTest(name = "[{index}] allow {0}")
  @MethodSource("allowed")
  void thePolicyAllowsIt(String what, ExecutionRequest request) {
    List<Violation> errors =
        PolicyRules.errors(PolicyRules.evaluate(RULES, request, PolicyPhase.VALIDATE));
    assertThat(errors).as("%s should pass", what).isEmpty();
  }
}
