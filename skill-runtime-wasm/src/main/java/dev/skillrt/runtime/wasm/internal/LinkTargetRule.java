package dev.skillrt.runtime.wasm.internal;

import dev.skillrt.runtime.wasm.internal.PreopenPaths.Refused;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Which symbolic links a module may make: the target of a link it creates ({@code path_symlink}) or
 * copies elsewhere (a hard link of a link, {@code path_link} without following) must keep the link
 * inside its preopen now and later, whatever is created, removed or linked afterwards.
 *
 * <p>A target is accepted only when it is
 *
 * <ul>
 *   <li>relative (an absolute target names a host path, not a place in the preopen);
 *   <li>in normal form: some {@code ..} first, then names only; no {@code .} anywhere and no {@code
 *       ..} after a name ({@code x/../..} climbs from wherever {@code x} leads once {@code x}
 *       becomes a link, not from the link's folder);
 *   <li>climbing no higher than the preopen's root from the link's own folder: at most as many
 *       {@code ..} as that folder lies below the root;
 *   <li>and not resolving outside the preopen right now (through a link already there).
 * </ul>
 *
 * <p>Why that keeps every link a module makes inside, whether or not its target exists yet: the OS
 * resolves a link from the real folder that holds it, and {@code ..} there goes to the real parent
 * folder. Counted {@code ..} from a folder {@code d} levels below the root, {@code k <= d}, end on
 * a real folder of the preopen; every later name only goes down from there, into a real entry of
 * that folder (inside) or into another link made under the same rules (inside again). The count
 * stays right because the folders above a link cannot change under it: a folder that holds an entry
 * cannot be removed, and a rename judges every link it would move again from the folder it lands in
 * ({@link HostRenames}), as a hard link of a link is judged at its new place.
 */
final class LinkTargetRule {

  private LinkTargetRule() {}

  /**
   * Judges a link target a module gives.
   *
   * @param root the preopen's real host root
   * @param linkFolder the real host folder the link is made in, inside {@code root} ({@code null}
   *     for a path without a parent, which is refused)
   * @param target the link's content, exactly as it will be stored
   * @return {@link Errno#SUCCESS}, or the errno to refuse with: {@code ENOENT} for an empty target
   *     (as Linux), {@code EINVAL} for one the host cannot store, {@code ENOTCAPABLE} for every
   *     target that could lead outside
   */
  static int judge(Path root, @Nullable Path linkFolder, String target) {
    if (target.isEmpty()) {
      return Errno.ENOENT;
    }
    if (target.indexOf('\0') >= 0) {
      return Errno.EINVAL;
    }
    if (target.startsWith("/") || linkFolder == null || !linkFolder.startsWith(root)) {
      return Errno.ENOTCAPABLE;
    }
    int climbs = 0;
    boolean named = false;
    // empty names (from "a//b" or a trailing "/") change nothing and are skipped
    for (String name : target.split("/")) {
      if (name.isEmpty()) {
        continue;
      }
      if (name.equals(".") || (name.equals("..") && named)) {
        return Errno.ENOTCAPABLE;
      }
      if (name.equals("..")) {
        climbs++;
      } else {
        named = true;
      }
    }
    int depth = linkFolder.getNameCount() - root.getNameCount();
    if (climbs > depth) {
      return Errno.ENOTCAPABLE;
    }
    if (PreopenPaths.resolveTarget(linkFolder, root, target) instanceof Refused refused
        && refused.errno() == Errno.ENOTCAPABLE) {
      return Errno.ENOTCAPABLE;
    }
    return Errno.SUCCESS;
  }
}
