package dev.skillrt.runtime.nativeproc.internal;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The launcher running as a server of this JVM ({@code skillrt-launch --serve}): it starts calls
 * with a {@code fork} of its own small process, where the JVM would start a helper program and then
 * the launcher for each call. It listens on a socket of mode 0600 in the work root and answers only
 * this JVM's own connections (by pid); it ends when the JVM closes it or dies, and every call it
 * started dies with it. See {@code src/main/c/skillrt-launch.c} for the protocol.
 */
final class LaunchServer implements AutoCloseable {

  private static final String JVM_PID = Long.toString(ProcessHandle.current().pid());

  /** The longest path a Unix socket address holds (108 bytes with its final NUL). */
  private static final int MAX_SOCKET_PATH = 107;

  private static final AtomicInteger SERVERS = new AtomicInteger();

  private static final ExecutorService REAPER =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "skillrt-native-served-exit");
            t.setDaemon(true);
            return t;
          });

  private final Path socket;
  private final UnixDomainSocketAddress address;
  private final Process server;

  private LaunchServer(Path socket, Process server) {
    this.socket = socket;
    this.address = UnixDomainSocketAddress.of(socket);
    this.server = server;
  }

  /**
   * Starts a server of the launcher, its socket in {@code folder} (a folder only the JVM's user can
   * change).
   *
   * @throws IOException when it cannot start or does not say it is ready
   */
  static LaunchServer start(Path launcher, Path folder) throws IOException {
    Path socket =
        folder
            .toAbsolutePath()
            .resolve("serve-" + JVM_PID + "-" + SERVERS.incrementAndGet() + ".sock");
    if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      throw new IOException("the socket path " + socket + " is too long for a Unix socket");
    }
    Files.deleteIfExists(socket); // left by an earlier JVM that had this pid
    ProcessBuilder pb =
        new ProcessBuilder(
                launcher.toString(), "--serve", socket.toString(), "--die-with-parent", JVM_PID)
            .redirectErrorStream(true);
    pb.environment().clear();
    Process server = ProcessStarter.startForTheJvmsLife(pb);
    String said;
    try (InputStream out = server.getInputStream()) {
      said = new String(out.readNBytes(6), StandardCharsets.UTF_8);
      if (!said.equals("ready\n")) {
        said += new String(out.readNBytes(4096), StandardCharsets.UTF_8);
      }
    }
    if (!said.equals("ready\n")) {
      server.destroyForcibly();
      throw new IOException("the launch server did not start: " + said.strip());
    }
    return new LaunchServer(socket, server);
  }

  /** Whether the server runs. */
  boolean alive() {
    return server.isAlive();
  }

  /**
   * Whether the server still runs after a failed call: a server killed from outside may still look
   * alive for a moment (its end is seen by another thread), so this waits a little for its end.
   */
  boolean survived() {
    try {
      return !server.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return server.isAlive();
    }
  }

  /**
   * Starts one call.
   *
   * @param argv the launcher's command line (its first element the launcher)
   * @param environment the program's environment
   * @param folder the working folder the call starts in
   * @param stdin what the program reads on stdin, or null for nothing
   * @throws IOException when the server is gone or refuses the call
   */
  Process launch(
      List<String> argv, Map<String, String> environment, Path folder, byte @Nullable [] stdin)
      throws IOException {
    ByteBuffer call = encode(argv, environment, folder.toAbsolutePath(), stdin);
    SocketChannel control = SocketChannel.open(StandardProtocolFamily.UNIX);
    List<InputStream> pipes = new ArrayList<>(2);
    boolean started = false;
    try {
      control.connect(address);
      writeFully(control, call);
      ByteBuffer answer = ByteBuffer.allocate(3 * Integer.BYTES).order(ByteOrder.nativeOrder());
      while (answer.hasRemaining()) {
        if (control.read(answer) < 0) {
          throw new IOException("the launch server ended the call before it started");
        }
      }
      int pid = answer.getInt(0);
      if (pid <= 0) {
        throw new IOException(
            "the launch server could not set up the call in " + folder + " (errno " + -pid + ")");
      }
      ProcessHandle handle =
          ProcessHandle.of(pid)
              .orElseThrow(() -> new IOException("the call's process " + pid + " vanished"));
      for (int at : new int[] {4, 8}) {
        pipes.add(openPipe(pid, answer.getInt(at)));
      }
      writeFully(control, ByteBuffer.wrap(new byte[] {1}));
      Process process = new ServedProcess(handle, control, pipes.get(0), pipes.get(1), REAPER);
      started = true;
      return process;
    } finally {
      if (!started) {
        control.close();
        for (InputStream p : pipes) {
          p.close();
        }
      }
    }
  }

  /**
   * The read end of a pipe the call's process holds, opened anew: the program writes to the pipe as
   * it would to one from a {@link ProcessBuilder}.
   */
  private static InputStream openPipe(int pid, int fd) throws IOException {
    Path end = Path.of("/proc", Integer.toString(pid), "fd", Integer.toString(fd));
    try {
      // buffered, as a ProcessBuilder's pipes are (a bare FileInputStream of a pipe fails
      // readAllBytes on Java 17, which asks a pipe for its position)
      return new BufferedInputStream(new FileInputStream(end.toFile()));
    } catch (IOException e) {
      throw new PipesUnreachable(
          "cannot open the output pipe " + end + " of the call's process: " + e.getMessage(), e);
    }
  }

  /** The JVM cannot open a served call's pipes here (a security module forbids it, say). */
  static final class PipesUnreachable extends IOException {
    private static final long serialVersionUID = 1L;

    PipesUnreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The call as the server reads it: counts, sizes, then NUL-ended strings, then stdin. */
  private static ByteBuffer encode(
      List<String> argv, Map<String, String> environment, Path folder, byte @Nullable [] stdin)
      throws IOException {
    List<byte[]> strings = new ArrayList<>(argv.size() + environment.size() + 1);
    strings.add(bytes(folder.toString()));
    for (String a : argv) {
      strings.add(bytes(a));
    }
    for (Map.Entry<String, String> e : environment.entrySet()) {
      strings.add(bytes(e.getKey() + "=" + e.getValue()));
    }
    int size = 0;
    for (byte[] s : strings) {
      size += s.length + 1;
    }
    int input = stdin == null ? 0 : stdin.length;
    ByteBuffer b = ByteBuffer.allocate(20 + size + input).order(ByteOrder.nativeOrder());
    b.putInt(argv.size()).putInt(environment.size()).putInt(size);
    b.putLong(stdin == null ? -1 : stdin.length);
    for (byte[] s : strings) {
      b.put(s).put((byte) 0);
    }
    if (stdin != null) {
      b.put(stdin);
    }
    return b.flip();
  }

  private static byte[] bytes(String s) throws IOException {
    if (s.indexOf('\0') >= 0) {
      throw new IOException("invalid null character in the command or its environment");
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void writeFully(SocketChannel c, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      c.write(b);
    }
  }

  /** Ends the server; calls it started end with it. */
  @Override
  public void close() {
    try {
      server.getOutputStream().close(); // the server ends when its stdin does
    } catch (IOException e) {
      server.destroyForcibly();
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // the server removes it too
    }
  }
}
