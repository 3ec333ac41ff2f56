// Validates an OpenAPI document with @apidevtools/swagger-parser (schema of the spec, $refs, parameters):
// prints "valid" or the parser's message and exits 1. Used by OpenApiValidatorTests.
import SwaggerParser from "@apidevtools/swagger-parser";

try {
  await SwaggerParser.validate(process.argv[2]);
  console.log("valid");
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
