package dev.skillrt.bench.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The baseline a user would write without this project: {@link ProcessBuilder}, start, wait. */
public final class BareProcess {

  private BareProcess() {}

  /** Starts the command, waits for it and fails loudly unless it exited 0. */
  public static int run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).start();
      return expectZero(p.waitFor(), command);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + command, e);
    }
  }

  /**
   * Starts the command, reads its stdout to the end into nothing, waits; returns the bytes read.
   */
  public static long drain(List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long bytes;
      try (InputStream in = p.getInputStream()) {
        bytes = in.transferTo(OutputStream.nullOutputStream());
      }
      expectZero(p.waitFor(), command);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + command, e);
    }
  }

  private static int expectZero(int exit, List<String> command) {
    if (exit != 0) {
      throw new IllegalStateException(command + " exited with " + exit);
    }
    return exit;
  }
}
