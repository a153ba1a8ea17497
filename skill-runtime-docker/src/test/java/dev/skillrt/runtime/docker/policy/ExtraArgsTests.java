package dev.skillrt.runtime.docker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtraArgsTests {

  @Test
  void longFlagsWithEqualsOrASeparateValue() {
    ExtraArgs args = ExtraArgs.parse(List.of("--cap-add=SYS_ADMIN", "--label", "a=b", "--init"));
    assertThat(args.flags())
        .extracting(Flag::name, Flag::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cap-add", "SYS_ADMIN"),
            org.assertj.core.groups.Tuple.tuple("label", "a=b"),
            org.assertj.core.groups.Tuple.tuple("init", null));
    assertThat(args.problems()).isEmpty();
  }

  @Test
  void shortFlagsChainedAndWithAttachedValues() {
    ExtraArgs args = ExtraArgs.parse(List.of("-itv", "/:/host", "-eA=1", "-u=0"));
    assertThat(args.flags())
        .extracting(Flag::name, Flag::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("interactive", null),
            org.assertj.core.groups.Tuple.tuple("tty", null),
            org.assertj.core.groups.Tuple.tuple("volume", "/:/host"),
            org.assertj.core.groups.Tuple.tuple("env", "A=1"),
            org.assertj.core.groups.Tuple.tuple("user", "0"));
  }

  @Test
  void aliasesAndCaseAreCanonical() {
    assertThat(ExtraArgs.parse(List.of("--NET=host")).flags())
        .extracting(Flag::name)
        .containsExactly("network");
  }

  @Test
  void positionalTokensAndMissingValuesAreProblems() {
    ExtraArgs args = ExtraArgs.parse(List.of("busybox", "--label"));
    assertThat(args.problems()).hasSize(2);
    assertThat(args.problems().get(0)).contains("busybox").contains("not a flag");
    assertThat(args.problems().get(1)).contains("--label").contains("needs a value");
  }
}
