package dev.skillrt.runtime.nativeproc.internal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Starts a call's first process from a thread that lives as long as the JVM. The kernel sends the
 * parent-death signal that ties a call to the JVM ({@code --die-with-parent}, bubblewrap's, {@code
 * setpriv --pdeathsig}) when the <em>thread</em> that started the process ends, not the JVM: a
 * virtual thread's carrier (Java 21 and later) is retired after 30 idle seconds while the call it
 * started still runs, which would kill the call. A platform thread waits for its own call, so it
 * starts the process itself; a virtual thread hands the start to this class's one daemon thread.
 */
final class ProcessStarter {

  private static final @Nullable Method IS_VIRTUAL = isVirtualMethod();

  private static @Nullable ExecutorService starter;

  private ProcessStarter() {}

  /** Starts the process, from a thread that outlives it. */
  static Process start(ProcessBuilder pb) throws IOException {
    if (!onVirtualThread()) {
      return pb.start();
    }
    return startForTheJvmsLife(pb);
  }

  /**
   * Starts the process from this class's daemon thread, which lives as long as the JVM: for a
   * process that outlives the thread that asks for it (the {@link LaunchServer}).
   */
  static Process startForTheJvmsLife(ProcessBuilder pb) throws IOException {
    Future<Process> started = starter().submit(pb::start);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return started.get();
        } catch (InterruptedException e) {
          interrupted = true; // the process may be starting: its handle is needed to stop it
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static synchronized ExecutorService starter() {
    ExecutorService s = starter;
    if (s == null) {
      s =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "skillrt-native-process-starter");
                t.setDaemon(true);
                return t;
              });
      starter = s;
    }
    return s;
  }

  private static boolean onVirtualThread() {
    Method m = IS_VIRTUAL;
    if (m == null) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(m.invoke(Thread.currentThread()));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** {@code Thread.isVirtual()}, which exists from Java 21 on. */
  private static @Nullable Method isVirtualMethod() {
    try {
      return Thread.class.getMethod("isVirtual");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
