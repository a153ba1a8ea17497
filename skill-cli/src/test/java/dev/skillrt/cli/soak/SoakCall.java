package dev.skillrt.cli.soak;

import dev.skillrt.api.ExecutionStatus;
import java.util.Optional;

/**
 * One kind of call the soak makes, and the status the documentation promises for it.
 *
 * @param skill the skill
 * @param tool the tool
 * @param expected the promised status
 * @param exitCode the promised exit code, when the status has one
 * @param limit the promised {@code limit} metadata of a {@code KILLED_BY_LIMIT} result
 * @param timeoutMillis a call timeout tighter than the skill's, or 0
 * @param cancel whether the soak cancels it at a random moment
 */
record SoakCall(
    String skill,
    String tool,
    ExecutionStatus expected,
    Optional<Integer> exitCode,
    Optional<String> limit,
    long timeoutMillis,
    boolean cancel) {

  static SoakCall of(String skill, String tool, ExecutionStatus expected) {
    return new SoakCall(skill, tool, expected, Optional.empty(), Optional.empty(), 0, false);
  }

  SoakCall exit(int code) {
    return new SoakCall(skill, tool, expected, Optional.of(code), limit, timeoutMillis, cancel);
  }

  SoakCall limit(String which) {
    return new SoakCall(skill, tool, expected, exitCode, Optional.of(which), timeoutMillis, cancel);
  }

  SoakCall timeout(long millis) {
    return new SoakCall(skill, tool, expected, exitCode, limit, millis, cancel);
  }

  SoakCall cancelled() {
    return new SoakCall(
        skill,
        tool,
        ExecutionStatus.CANCELLED,
        Optional.empty(),
        Optional.empty(),
        timeoutMillis,
        true);
  }

  @Override
  public String toString() {
    return skill + "/" + tool + (cancel ? " (cancelled)" : "");
  }
}
