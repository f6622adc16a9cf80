/* openapi.h - the OpenAPI document of the JSON API: docs/openapi.json
 * (embedded in the binary) with one schema per step of every loaded
 * definition, generated from the field declarations, so that the fields
 * the API accepts and the document cannot drift apart. */
#ifndef FZ_HTTP_OPENAPI_H
#define FZ_HTTP_OPENAPI_H

#include <jansson.h>
#include <stddef.h>

#include "domain/procedure.h"

/* The prefix of the generated schema names in components.schemas:
 * "StepFields.<procedure>.<step>". */
#define OPENAPI_STEP_SCHEMA_PREFIX "StepFields."

/* The schema of the fields step s of d accepts: {type: object,
 * description, properties: {field: {type/format/pattern or oneOf, enum,
 * description: label and hint}}, required, additionalProperties: false}.
 * A new reference, or NULL when out of memory. */
json_t *openapi_step_schema(const struct proc_def *d, const struct proc_step *s);

/* The embedded document with its generated schemas replaced by those of
 * defs[0..n) (in definition and step order, after the other schemas). A
 * new reference, or NULL when the embedded document is missing or out of
 * memory. */
json_t *openapi_document(const struct proc_def *defs, size_t n);

/* openapi_document as text: indented by one space, members in order, a
 * final newline - the form of docs/openapi.json. malloc'd (free), or NULL. */
char *openapi_text(const struct proc_def *defs, size_t n);

#endif
