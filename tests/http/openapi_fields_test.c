/* openapi_fields_test.c - the step-field schemas of the OpenAPI document
 * are the definitions' field declarations: docs/openapi.json equals what
 * the binary generates (`fazhi openapi`), every step has a schema listing
 * exactly the fields it accepts (required ones required, choices as their
 * allowed values), and the server serves them. */
#include <stdio.h>
#include <string.h>

#include "app/procreg.h"
#include "base/embed.h"
#include "api_fixture.h"
#include "http/openapi.h"
#include "t.h"

extern const struct embedded_file http_api_docs[];

static json_t *committed(void)
{
	for (const struct embedded_file *f = http_api_docs; f->name; f++)
		if (strcmp(f->name, "openapi.json") == 0)
			return json_loadb(f->data, f->size, 0, NULL);
	return NULL;
}

static const struct proc_def *builtin(size_t *n)
{
	const struct proc_registry *reg = proc_registry_builtin(NULL);
	*n = 0;
	return reg ? proc_registry_defs(reg, n) : NULL;
}

static json_t *step_schema(json_t *doc, const char *def, const char *step)
{
	char name[128];
	snprintf(name, sizeof name, OPENAPI_STEP_SCHEMA_PREFIX "%s.%s", def, step);
	return json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"),
			       name);
}

TEST(openapi_file_equals_what_the_binary_generates)
{
	size_t n;
	const struct proc_def *defs = builtin(&n);
	REQUIRE(defs && n > 0);
	json_t *file = committed(), *made = openapi_document(defs, n);
	REQUIRE(file && made);
	if (!json_equal(file, made))
		t_fail(__FILE__, __LINE__, "docs/openapi.json differs from the definitions: "
		       "run build/fazhi openapi > docs/openapi.json");
	json_decref(file);
	json_decref(made);
}

/* Whether the schema's properties are exactly what step s of d accepts,
 * its required list exactly s's required fields. */
static void check_step(json_t *sc, const struct proc_def *d, const struct proc_step *s)
{
	json_t *props = json_object_get(sc, "properties"), *req = json_object_get(sc, "required");
	const struct proc_list *lists[3] = { &s->fields, &s->optional, &d->case_fields };
	size_t accepted = 0;
	for (int l = 0; l < 3; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			const char *id = lists[l]->items[i].id;
			bool dup = (l == 2 && (proc_list_has(&s->fields, id) ||
					       proc_list_has(&s->optional, id)));
			accepted += !dup;
			json_t *p = json_object_get(props, id);
			const struct proc_field *f = proc_field_of(d, s, id);
			if (!p || !f) {
				t_fail(__FILE__, __LINE__, "%s.%s: field %s missing", d->id, s->id, id);
				continue;
			}
			const char *desc = json_string_value(json_object_get(p, "description"));
			if (!desc || strncmp(desc, f->label, strlen(f->label)) != 0)
				t_fail(__FILE__, __LINE__, "%s.%s.%s: description is not the label",
				       d->id, s->id, id);
			if (f->type == PROC_FIELD_CHOICE) {
				json_t *en = json_object_get(p, "enum");
				size_t allowed = 0;
				for (size_t c = 0; c < f->nchoices; c++)
					allowed += proc_choice_allowed(s, f, f->choices[c].value);
				CHECK_INT(json_array_size(en), allowed);
			}
		}
	CHECK_INT(json_object_size(props), accepted);
	CHECK_INT(json_array_size(req), s->fields.n);
	for (size_t i = 0; i < s->fields.n; i++)
		CHECK_STR(json_string_value(json_array_get(req, i)), s->fields.items[i].id);
	CHECK(json_is_false(json_object_get(sc, "additionalProperties")));
}

TEST(openapi_lists_exactly_the_fields_each_step_accepts)
{
	size_t n, nsteps = 0;
	const struct proc_def *defs = builtin(&n);
	REQUIRE(defs);
	json_t *doc = committed();
	REQUIRE(doc);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < defs[i].nsteps; k++, nsteps++) {
			json_t *sc = step_schema(doc, defs[i].id, defs[i].steps[k].id);
			if (!sc)
				t_fail(__FILE__, __LINE__, "no schema for %s.%s", defs[i].id,
				       defs[i].steps[k].id);
			else
				check_step(sc, &defs[i], &defs[i].steps[k]);
		}
	/* and no schema for a step that does not exist */
	size_t generated = 0;
	const char *key;
	json_t *v;
	json_object_foreach(json_object_get(json_object_get(doc, "components"), "schemas"), key, v)
		generated += strncmp(key, OPENAPI_STEP_SCHEMA_PREFIX,
				     strlen(OPENAPI_STEP_SCHEMA_PREFIX)) == 0;
	CHECK_INT(generated, nsteps);
	/* a few by hand: the hearing's outcome, the statement's waiver */
	json_t *out = json_object_get(json_object_get(step_schema(doc, "penalty_general", "hearing"),
						      "properties"), "outcome");
	CHECK_STR(json_string_value(json_array_get(json_object_get(out, "enum"), 0)), "held");
	CHECK_CONTAINS(json_string_value(json_object_get(out, "description")), "held 已举行听证");
	json_t *st = step_schema(doc, "penalty_general", "statement");
	CHECK(json_object_get(json_object_get(st, "properties"), "waived") != NULL);
	CHECK(json_object_get(json_object_get(st, "properties"), "waivd") == NULL);
	json_t *on = json_object_get(json_object_get(step_schema(doc, "penalty_general", "service"),
						     "properties"), "served_on");
	CHECK_STR(json_string_value(json_object_get(on, "format")), "date");
	json_decref(doc);
}

TEST(openapi_served_holds_the_step_field_schemas)
{
	struct t_server ts;
	REQUIRE(t_server_start(&ts));
	struct http_resp r = t_http(&ts, "GET", "/api/v1/openapi.json", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	json_t *j = t_json(&r), *file = committed();
	REQUIRE(j && file);
	CHECK(json_equal(j, file));
	CHECK(step_schema(j, "permit", "decide") != NULL);
	json_decref(j);
	json_decref(file);
	t_resp_free(&r);
	t_server_stop(&ts);
}
