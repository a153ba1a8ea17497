package dev.skillrt.manifest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableExpanderTests {

  final VariableExpander expander =
      new VariableExpander(Map.of("HOME", "/home/ann", "EMPTY", "", "PORT", "5432"));

  @Test
  void expandsSetVariablesAnywhereInAValue() throws Exception {
    assertThat(expander.expand("${HOME}/.kube/config")).isEqualTo("/home/ann/.kube/config");
    assertThat(expander.expand("db:${PORT}:${PORT}")).isEqualTo("db:5432:5432");
    assertThat(expander.expand("no variables, $ alone, ~/x"))
        .isEqualTo("no variables, $ alone, ~/x");
  }

  @Test
  void usesTheDefaultWhenUnsetOrEmpty() throws Exception {
    assertThat(expander.expand("${KUBECONFIG:-~/.kube/config}")).isEqualTo("~/.kube/config");
    assertThat(expander.expand("${EMPTY:-fallback}")).isEqualTo("fallback");
    assertThat(expander.expand("${PGPASSWORD:-}")).isEmpty();
    assertThat(expander.expand("${PORT:-1}")).isEqualTo("5432");
    assertThat(expander.expand("${A:-${B:-${HOME}}}")).isEqualTo("/home/ann");
  }

  @Test
  void aDollarDollarBraceIsALiteral() throws Exception {
    assertThat(expander.expand("$${HOME} is ${HOME}")).isEqualTo("${HOME} is /home/ann");
  }

  @Test
  void anUnsetVariableIsAnErrorNamingIt() {
    assertThatThrownBy(() -> expander.expand("${GITHUB_TOKEN}"))
        .hasMessageContaining("environment variable GITHUB_TOKEN is not set")
        .hasMessageContaining("${GITHUB_TOKEN:-default}");
    assertThatThrownBy(() -> expander.expand("${OPENAI_API_KEY:?OpenAI API key is required}"))
        .hasMessage("environment variable OPENAI_API_KEY is not set: OpenAI API key is required");
    assertThatThrownBy(() -> expander.expand("${EMPTY:?}"))
        .hasMessageContaining("EMPTY is not set");
  }

  @Test
  void malformedReferencesAreErrors() {
    assertThatThrownBy(() -> expander.expand("${HOME")).hasMessageContaining("not closed");
    assertThatThrownBy(() -> expander.expand("${1X}"))
        .hasMessageContaining("not a variable reference");
    assertThatThrownBy(() -> expander.expand("${HOME:+x}")).hasMessageContaining("expected \"-\"");
  }
}
