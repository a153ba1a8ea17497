package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

  public static Optional<ParameterType> fromJsonName(String name) {
    return Arrays.stream(values()).filter(t -> t.jsonName().equals(name)).findFirst();
  }

  public static List<String> jsonNames() {
    return Arrays.stream(values()).map(ParameterType::jsonName).toList();
  }

  /** Whether a JSON value is of this type (an integral number is also a {@code number}). */
  public boolean matches(JsonNode value) {
    return switch (this) {
      case STRING -> value.isTextual();
      case INTEGER -> value.isIntegralNumber()
          || (value.isFloatingPointNumber() && value.asDouble() == Math.rint(value.asDouble())
              && !Double.isInfinite(value.asDouble()));
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
      case ARRAY -> value.isArray();
      case OBJECT -> value.isObject();
    };
  }
}
