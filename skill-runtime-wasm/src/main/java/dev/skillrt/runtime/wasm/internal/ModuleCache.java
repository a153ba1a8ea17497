package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.skillrt.api.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Parsed (and, once used compiled, compiled) modules by content: the sha-256 of the file's bytes.
 * Two paths with the same bytes share one entry; a changed file is a new entry. Keeps the most
 * recently used {@code capacity} modules. A file whose identity, size and modification time are
 * unchanged since it was hashed is not read again. Thread-safe.
 */
public final class ModuleCache {

  private final @Nullable DiskCompiledCache diskCache;
  private final Map<String, LoadedModule> modules;
  private final Map<Path, Stamp> hashes = new ConcurrentHashMap<>();

  /** A file's identity, size and modification time when its hash was taken. */
  private record Stamp(@Nullable Object fileKey, long size, FileTime modified, String sha) {
    boolean matches(BasicFileAttributes a) {
      return Objects.equals(fileKey, a.fileKey())
          && size == a.size()
          && modified.equals(a.lastModifiedTime());
    }
  }

  public ModuleCache(int capacity, @Nullable DiskCompiledCache diskCache) {
    this.diskCache = diskCache;
    this.modules =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, LoadedModule> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The module in a file, parsed once per content.
   *
   * @throws ConfigurationException when the file is missing, unreadable or not a valid module
   */
  public LoadedModule load(Path file) {
    // An unchanged file (same identity, size and modification time) is not read and hashed again.
    BasicFileAttributes attributes = attributes(file);
    Stamp stamp = hashes.get(file);
    if (stamp != null && stamp.matches(attributes)) {
      synchronized (modules) {
        LoadedModule known = modules.get(stamp.sha());
        if (known != null) {
          return known;
        }
      }
    }
    byte[] bytes = read(file);
    String sha = HexFormat.of().formatHex(DiskCompiledCache.sha256(bytes));
    if (attributes.size() == bytes.length) {
      hashes.put(
          file,
          new Stamp(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), sha));
    }
    synchronized (modules) {
      LoadedModule known = modules.get(sha);
      if (known != null) {
        return known;
      }
    }
    LoadedModule parsed = new LoadedModule(sha, parse(file, bytes), diskCache);
    synchronized (modules) {
      return modules.computeIfAbsent(sha, k -> parsed);
    }
  }

  /** How many modules are held. */
  public int size() {
    synchronized (modules) {
      return modules.size();
    }
  }

  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException(
          "WASM module " + file + " does not exist; check the skill's source path");
    } catch (IOException e) {
      throw new ConfigurationException("cannot read WASM module " + file + ": " + e.getMessage());
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException(
          "WASM module " + file + " does not exist; check the skill's source path");
    } catch (IOException e) {
      throw new ConfigurationException("cannot read WASM module " + file + ": " + e.getMessage());
    }
  }

  private static WasmModule parse(Path file, byte[] bytes) {
    try {
      return Parser.parse(bytes);
    } catch (ChicoryException | IllegalArgumentException e) {
      throw new ConfigurationException(
          file + " is not a valid WebAssembly module (" + e.getMessage()
              + "); build it for wasm32-wasi (WASI preview 1)");
    }
  }
}
