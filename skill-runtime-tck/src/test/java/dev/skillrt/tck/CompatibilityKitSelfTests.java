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
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Shows that the kit can fail: run against an in-memory runtime with one deliberate flaw at a
 * time, exactly the groups that cover that promise fail, and a correct runtime passes them all.
 */
class CompatibilityKitSelfTests {

  static Stream<Arguments> runtimes() {
    return Stream.of(
        Arguments.of(Correct.class, Set.of()),
        Arguments.of(DropsStdin.class, Set.of("Execution", "Concurrency")),
        Arguments.of(IgnoresOutputLimit.class, Set.of("LimitsGroup")),
        Arguments.of(LeaksOnTimeout.class, Set.of("TimeoutAndCancellation")),
        Arguments.of(IgnoresPolicy.class, Set.of("Policy")),
        Arguments.of(WorksAfterClose.class, Set.of("Lifecycle")),
        Arguments.of(SharesBuffers.class, Set.of("Concurrency")));
  }

  @ParameterizedTest(name = "{0} fails exactly {1}")
  @MethodSource("runtimes")
  void exactlyTheGroupsOfTheBrokenPromiseFail(Class<?> kit, Set<String> expectedFailingGroups) {
    Events tests =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(kit)).execute().testEvents();

    Set<String> failingGroups = new TreeSet<>();
    tests.failed().stream()
        .forEach(e -> failingGroups.add(group(e.getTestDescriptor().getUniqueId())));

    assertThat(tests.started().count()).as("the kit ran its tests").isGreaterThan(20);
    assertThat(failingGroups).containsExactlyInAnyOrderElementsOf(expectedFailingGroups);
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
