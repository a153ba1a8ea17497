package dev.skillrt.runtime.nativeproc.internal;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The launcher running as a server of this JVM ({@code skillrt-launch --serve}): it starts calls
 * with a {@code fork} of its own small process, where the JVM would start a helper program and then
 * the launcher for each call. It listens on a socket of mode 0600 in the work root and answers only
 * this JVM's own connections (by pid); every answer starts with a random token the JVM gave it, so
 * a socket put in its place by another process of the user is found out. It ends when the JVM
 * closes it or dies, and every call it started dies with it. See {@code
 * src/main/c/skillrt-launch.c} for the protocol.
 */
final class LaunchServer implements AutoCloseable {

  private static final String JVM_PID = Long.toString(ProcessHandle.current().pid());

  /**
   * The longest socket path the JDK connects to: 106 bytes, two fewer than a Unix socket address
   * holds (it keeps room for the final NUL and one more byte).
   */
  static final int MAX_SOCKET_PATH = 106;

  private static final int TOKEN_BYTES = 32;

  /** How long the server may take to start, or to answer a call's start. */
  static final Duration ANSWER_TIME = Duration.ofSeconds(10);

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Charset JNU = jnuEncoding();

  private static final ExecutorService REAPER =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "skillrt-native-served-exit");
            t.setDaemon(true);
            return t;
          });

  private static final ScheduledExecutorService WATCHDOG = watchdog();

  private static final Set<Pending> PENDING = ConcurrentHashMap.newKeySet();

  private final Path socket;
  private final UnixDomainSocketAddress address;
  private final Process server;
  private final byte[] token;

  private LaunchServer(Path socket, Process server, byte[] token) {
    this.socket = socket;
    this.address = UnixDomainSocketAddress.of(reachable(socket, server.pid()));
    this.server = server;
    this.token = token;
  }

  /**
   * A call's start waiting for the server's answer. The watchdog closes its connection once the
   * deadline has passed (looking once a second, so a start costs no timer of its own).
   */
  private static final class Pending {
    private final SocketChannel control;
    private final long deadline;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile boolean late;

    Pending(SocketChannel control, long deadline) {
      this.control = control;
      this.deadline = deadline;
    }

    /** Closes the connection if the deadline has passed and no answer came (the watchdog). */
    void check(long now) {
      if (now - deadline > 0 && settled.compareAndSet(false, true)) {
        late = true;
        closeQuietly(control);
      }
    }

    /** Whether the answer came before the watchdog closed the connection; it no longer can. */
    boolean answered() {
      return settled.compareAndSet(false, true);
    }

    boolean late() {
      return late;
    }
  }

  /** The server is gone, stuck or not the one this JVM started: start another one. */
  static final class ServerGone extends IOException {
    private static final long serialVersionUID = 1L;

    ServerGone(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /** The JVM cannot open a served call's pipes here (a security module forbids it, say). */
  static final class PipesUnreachable extends IOException {
    private static final long serialVersionUID = 1L;

    PipesUnreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Starts a server of the launcher, its socket in {@code folder} (a folder only the JVM's user can
   * change, of any length).
   *
   * @throws IOException when it cannot start or does not say it is ready in time
   */
  static LaunchServer start(Path launcher, Path folder) throws IOException {
    byte[] token = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(token);
    Path socket =
        folder
            .toAbsolutePath()
            .resolve("serve-" + JVM_PID + "-" + HexFormat.of().formatHex(token, 0, 6) + ".sock");
    Files.deleteIfExists(socket);
    ProcessBuilder pb =
        new ProcessBuilder(
                launcher.toString(), "--serve", socket.toString(), "--die-with-parent", JVM_PID)
            .redirectErrorStream(true);
    pb.environment().clear();
    Process server = ProcessStarter.startForTheJvmsLife(pb);
    AtomicBoolean late = new AtomicBoolean();
    ScheduledFuture<?> deadline =
        WATCHDOG.schedule(
            () -> {
              late.set(true);
              server.destroyForcibly();
            },
            ANSWER_TIME.toMillis(),
            TimeUnit.MILLISECONDS);
    String said;
    try (InputStream out = server.getInputStream()) {
      OutputStream in = server.getOutputStream();
      in.write(token);
      in.flush(); // stdin stays open: the server ends when it closes
      said = new String(out.readNBytes(6), StandardCharsets.UTF_8);
      if (!said.equals("ready\n")) {
        said += new String(out.readNBytes(4096), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      said = e.getMessage();
    } finally {
      deadline.cancel(false);
    }
    if (!"ready\n".equals(said)) {
      server.destroyForcibly();
      throw new IOException(
          late.get()
              ? "the launch server did not say it was ready within "
                  + ANSWER_TIME.toSeconds()
                  + " s"
              : "the launch server did not start: " + String.valueOf(said).strip());
    }
    return new LaunchServer(socket, server, token);
  }

  /**
   * The path to connect to: the socket's own, or, when that is longer than an address holds, the
   * same socket through the server's working folder (the socket's folder).
   */
  static Path reachable(Path socket, long serverPid) {
    if (socket.toString().getBytes(JNU).length <= MAX_SOCKET_PATH) {
      return socket;
    }
    return Path.of("/proc", Long.toString(serverPid), "cwd").resolve(socket.getFileName());
  }

  /** Whether the server runs. */
  boolean alive() {
    return server.isAlive();
  }

  /**
   * Starts one call.
   *
   * @param argv the launcher's command line (its first element the launcher)
   * @param environment the program's environment
   * @param folder the working folder the call starts in
   * @param stdin what the program reads on stdin, or null for nothing
   * @throws ServerGone when the server is gone, does not answer in time or is not this JVM's
   * @throws PipesUnreachable when the JVM may not open the call's pipes
   * @throws IOException when the call cannot be set up (its folder cannot be entered, say)
   */
  Process launch(
      List<String> argv, Map<String, String> environment, Path folder, byte @Nullable [] stdin)
      throws IOException {
    ByteBuffer head = encode(argv, environment, folder.toAbsolutePath(), stdin);
    SocketChannel control = SocketChannel.open(StandardProtocolFamily.UNIX);
    Pending pending = new Pending(control, System.nanoTime() + ANSWER_TIME.toNanos());
    PENDING.add(pending);
    List<InputStream> pipes = new ArrayList<>(2);
    ProcessHandle handle = null;
    boolean started = false;
    try {
      try {
        control.connect(address);
      } catch (ClosedByInterruptException e) {
        throw e;
      } catch (IOException e) {
        throw new ServerGone("the launch server's socket does not answer: " + e, e);
      }
      writeFully(control, head);
      if (stdin != null) {
        writeFully(control, ByteBuffer.wrap(stdin));
      }
      ByteBuffer answer =
          ByteBuffer.allocate(TOKEN_BYTES + 3 * Integer.BYTES).order(ByteOrder.nativeOrder());
      while (answer.hasRemaining()) {
        if (control.read(answer) < 0) {
          throw new ServerGone("the launch server ended the call before it started", null);
        }
      }
      byte[] proof = new byte[TOKEN_BYTES];
      answer.get(0, proof);
      if (!MessageDigest.isEqual(proof, token)) {
        throw new ServerGone(
            "the call was answered by a process that is not this JVM's launch server: its socket "
                + socket
                + " was replaced",
            null);
      }
      int pid = answer.getInt(TOKEN_BYTES);
      if (pid <= 0) {
        throw new IOException(
            "the launch server could not set up the call: " + reason(-pid, folder));
      }
      handle =
          ProcessHandle.of(pid)
              .orElseThrow(() -> new IOException("the call's process " + pid + " vanished"));
      pipes.add(openPipe(pid, answer.getInt(TOKEN_BYTES + 4)));
      pipes.add(openPipe(pid, answer.getInt(TOKEN_BYTES + 8)));
      writeFully(control, ByteBuffer.wrap(new byte[] {1}));
      if (!pending.answered()) {
        throw new ServerGone("the launch server did not answer in time", null);
      }
      Process process = new ServedProcess(handle, control, pipes.get(0), pipes.get(1), REAPER);
      started = true;
      return process;
    } catch (IOException e) {
      if (pending.late()) {
        throw new ServerGone(
            "the launch server did not answer within " + ANSWER_TIME.toSeconds() + " s", e);
      }
      throw e;
    } catch (RuntimeException e) {
      throw new IOException("the launch server could not start the call: " + e, e);
    } finally {
      PENDING.remove(pending);
      if (!started) {
        if (handle != null) {
          handle.destroyForcibly(); // it may have had the go-ahead: nothing runs untracked
        }
        closeQuietly(control);
        for (InputStream p : pipes) {
          closeQuietly(p);
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

  /** What an errno the call's process answered means here. */
  private static String reason(int errno, Path folder) {
    return switch (errno) {
      case 2 -> "the working folder " + folder + " does not exist";
      case 13 -> "the working folder " + folder + " cannot be entered (permission denied)";
      case 20 -> "the working folder " + folder + " is not a folder";
      case 71 -> "the server could not read the call (too large, or not sent in time)";
      case 11, 12, 24 -> "out of processes, memory or files (errno " + errno + ")";
      default -> "errno " + errno;
    };
  }

  /** The head of a call as the server reads it: counts, sizes, then NUL-ended strings. */
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
    long size = 0;
    for (byte[] s : strings) {
      size += s.length + 1;
    }
    if (size > Integer.MAX_VALUE - 20) {
      throw new IOException("the command and its environment are too large to start");
    }
    ByteBuffer b = ByteBuffer.allocate(20 + (int) size).order(ByteOrder.nativeOrder());
    b.putInt(argv.size()).putInt(environment.size()).putInt((int) size);
    b.putLong(stdin == null ? -1 : stdin.length);
    for (byte[] s : strings) {
      b.put(s).put((byte) 0);
    }
    return b.flip();
  }

  private static byte[] bytes(String s) throws IOException {
    if (s.indexOf('\0') >= 0) {
      throw new IOException("invalid null character in the command or its environment");
    }
    return s.getBytes(JNU);
  }

  /** The encoding a ProcessBuilder gives a command line, so both starts pass the same bytes. */
  private static Charset jnuEncoding() {
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static void writeFully(SocketChannel c, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      c.write(b);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  private static ScheduledExecutorService watchdog() {
    ScheduledThreadPoolExecutor w =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "skillrt-native-launch-watchdog");
              t.setDaemon(true);
              return t;
            });
    w.setRemoveOnCancelPolicy(true);
    w.scheduleWithFixedDelay(
        () -> {
          long now = System.nanoTime();
          for (Pending p : PENDING) {
            p.check(now);
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    return w;
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

  /** Ends the server at once: it is stuck, or its socket was taken over. */
  void kill() {
    server.destroyForcibly();
    close();
  }
}
