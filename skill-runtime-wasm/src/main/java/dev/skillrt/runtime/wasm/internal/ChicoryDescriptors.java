package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.wasi.WasiPreview1;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches into Chicory 1.7.5's descriptor table, which it keeps package-private: what kind of thing
 * a descriptor is, and, for an open file, its channel and flags, and a way to change its flags.
 * {@link PreopenGuard} needs that to open a file for appending and reading at once, to switch
 * appending on and off ({@code fd_fdstat_set_flags}) and to know a descriptor's rights.
 *
 * <p>Belongs upstream (github.com/dylibso/chicory, {@code WasiPreview1.pathOpen} and {@code
 * fdFdstatSetFlags}): once Chicory opens append-mode files readable and lets flags change, this
 * class can go. When the JDK refuses the reflective access (Chicory on the module path), {@link
 * #available()} is false and the guard leaves those calls to Chicory as they were.
 */
final class ChicoryDescriptors {

  private static final Logger LOG = LoggerFactory.getLogger(ChicoryDescriptors.class);

  /** What a descriptor is, as far as rights go. */
  enum Kind {
    NONE,
    INPUT,
    OUTPUT,
    DIRECTORY,
    FILE
  }

  /** An open file as Chicory keeps it. */
  record OpenFile(Path path, FileChannel channel, int fdFlags, long rights) {}

  private static final @Nullable Access ACCESS = Access.find();

  private final @Nullable Object table;

  ChicoryDescriptors(WasiPreview1 wasi) {
    Object t = null;
    if (ACCESS != null) {
      try {
        t = ACCESS.descriptors.get(wasi);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.debug("Chicory's descriptor table cannot be read", e);
      }
    }
    this.table = t;
  }

  boolean available() {
    return table != null;
  }

  Kind kind(int fd) {
    Object d = descriptor(fd);
    if (d == null) {
      return Kind.NONE;
    }
    return switch (d.getClass().getSimpleName()) {
      case "InStream" -> Kind.INPUT;
      case "OutStream" -> Kind.OUTPUT;
      case "OpenFile" -> Kind.FILE;
      case "PreopenedDirectory", "OpenDirectory" -> Kind.DIRECTORY;
      default -> Kind.NONE;
    };
  }

  /** The open file at {@code fd}, or null when it is not one (or the table cannot be read). */
  @Nullable OpenFile file(int fd) {
    Object d = descriptor(fd);
    if (d == null || ACCESS == null || !ACCESS.openFile.isInstance(d)) {
      return null;
    }
    try {
      return new OpenFile(
          (Path) ACCESS.path.invoke(d),
          (FileChannel) ACCESS.channel.invoke(d),
          (Integer) ACCESS.fdFlags.invoke(d),
          (Long) ACCESS.rights.invoke(d));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("Chicory's open file {} cannot be read", fd, e);
      return null;
    }
  }

  /** Gives the open file at {@code fd} these flags (its channel and rights unchanged). */
  boolean setFlags(int fd, int fdFlags) {
    OpenFile f = file(fd);
    if (f == null || ACCESS == null) {
      return false;
    }
    try {
      Object replaced = ACCESS.newOpenFile.newInstance(f.path(), f.channel(), fdFlags, f.rights());
      ACCESS.set.invoke(table, fd, replaced);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("Chicory's open file {} cannot be changed", fd, e);
      return false;
    }
  }

  private @Nullable Object descriptor(int fd) {
    if (table == null || ACCESS == null) {
      return null;
    }
    try {
      return ACCESS.get.invoke(table, fd);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The reflective handles, found once. */
  private record Access(
      Field descriptors,
      Method get,
      Method set,
      Class<?> openFile,
      Constructor<?> newOpenFile,
      Method path,
      Method channel,
      Method fdFlags,
      Method rights) {

    static @Nullable Access find() {
      try {
        Field descriptors = WasiPreview1.class.getDeclaredField("descriptors");
        descriptors.setAccessible(true);
        Class<?> table = descriptors.getType();
        Class<?> descriptor = Class.forName(table.getName() + "$Descriptor");
        Class<?> openFile = Class.forName(table.getName() + "$OpenFile");
        Constructor<?> newOpenFile =
            openFile.getDeclaredConstructor(Path.class, FileChannel.class, int.class, long.class);
        Access a =
            new Access(
                descriptors,
                table.getDeclaredMethod("get", int.class),
                table.getDeclaredMethod("set", int.class, descriptor),
                openFile,
                newOpenFile,
                openFile.getDeclaredMethod("path"),
                openFile.getDeclaredMethod("channel"),
                openFile.getDeclaredMethod("fdFlags"),
                openFile.getDeclaredMethod("rights"));
        for (var m :
            new java.lang.reflect.AccessibleObject[] {
              a.get, a.set, newOpenFile, a.path, a.channel, a.fdFlags, a.rights
            }) {
          m.setAccessible(true);
        }
        return a;
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.warn(
            "Chicory's WASI descriptor table cannot be reached ({}); files opened for appending are"
                + " not readable and fd_fdstat_set_flags and fd_fdstat_set_rights are not supported",
            e.toString());
        return null;
      }
    }
  }
}
