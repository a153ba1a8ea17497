package dev.skillrt.runtime.nativeproc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call started by the {@link LaunchServer}: its process is a child of the server, not of the JVM.
 * The program writes to pipes the JVM reads as it would a {@link ProcessBuilder}'s; its stdin was
 * sent with the call; the exit status comes on the control connection. The handle is taken while
 * the process waits for it, so it always names this process (a handle carries the start time: a
 * reused pid never matches).
 */
final class ServedProcess extends Process {

  /** The status of a call whose process was killed before it could report one (SIGKILL). */
  private static final int KILLED = 128 + 9;

  private final ProcessHandle handle;
  private final InputStream stdout;
  private final InputStream stderr;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  ServedProcess(
      ProcessHandle handle,
      SocketChannel control,
      InputStream stdout,
      InputStream stderr,
      Executor reaper) {
    this.handle = handle;
    this.stdout = stdout;
    this.stderr = stderr;
    reaper.execute(() -> exit.complete(status(control)));
  }

  /** Reads the status the call's process reports when the call ends. */
  private static int status(SocketChannel control) {
    try (control) {
      ByteBuffer b = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder());
      while (b.hasRemaining()) {
        if (control.read(b) < 0) {
          return KILLED;
        }
      }
      return b.getInt(0);
    } catch (IOException e) {
      return KILLED;
    }
  }

  /** Stdin was sent with the call: nothing is written here. */
  @Override
  public OutputStream getOutputStream() {
    return OutputStream.nullOutputStream();
  }

  @Override
  public InputStream getInputStream() {
    return stdout;
  }

  @Override
  public InputStream getErrorStream() {
    return stderr;
  }

  @Override
  public int waitFor() throws InterruptedException {
    try {
      return exit.get();
    } catch (ExecutionException e) {
      return KILLED; // never: the status is always set, never failed
    }
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      exit.get(timeout, unit);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  @Override
  public int exitValue() {
    Integer code = exit.getNow(null);
    if (code == null) {
      throw new IllegalThreadStateException("process " + handle.pid() + " has not exited");
    }
    return code;
  }

  @Override
  public boolean isAlive() {
    return !exit.isDone();
  }

  @Override
  public void destroy() {
    handle.destroy();
  }

  @Override
  public Process destroyForcibly() {
    handle.destroyForcibly();
    return this;
  }

  @Override
  public boolean supportsNormalTermination() {
    return true;
  }

  @Override
  public long pid() {
    return handle.pid();
  }

  @Override
  public ProcessHandle toHandle() {
    return handle;
  }

  @Override
  public CompletableFuture<Process> onExit() {
    return exit.thenApply(code -> this);
  }
}
