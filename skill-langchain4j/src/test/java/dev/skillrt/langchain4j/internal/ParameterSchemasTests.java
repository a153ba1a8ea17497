package dev.skillrt.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParameterSchemasTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> properties() {
    return Stream.of(
        Arguments.of(
            "{\"type\":\"string\",\"description\":\"Who\"}",
            JsonStringSchema.builder().description("Who").build()),
        Arguments.of("{\"type\":\"string\"}", JsonStringSchema.builder().build()),
        Arguments.of(
            "{\"type\":\"integer\",\"description\":\"How many\"}",
            JsonIntegerSchema.builder().description("How many").build()),
        Arguments.of("{\"type\":\"number\"}", JsonNumberSchema.builder().build()),
        Arguments.of(
            "{\"type\":\"boolean\",\"description\":\"Loud\"}",
            JsonBooleanSchema.builder().description("Loud").build()),
        Arguments.of(
            "{\"type\":\"string\",\"enum\":[\"short\",\"full\"]}",
            JsonEnumSchema.builder().enumValues(List.of("short", "full")).build()),
        // anything else keeps the engine's JSON as it is
        Arguments.of(
            "{\"type\":\"string\",\"default\":\"world\"}",
            JsonRawSchema.from("{\"type\":\"string\",\"default\":\"world\"}")),
        Arguments.of(
            "{\"type\":\"string\",\"writeOnly\":true}",
            JsonRawSchema.from("{\"type\":\"string\",\"writeOnly\":true}")),
        Arguments.of(
            "{\"type\":\"integer\",\"enum\":[1,2]}",
            JsonRawSchema.from("{\"type\":\"integer\",\"enum\":[1,2]}")),
        Arguments.of("{\"type\":\"array\"}", JsonRawSchema.from("{\"type\":\"array\"}")),
        Arguments.of("{\"type\":\"object\"}", JsonRawSchema.from("{\"type\":\"object\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("properties")
  void eachPropertyBecomesALangChain4jTypeOrStaysAsItIs(String engine, JsonSchemaElement expected)
      throws Exception {
    assertThat(ParameterSchemas.property(JSON.readTree(engine))).isEqualTo(expected);
  }

  @Test
  void theObjectKeepsDescriptionRequiredAndNoAdditionalProperties() throws Exception {
    ObjectNode engine =
        (ObjectNode)
            JSON.readTree(
                "{\"type\":\"object\",\"description\":\"Print a greeting\",\"properties\":{\"name\":{\"type\":\"string\"},"
                    + "\"loud\":{\"type\":\"boolean\",\"default\":false}},\"required\":[\"name\"],\"additionalProperties\":false}");
    JsonObjectSchema schema = ParameterSchemas.of(engine);
    assertThat(schema.description()).isEqualTo("Print a greeting");
    assertThat(schema.properties()).containsOnlyKeys("name", "loud");
    assertThat(schema.required()).containsExactly("name");
    assertThat(schema.additionalProperties()).isFalse();
    // what a model integration sends is the engine's schema again
    assertThat(JSON.valueToTree(JsonSchemaElementUtils.toMap(schema)).get("properties"))
        .isEqualTo(engine.get("properties"));
  }
}
