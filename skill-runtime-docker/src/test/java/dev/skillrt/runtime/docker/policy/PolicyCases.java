package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Mount;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** Builds the requests of the policy tables, and the host folders they mount. */
final class PolicyCases {

  static final String IMAGE = "skillrt/busybox:test";

  /** A scratch tree on the host: real folders, symlinks and credential folders. */
  static final Path SCRATCH = scratch();

  private PolicyCases() {}

  static ExecutionRequest extraArgs(String... args) {
    return spec(b -> b.extraArgs(Arrays.asList(args)));
  }

  static ExecutionRequest spec(UnaryOperator<ContainerSpec.Builder> change) {
    ContainerSpec spec =
        change.apply(ContainerSpec.builder(IMAGE).command(List.of("true"))).build();
    return ExecutionRequest.builder("policy", "tool", spec).build();
  }

  static ExecutionRequest mount(String hostPath) {
    return mount(hostPath, "/data");
  }

  static ExecutionRequest mount(String hostPath, String guestPath) {
    ContainerSpec spec = ContainerSpec.builder(IMAGE).command(List.of("true")).build();
    return ExecutionRequest.builder("policy", "tool", spec)
        .mount(new Mount(Path.of(hostPath), guestPath, true))
        .build();
  }

  static ExecutionRequest scratchMount(String relative) {
    return mount(SCRATCH.resolve(relative).toString());
  }

  private static Path scratch() {
    try {
      Path root = Files.createTempDirectory("skillrt-policy-");
      Files.createDirectories(root.resolve("project/src"));
      Files.createDirectories(root.resolve("data"));
      Files.createDirectories(root.resolve("rootfs"));
      Files.createDirectories(root.resolve("etc-backup"));
      Files.createDirectories(root.resolve("has-ssh/.ssh"));
      Files.createDirectories(root.resolve("has-aws/.aws"));
      Files.createDirectories(root.resolve("deep/.kube/config.d"));
      Files.createDirectories(root.resolve("with-socket"));
      Files.writeString(root.resolve("with-socket/docker.sock"), "");
      Files.createDirectories(root.resolve("sockets"));
      Files.writeString(root.resolve("sockets/containerd.sock"), "");
      Files.writeString(root.resolve("sockets/app.sock"), "");
      Files.createSymbolicLink(root.resolve("link-to-etc"), Path.of("/etc"));
      Files.createSymbolicLink(root.resolve("link-to-proc"), Path.of("/proc"));
      Files.createSymbolicLink(root.resolve("link-to-root"), Path.of("/"));
      Files.createSymbolicLink(root.resolve("link-to-project"), root.resolve("project"));
      Files.createSymbolicLink(root.resolve("link-to-ssh"), root.resolve("has-ssh/.ssh"));
      Files.createSymbolicLink(root.resolve("link-to-run"), Path.of("/run"));
      root.toFile().deleteOnExit();
      return root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
