package dev.skillrt.runtime.nativeproc.internal;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the first process of each call of one runtime: through a {@link LaunchServer} when the
 * plan lets it (the launcher with a PID namespace of the call's own), otherwise with a {@link
 * ProcessBuilder}. The server is started at the first call that can use it and started again if it
 * died; when it cannot start at all, every call starts with a {@code ProcessBuilder}, which is
 * slower but gives the same guarantees. A server that fails a call (killed, stopped, its socket
 * removed or taken over by another process) is replaced, and the call tried once more.
 */
public final class CallStarter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CallStarter.class);

  private final Optional<Path> launcher;
  private final Path workRoot;
  private @Nullable LaunchServer server; // guarded by this
  private boolean serverFailed; // guarded by this
  private boolean closed; // guarded by this

  public CallStarter(HostFacts host, Path workRoot) {
    this.launcher = host.launcher();
    this.workRoot = workRoot;
  }

  /**
   * Starts the plan in the folder. A started {@link ServedProcess} has had its stdin already;
   * another process gets it through {@link Process#getOutputStream()}.
   */
  Process start(LaunchPlan plan, WorkingFolder folder, byte @Nullable [] stdin) throws IOException {
    if (plan.servable()) {
      // like a ProcessBuilder's start, this is not cut short by an interrupt (which would close the
      // connection half way); the interrupt is kept for what follows
      boolean interrupted = Thread.interrupted();
      try {
        for (int attempt = 0; attempt < 2; attempt++) {
          LaunchServer s = server();
          if (s == null) {
            break;
          }
          try {
            return s.launch(plan.argv(), plan.environment(), folder.hostPath(), stdin);
          } catch (LaunchServer.ServerGone e) {
            // killed, stopped, or its socket removed or taken over: a new server, with a new
            // socket, serves the next attempt
            LOG.debug("the launch server is replaced: {}", e.getMessage());
            retire(s);
          } catch (LaunchServer.PipesUnreachable e) {
            giveUp(e); // this JVM may not open its calls' pipes: it starts every call itself
            break;
          } catch (ClosedByInterruptException e) {
            interrupted = true; // interrupted again during the start: this call starts below
            Thread.interrupted();
            break;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
    ProcessBuilder pb = new ProcessBuilder(plan.argv()).directory(folder.hostPath().toFile());
    pb.environment().clear();
    pb.environment().putAll(plan.environment());
    return ProcessStarter.start(pb);
  }

  /** The running server, started when there is none; null if none can be. */
  private synchronized @Nullable LaunchServer server() {
    LaunchServer s = server;
    if (s != null && s.alive()) {
      return s;
    }
    dropServer();
    if (serverFailed || closed || launcher.isEmpty()) {
      return null;
    }
    try {
      s = LaunchServer.start(launcher.get(), WorkingFolder.secureRoot(workRoot));
      server = s;
      return s;
    } catch (IOException | RuntimeException e) {
      giveUp(e);
      return null;
    }
  }

  /** Ends a server that failed a call, unless another thread replaced it already. */
  private synchronized void retire(LaunchServer failed) {
    if (server == failed) {
      server = null;
    }
    failed.kill();
  }

  /** From now on every call starts through a {@code ProcessBuilder}. */
  private synchronized void giveUp(Exception e) {
    if (!serverFailed) {
      LOG.warn(
          "the native runtime's launch server cannot serve this JVM ({}); calls start through the"
              + " JVM instead, which is slower",
          e.getMessage());
    }
    serverFailed = true;
    dropServer();
  }

  /** Ends the server; calls it started end with it. */
  @Override
  public synchronized void close() {
    closed = true;
    dropServer();
  }

  private synchronized void dropServer() {
    LaunchServer s = server;
    server = null;
    if (s != null) {
      s.close();
    }
  }
}
