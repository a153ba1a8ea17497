package dev.skillrt.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code skill serve} started from the runnable jar as a separate process, talked to line by line:
 * for what a client library hides (every byte on stdout, malformed input, shutdown).
 */
final class ServeProcess implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  final Process process;
  final List<String> stdoutLines = java.util.Collections.synchronizedList(new ArrayList<>());
  final StringBuffer stderr = new StringBuffer();
  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  private final OutputStream in;

  private ServeProcess(Process process) {
    this.process = process;
    this.in = process.getOutputStream();
    Thread out = new Thread(() -> readLines(process.getInputStream(), true), "serve-stdout");
    Thread err = new Thread(() -> readLines(process.getErrorStream(), false), "serve-stderr");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
  }

  /** The runnable jar built by package (the process-tests execution sets it). */
  static Path jar() {
    String configured = System.getProperty("skillrt.cli.jar");
    if (configured == null) {
      System.err.println(
          "\n*** SKIPPED: MCP process tests run in the process-tests execution, after package ***\n");
    }
    assumeTrue(configured != null, "run by the process-tests execution of mvn verify");
    Path jar = Path.of(configured);
    assertThat(jar).as("the runnable jar built by package").isRegularFile();
    return jar;
  }

  static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  static ServeProcess start(String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(args));
    pb.environment().remove("SKILL_MANIFEST");
    return new ServeProcess(pb.start());
  }

  private void readLines(java.io.InputStream stream, boolean protocol) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (protocol) {
          stdoutLines.add(line);
          try {
            messages.add(JSON.readTree(line));
          } catch (IOException e) {
            messages.add(JSON.createObjectNode().put("notJson", line));
          }
        } else {
          stderr.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  void send(String line) throws IOException {
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  void send(byte[] bytes) throws IOException {
    in.write(bytes);
    in.flush();
  }

  void initialize() throws Exception {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-test\",\"version\":\"1\"}}}");
    assertThat(await(m -> m.path("id").asText().equals("init"), Duration.ofSeconds(60)))
        .isNotNull();
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  void call(Object id, String tool, String argumentsJson) throws IOException {
    String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + idJson
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\",\"arguments\":"
            + argumentsJson
            + "}}");
  }

  /** The next message that matches, skipping others; fails after the timeout. */
  JsonNode await(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
      if (m != null && match.test(m)) {
        return m;
      }
    }
    throw new AssertionError("no matching message within " + timeout + "; stderr:\n" + stderr);
  }

  JsonNode response(Object id) throws InterruptedException {
    String wanted = String.valueOf(id);
    return await(
        m ->
            m.has("id")
                && m.get("id").asText().equals(wanted)
                && (m.has("result") || m.has("error")),
        Duration.ofSeconds(60));
  }

  void closeInput() throws IOException {
    in.close();
  }

  int awaitExit(Duration timeout) throws InterruptedException {
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("skill serve ended within " + timeout + "; stderr:\n" + stderr)
        .isTrue();
    return process.exitValue();
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Whether a process whose command line contains the marker is alive anywhere on the machine. */
  static boolean anyProcessWith(String marker) {
    return ProcessHandle.allProcesses()
        .anyMatch(
            p -> p.isAlive() && p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
  }

  static void awaitProcessWith(String marker, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!anyProcessWith(marker)) {
      assertThat(System.nanoTime())
          .as("a process running " + marker + " appeared")
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  static void awaitNoProcessWith(String marker, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (anyProcessWith(marker)) {
      assertThat(System.nanoTime())
          .as("every process running " + marker + " is gone")
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  static Path manifest(String name) {
    return Path.of("src/test/resources/manifests", name).toAbsolutePath();
  }
}
