package dev.skillrt.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentNamesTests {

  @ParameterizedTest(name = "''{0}'' is a name: {1}")
  @CsvSource({
    "PATH, true",
    "_, true",
    "_x9, true",
    "a, true",
    "Z_1_2, true",
    "'', false",
    "9A, false",
    "A-B, false",
    "A=B, false",
    "A B, false",
    "É, false",
    "A.B, false",
    "'A\u0000', false",
    "a`, false",
    "A[, false",
    "A@, false"
  })
  void aVariableNameIsLettersDigitsAndUnderscoresNotStartingWithADigit(String name, boolean ok) {
    assertThat(EnvironmentNames.isValid(name)).isEqualTo(ok);
    assertThat(name.matches("[A-Za-z_][A-Za-z0-9_]*")).isEqualTo(ok);
  }
}
