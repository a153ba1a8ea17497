package dev.skillrt.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Polls a manifest file (modification time, size and SHA-256 of its content) and reports each
 * change once. Polling works alike on every file system and editor (WatchService misses files
 * replaced by rename on some), and a manifest is small.
 */
final class ManifestWatcher implements AutoCloseable {

  private final Path file;
  private final long intervalMillis;
  private final Consumer<Path> onChange;
  private final Thread thread;
  private volatile boolean stopped;
  private @Nullable Stamp last;

  private record Stamp(long modified, long size, byte[] hash) {
    boolean sameAs(@Nullable Stamp o) {
      return o != null && modified == o.modified && size == o.size && Arrays.equals(hash, o.hash);
    }
  }

  ManifestWatcher(Path file, long intervalMillis, Consumer<Path> onChange) {
    this.file = file;
    this.intervalMillis = intervalMillis;
    this.onChange = onChange;
    this.last = stamp();
    this.thread = new Thread(this::loop, "skill-manifest-watch");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void loop() {
    while (!stopped) {
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        return;
      }
      Stamp now = stamp();
      if (now != null && !now.sameAs(last)) {
        last = now;
        onChange.accept(file);
      }
    }
  }

  private @Nullable Stamp stamp() {
    try {
      long modified = Files.getLastModifiedTime(file).toMillis();
      byte[] content = Files.readAllBytes(file);
      return new Stamp(
          modified, content.length, MessageDigest.getInstance("SHA-256").digest(content));
    } catch (IOException e) {
      return null; // mid-save or removed: look again at the next poll
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
