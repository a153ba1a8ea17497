package dev.skillrt.runtime.wasm.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The per-installation secret that authenticates cache entries: 32 random bytes in a file of the
 * cache folder, created once with {@code CREATE_NEW} and mode 0600. An existing key is used only
 * when it is a regular file (not a link) of the JVM's user with mode 0600 and 32 bytes long.
 */
final class CacheKey {

  static final String FILE_NAME = "hmac-key";
  static final int LENGTH = 32;

  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");
  private static final String FIX =
      "; the wasm runtime compiles in memory without a disk cache. Delete the file (a new key is"
          + " made; existing entries are then compiled again) or set 'cache-dir' to another folder";

  private CacheKey() {}

  /** Reads the key in {@code folder}, or creates it when there is none. */
  static byte[] loadOrCreate(Path folder, long uid) throws CacheRefusedException {
    Path file = folder.resolve(FILE_NAME);
    try {
      return create(file);
    } catch (FileAlreadyExistsException e) {
      return load(file, uid);
    } catch (IOException | UnsupportedOperationException e) {
      throw new CacheRefusedException(
          "cannot create the wasm compiled-module cache key " + file + ": " + e + FIX);
    }
  }

  private static byte[] create(Path file) throws IOException {
    byte[] key = new byte[LENGTH];
    new SecureRandom().nextBytes(key);
    try (SeekableByteChannel out =
        Files.newByteChannel(
            file,
            Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))) {
      // the umask may have taken bits away; set exactly 0600
      Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
      ByteBuffer buffer = ByteBuffer.wrap(key);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
    return key;
  }

  private static byte[] load(Path file, long uid) throws CacheRefusedException {
    // another JVM may have just created it and be writing it: give it a moment to finish
    for (int attempt = 0; ; attempt++) {
      FileFacts f;
      try {
        f = FileFacts.of(file);
      } catch (NoSuchFileException e) {
        throw new CacheRefusedException(
            "the wasm compiled-module cache key " + file + " vanished while being read" + FIX);
      } catch (IOException e) {
        throw new CacheRefusedException(
            "cannot check the wasm compiled-module cache key " + file + ": " + e + FIX);
      }
      if (f.link() || !f.regular()) {
        throw new CacheRefusedException(
            "the wasm compiled-module cache key "
                + file
                + " is "
                + f.kind()
                + ", not a file"
                + FIX);
      }
      if (f.uid() != uid) {
        throw new CacheRefusedException(
            "the wasm compiled-module cache key "
                + file
                + " belongs to uid "
                + f.uid()
                + ", not to the JVM's user (uid "
                + uid
                + ")"
                + FIX);
      }
      if (f.mode() != FileFacts.OWNER_READ_WRITE) {
        throw new CacheRefusedException(
            "the wasm compiled-module cache key "
                + file
                + " has mode "
                + f.permissions()
                + "; it must be 0600 (readable and writable by its owner only)"
                + FIX);
      }
      if (f.size() == LENGTH) {
        return read(file);
      }
      if (f.size() > LENGTH || attempt >= 20) {
        throw new CacheRefusedException(
            "the wasm compiled-module cache key "
                + file
                + " is "
                + f.size()
                + " bytes long, not "
                + LENGTH
                + FIX);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CacheRefusedException(
            "interrupted while reading the wasm compiled-module cache key " + file + FIX);
      }
    }
  }

  private static byte[] read(Path file) throws CacheRefusedException {
    try (SeekableByteChannel in =
        Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
      while (buffer.hasRemaining() && in.read(buffer) > 0) {
        // keep reading
      }
      if (buffer.hasRemaining()) {
        throw new CacheRefusedException(
            "the wasm compiled-module cache key "
                + file
                + " is shorter than "
                + LENGTH
                + " bytes"
                + FIX);
      }
      return buffer.array();
    } catch (IOException e) {
      throw new CacheRefusedException(
          "cannot read the wasm compiled-module cache key " + file + ": " + e + FIX);
    }
  }
}
