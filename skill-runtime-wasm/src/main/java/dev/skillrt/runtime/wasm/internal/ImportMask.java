package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.runtime.HostFunction;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which of a host module's functions one WASM module imports. Every call gets WASI's functions in
 * the same order, with the same name objects, so the answer is worked out once by name and then
 * reused for as long as the names in each position are the very same objects (checked on every
 * call, which costs a comparison per function; anything else is worked out by name again).
 */
final class ImportMask {

  private final Map<String, Set<String>> imported; // host module -> function names

  private volatile @Nullable Known known;

  /**
   * @param imported the function names the module imports, by host module
   */
  ImportMask(Map<String, Set<String>> imported) {
    this.imported = imported;
  }

  /** Whether the module imports this host function. */
  boolean imports(HostFunction function) {
    Set<String> names = imported.get(function.module());
    return names != null && names.contains(function.name());
  }

  /** For each of {@code functions}, whether the module imports it. */
  boolean[] of(HostFunction[] functions) {
    Known k = known;
    if (k != null && k.sameNames(functions)) {
      return k.imported;
    }
    Known fresh = new Known(functions, this);
    known = fresh;
    return fresh.imported;
  }

  /** The answer for one list of functions: their name objects and whether each is imported. */
  private static final class Known {

    private final String[] modules;
    private final String[] names;
    private final boolean[] imported;

    Known(HostFunction[] functions, ImportMask mask) {
      modules = new String[functions.length];
      names = new String[functions.length];
      imported = new boolean[functions.length];
      for (int i = 0; i < functions.length; i++) {
        modules[i] = functions[i].module();
        names[i] = functions[i].name();
        imported[i] = mask.imports(functions[i]);
      }
    }

    @SuppressWarnings("ReferenceEquality") // the same objects in the same places: see the class
    boolean sameNames(HostFunction[] functions) {
      if (functions.length != names.length) {
        return false;
      }
      for (int i = 0; i < functions.length; i++) {
        if (functions[i].name() != names[i] || functions[i].module() != modules[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
