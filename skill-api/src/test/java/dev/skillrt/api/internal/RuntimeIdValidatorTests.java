package dev.skillrt.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeIdValidatorTests {

  @ParameterizedTest(name = "''{0}'' is a runtime id: {1}")
  @CsvSource({
    "native, true",
    "my-runtime-2, true",
    "a, true",
    "a-, true",
    "'', false",
    "Native, false",
    "2native, false",
    "-a, false",
    "a_b, false",
    "a.b, false",
    "é, false",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, true",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false"
  })
  void anIdIsLowerCaseLettersDigitsAndDashesStartingWithALetter(String id, boolean ok) {
    assertThat(RuntimeIdValidator.isValid(id)).isEqualTo(ok);
    assertThat(id.matches("[a-z][a-z0-9-]*") && id.length() <= 64).isEqualTo(ok);
  }
}
