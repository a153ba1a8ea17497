package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** Replaces some of a list of host functions by name, keeping the rest. */
final class HostFunctions {

  private HostFunctions() {}

  /**
   * @param replacement given a function's name and its current handle, the new handle, or null to
   *     keep it
   */
  static List<HostFunction> replace(
      List<HostFunction> functions,
      BiFunction<String, WasmFunctionHandle, @Nullable WasmFunctionHandle> replacement) {
    List<HostFunction> out = new ArrayList<>(functions.size());
    for (HostFunction f : functions) {
      WasmFunctionHandle replaced = replacement.apply(f.name(), f.handle());
      out.add(
          replaced == null
              ? f
              : new HostFunction(f.module(), f.name(), f.functionType(), replaced));
    }
    return out;
  }

  static long[] result(int errno) {
    return new long[] {errno};
  }

  static boolean succeeded(long[] result) {
    return result.length > 0 && result[0] == Errno.SUCCESS;
  }
}
