package dev.skillrt.cli.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Docker engine of the soak's own: a second dockerd (as .ci/docker-test-env.sh starts the shared
 * one: no iptables, no bridge, vfs) with its own socket, data and exec roots and pid file under a
 * folder of the test, holding the test image copied from the shared engine. The soak stops and
 * starts it at will without disturbing the shared engine, which stays up throughout; {@link
 * #close()} stops it and removes nothing else.
 */
final class SoakDockerEngine implements AutoCloseable {

  static final String IMAGE = "skillrt/busybox:test";
  static final String SHARED_ENGINE = "unix:///run/skillrt-docker.sock";

  private final Path root;
  private final Path socket;
  private final Path pidFile;
  private Optional<Process> daemon = Optional.empty();

  private SoakDockerEngine(Path root) {
    this.root = root;
    this.socket = root.resolve("d.sock");
    this.pidFile = root.resolve("d.pid");
  }

  /** Why no engine can be started here, or empty when one can. */
  static Optional<String> whyNot() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("dockerd needs root; the JVM runs as " + System.getProperty("user.name"));
    }
    if (find("dockerd").isEmpty() || find("docker").isEmpty()) {
      return Optional.of(
          "dockerd or docker is not on PATH or in /usr/sbin (install docker.io, see .ci/docker-test-env.sh)");
    }
    try {
      if (run(
              List.of("docker", "-H", SHARED_ENGINE, "image", "inspect", IMAGE),
              Duration.ofSeconds(30))
          != 0) {
        return Optional.of(
            "the shared engine at "
                + SHARED_ENGINE
                + " has no "
                + IMAGE
                + " to copy (eval \"$(.ci/docker-test-env.sh)\")");
      }
    } catch (IOException e) {
      return Optional.of("cannot run docker: " + e.getMessage());
    }
    return Optional.empty();
  }

  static SoakDockerEngine start(Path root) throws IOException {
    SoakDockerEngine engine = new SoakDockerEngine(root);
    engine.up();
    int loaded =
        run(
            List.of(
                "sh",
                "-c",
                "docker -H "
                    + SHARED_ENGINE
                    + " save "
                    + IMAGE
                    + " | docker -H "
                    + engine.host()
                    + " load"),
            Duration.ofSeconds(120));
    if (loaded != 0) {
      engine.close();
      throw new IOException(
          "could not copy " + IMAGE + " from " + SHARED_ENGINE + " to " + engine.host());
    }
    return engine;
  }

  String host() {
    return "unix://" + socket;
  }

  /** Starts dockerd and waits until it answers. */
  void up() throws IOException {
    Files.createDirectories(root.resolve("data"));
    Files.createDirectories(root.resolve("exec"));
    List<String> argv =
        List.of(
            find("dockerd").orElseThrow().toString(),
            "--iptables=false",
            "--ip6tables=false",
            "--bridge=none",
            "--storage-driver=vfs",
            "--data-root",
            root.resolve("data").toString(),
            "--exec-root",
            root.resolve("exec").toString(),
            "-H",
            host(),
            "--pidfile",
            pidFile.toString());
    daemon =
        Optional.of(
            new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(
                    ProcessBuilder.Redirect.appendTo(root.resolve("dockerd.log").toFile()))
                .start());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (run(List.of("docker", "-H", host(), "info"), Duration.ofSeconds(10)) != 0) {
      if (System.nanoTime() > deadline || !daemon.get().isAlive()) {
        throw new IOException(
            "the soak's dockerd did not answer on "
                + host()
                + " within 60 s; see "
                + root.resolve("dockerd.log"));
      }
      sleep(200);
    }
  }

  /** Stops dockerd (SIGTERM, as a restart does) and waits for it to exit. */
  void down() {
    daemon.ifPresent(
        d -> {
          d.destroy();
          try {
            if (!d.waitFor(60, TimeUnit.SECONDS)) {
              d.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    daemon = Optional.empty();
  }

  /**
   * Ids of the containers on this engine with the given label ({@code key=value}), running or not.
   */
  List<String> containers(String label) throws IOException {
    Process p =
        new ProcessBuilder("docker", "-H", host(), "ps", "-aq", "--filter", "label=" + label)
            .start();
    List<String> ids = new ArrayList<>();
    for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
      if (!line.isBlank()) {
        ids.add(line.strip());
      }
    }
    return ids;
  }

  @Override
  public void close() {
    down();
  }

  /** A program on PATH or in the sbin folders (where Debian puts dockerd). */
  static Optional<Path> find(String program) {
    List<String> folders =
        new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    folders.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin"));
    return folders.stream()
        .filter(f -> !f.isEmpty())
        .map(f -> Path.of(f, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static int run(List<String> argv, Duration timeout) throws IOException {
    Process p =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return -1;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
