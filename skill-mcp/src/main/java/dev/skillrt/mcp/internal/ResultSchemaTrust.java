package dev.skillrt.mcp.internal;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The SDK checks every tool result's {@code structuredContent} against the tool's {@code
 * outputSchema}. Ours is built by {@link ToolResults} to {@link ResultSchema}, so that check is
 * skipped for it (it cost a JSON tree and a schema walk per call); any other schema is checked by
 * the SDK's validator as before. The results always carry {@code content}, so the SDK never needs
 * the JSON text a check would return.
 */
public final class ResultSchemaTrust implements JsonSchemaValidator {

  private final JsonSchemaValidator delegate;

  public ResultSchemaTrust(JsonSchemaValidator delegate) {
    this.delegate = delegate;
  }

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    if (schema == ResultSchema.get()) {
      return ValidationResponse.asValid(null);
    }
    return delegate.validate(schema, structuredContent);
  }

  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    return delegate.validateSchema(schema);
  }
}
