package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.skillrt.tck.InMemorySkillRuntime.Flaw;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Shows that the kit can fail: run against an in-memory runtime with one deliberate flaw at a time,
 * exactly the groups that cover that promise fail, and a correct runtime passes them all.
 */
class CompatibilityKitSelfTests {

  static Stream<Arguments> runtimes() {
    return Stream.of(
        Arguments.of(Correct.class, Set.of()),
        Arguments.of(DropsStdin.class, Set.of("Execution", "Concurrency")),
        Arguments.of(IgnoresOutputLimit.class, Set.of("Output")),
        Arguments.of(LeaksOnTimeout.class, Set.of("Timeout")),
        Arguments.of(IgnoresCancellation.class, Set.of("Cancelling")),
        Arguments.of(IgnoresCloseInFlight.class, Set.of("Closing")),
        Arguments.of(SloppyStopResults.class, Set.of("Output", "Timeout", "Cancelling", "Closing")),
        Arguments.of(IgnoresUnsupportedLimits.class, Set.of("LimitKinds")),
        Arguments.of(IgnoresPolicy.class, Set.of("Policy", "LimitKinds")),
        Arguments.of(WorksAfterClose.class, Set.of("Lifecycle", "Closing")),
        Arguments.of(SharesBuffers.class, Set.of("Concurrency")));
  }

  @ParameterizedTest(name = "{0} fails exactly {1}")
  @MethodSource("runtimes")
  void exactlyTheGroupsOfTheBrokenPromiseFail(Class<?> kit, Set<String> expectedFailingGroups) {
    Events tests =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(kit)).execute().testEvents();

    Set<String> failingGroups = new TreeSet<>();
    StringBuilder failures = new StringBuilder();
    tests.failed().stream()
        .forEach(
            e -> {
              failingGroups.add(group(e.getTestDescriptor().getUniqueId()));
              failures
                  .append("\n  ")
                  .append(e.getTestDescriptor().getDisplayName())
                  .append(": ")
                  .append(
                      e.getRequiredPayload(TestExecutionResult.class)
                          .getThrowable()
                          .map(Throwable::getMessage)
                          .orElse("?"));
            });

    assertThat(tests.started().count()).as("the kit ran its tests").isGreaterThan(20);
    assertThat(failingGroups)
        .as("the groups that failed, with these tests:%s", failures)
        .containsExactlyInAnyOrderElementsOf(expectedFailingGroups);
  }

  private static String group(UniqueId id) {
    return id.getSegments().stream()
        .filter(s -> s.getType().equals("nested-class"))
        .map(UniqueId.Segment::getValue)
        .findFirst()
        .orElse("(top level)");
  }

  static class Correct extends InMemoryKit {
    Correct() {
      super(Set.of());
    }
  }

  static class DropsStdin extends InMemoryKit {
    DropsStdin() {
      super(EnumSet.of(Flaw.DROPS_STDIN));
    }
  }

  static class IgnoresOutputLimit extends InMemoryKit {
    IgnoresOutputLimit() {
      super(EnumSet.of(Flaw.IGNORES_OUTPUT_LIMIT));
    }
  }

  static class LeaksOnTimeout extends InMemoryKit {
    LeaksOnTimeout() {
      super(EnumSet.of(Flaw.LEAKS_ON_TIMEOUT));
    }
  }

  static class IgnoresCancellation extends InMemoryKit {
    IgnoresCancellation() {
      super(EnumSet.of(Flaw.IGNORES_CANCELLATION));
    }
  }

  static class IgnoresCloseInFlight extends InMemoryKit {
    IgnoresCloseInFlight() {
      super(EnumSet.of(Flaw.IGNORES_CLOSE_IN_FLIGHT));
    }
  }

  static class SloppyStopResults extends InMemoryKit {
    SloppyStopResults() {
      super(EnumSet.of(Flaw.SLOPPY_STOP_RESULTS));
    }
  }

  static class IgnoresUnsupportedLimits extends InMemoryKit {
    IgnoresUnsupportedLimits() {
      super(EnumSet.of(Flaw.IGNORES_UNSUPPORTED_LIMITS));
    }
  }

  static class IgnoresPolicy extends InMemoryKit {
    IgnoresPolicy() {
      super(EnumSet.of(Flaw.IGNORES_POLICY));
    }
  }

  static class WorksAfterClose extends InMemoryKit {
    WorksAfterClose() {
      super(EnumSet.of(Flaw.WORKS_AFTER_CLOSE));
    }
  }

  static class SharesBuffers extends InMemoryKit {
    SharesBuffers() {
      super(EnumSet.of(Flaw.SHARES_BUFFERS));
    }
  }
}
