package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** The type of a tool parameter, named as in JSON Schema. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ParameterType {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  ARRAY,
  OBJECT;

  /** The name written in a manifest and in JSON Schema, e.g. {@code string}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static final Map<String, ParameterType> BY_JSON_NAME =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(ParameterType::jsonName, t -> t));

  public static Optional<ParameterType> fromJsonName(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(BY_JSON_NAME.get(name));
  }

  public static List<String> jsonNames() {
    return Arrays.stream(values()).map(ParameterType::jsonName).toList();
  }

  /** Whether a JSON value is of this type (an integral number is also a {@code number}). */
  public boolean matches(JsonNode value) {
    return switch (this) {
      case STRING -> value.isTextual();
      case INTEGER ->
          value.isIntegralNumber()
              || (value.isFloatingPointNumber()
                  && value.asDouble() == Math.rint(value.asDouble())
                  && !Double.isInfinite(value.asDouble()));
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
      case ARRAY -> value.isArray();
      case OBJECT -> value.isObject();
    };
  }
}
