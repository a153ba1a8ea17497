package dev.skillrt.runtime.nativeproc;

/** The contract kit against the native runtime without a sandbox. */
class NativeCompatibilityTests extends NativeKit {

  NativeCompatibilityTests() {
    super(SandboxMode.NONE);
  }
}
