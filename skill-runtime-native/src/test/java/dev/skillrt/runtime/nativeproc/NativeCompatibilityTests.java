package dev.skillrt.runtime.nativeproc;

import dev.skillrt.api.SandboxMode;

/** The contract kit against the native runtime without a sandbox. */
class NativeCompatibilityTests extends NativeKit {

  NativeCompatibilityTests() {
    super(SandboxMode.NONE);
  }
}
