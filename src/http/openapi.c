/* openapi.c - the OpenAPI document with the step-field schemas generated
 * from the loaded definitions (see openapi.h). The hand-written part stays
 * in docs/openapi.json; `fazhi openapi` prints the whole document, which
 * is committed back as docs/openapi.json, and a test fails when the two
 * differ. */
#include "http/openapi.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/embed.h"
#include "domain/penalty.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"

/* Made by scripts/embed.py from docs/openapi.json (src/http/meson.build). */
extern const struct embedded_file http_api_docs[];

#define PERSON_ID "[1-9][0-9]{0,17}"

/* {"type": "string", "pattern": p}. */
static json_t *string_pattern(const char *pattern)
{
	json_t *o = json_object();
	o = json_put(o, "type", json_string("string"));
	return json_put(o, "pattern", json_string(pattern));
}

/* {"oneOf": [a, b]} (taking both). */
static json_t *one_of(json_t *a, json_t *b)
{
	json_t *arr = json_array();
	arr = json_array_push(arr, a);
	arr = json_array_push(arr, b);
	return json_put(json_object(), "oneOf", arr);
}

static json_t *typed(const char *type)
{
	return json_put(json_object(), "type", json_string(type));
}

/* "^(warning|fine|…)([, ]+(warning|fine|…))*$": what penalty_kinds_parse
 * reads. */
static json_t *penalty_schema(void)
{
	struct buf kinds = BUF_INIT, pat = BUF_INIT;
	for (unsigned bit = 1; bit & PENALTY_ALL_MASK; bit <<= 1)
		buf_addf(&kinds, "%s%s", kinds.len ? "|" : "", penalty_kind_name(bit));
	buf_addf(&pat, "^(%s)([, ]+(%s))*$", buf_cstr(&kinds), buf_cstr(&kinds));
	json_t *o = buf_failed(&pat) ? NULL : string_pattern(buf_cstr(&pat));
	buf_release(&kinds);
	buf_release(&pat);
	return o;
}

/* The JSON shape of a field's value, as the step API accepts it (strings,
 * and integers or booleans where they mean the same). */
static json_t *value_schema(const struct proc_field *f, const struct proc_step *s)
{
	json_t *o, *values;
	switch (f->type) {
	case PROC_FIELD_DATE:
		return json_put(typed("string"), "format", json_string("date"));
	case PROC_FIELD_TIME:
		return string_pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$");
	case PROC_FIELD_MONEY:
		return one_of(string_pattern("^(0|[1-9][0-9]*)(\\.[0-9]{1,2})?$"),
			      json_put(typed("integer"), "minimum", json_integer(0)));
	case PROC_FIELD_INT:
		return one_of(json_put(typed("integer"), "minimum", json_integer(0)),
			      string_pattern("^[0-9]{1,9}$"));
	case PROC_FIELD_YESNO:
		return one_of(typed("boolean"),
			      json_put(typed("string"), "enum",
				       json_pack("[ssssss]", "1", "0", "yes", "no", "true", "false")));
	case PROC_FIELD_CHOICE:
		values = json_array();
		for (size_t i = 0; values && i < f->nchoices; i++)
			if (proc_choice_allowed(s, f, f->choices[i].value))
				values = json_array_push(values, json_string(f->choices[i].value));
		return json_put(typed("string"), "enum", values);
	case PROC_FIELD_PENALTY:
		return penalty_schema();
	case PROC_FIELD_PERSON:
		return one_of(json_put(typed("integer"), "minimum", json_integer(1)),
			      string_pattern("^" PERSON_ID "$"));
	case PROC_FIELD_PERSONS:
		return string_pattern("^" PERSON_ID "(, *" PERSON_ID ")*$");
	case PROC_FIELD_TEXT:
	case PROC_FIELD_TEXTAREA:
		break;
	}
	o = typed("string");
	return json_put(o, "maxLength", json_integer(4000));
}

/* "标签：提示（取值：held 已举行听证；…）". */
static json_t *field_description(const struct proc_field *f, const struct proc_step *s)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, f->label);
	if (f->hint)
		buf_addf(&b, "：%s", f->hint);
	if (f->type == PROC_FIELD_CHOICE) {
		bool first = true;
		buf_adds(&b, "（取值：");
		for (size_t i = 0; i < f->nchoices; i++) {
			if (!proc_choice_allowed(s, f, f->choices[i].value))
				continue;
			buf_addf(&b, "%s%s %s", first ? "" : "；", f->choices[i].value,
				 f->choices[i].label);
			first = false;
		}
		buf_adds(&b, "）");
	}
	if (f->case_wide)
		buf_adds(&b, "。全案事项，以最新的取值为准");
	json_t *o = buf_failed(&b) ? NULL : json_string(buf_cstr(&b));
	buf_release(&b);
	return o;
}

static json_t *field_schema(const struct proc_field *f, const struct proc_step *s)
{
	return json_put(value_schema(f, s), "description", field_description(f, s));
}

json_t *openapi_step_schema(const struct proc_def *d, const struct proc_step *s)
{
	const char *ids[PROC_STEP_FIELDS_MAX];
	size_t n = proc_step_field_ids(d, s, true, ids, PROC_STEP_FIELDS_MAX);
	json_t *props = json_object(), *required = json_array();
	for (size_t i = 0; props && i < n; i++) {
		const struct proc_field *f = proc_field_of(d, s, ids[i]);
		if (!f)
			continue;
		props = json_put(props, ids[i], field_schema(f, s));
		if (proc_list_has(&s->fields, ids[i]))
			required = json_array_push(required, json_string(ids[i]));
	}
	struct buf desc = BUF_INIT;
	buf_addf(&desc, "%s「%s」（步骤 %s）的字段 fields；未列出的字段会被拒绝", d->label, s->label,
		 s->id);
	json_t *o = json_object();
	o = json_put(o, "type", json_string("object"));
	o = json_put(o, "description", buf_failed(&desc) ? NULL : json_string(buf_cstr(&desc)));
	buf_release(&desc);
	o = json_put(o, "properties", props);
	if (required && json_array_size(required))
		o = json_put(o, "required", required);
	else
		json_decref(required);
	return json_put(o, "additionalProperties", json_false());
}

static json_t *embedded_document(void)
{
	for (const struct embedded_file *f = http_api_docs; f->name; f++)
		if (strcmp(f->name, "openapi.json") == 0)
			return json_loadb(f->data, f->size, 0, NULL);
	return NULL;
}

json_t *openapi_document(const struct proc_def *defs, size_t n)
{
	json_t *doc = embedded_document();
	json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
	if (!json_is_object(schemas)) {
		json_decref(doc);
		return NULL;
	}
	/* Drop the generated schemas the file holds, then add them afresh. */
	const char *key;
	json_t *v;
	void *tmp;
	json_object_foreach_safe(schemas, tmp, key, v)
		if (strncmp(key, OPENAPI_STEP_SCHEMA_PREFIX, strlen(OPENAPI_STEP_SCHEMA_PREFIX)) == 0)
			json_object_del(schemas, key);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < defs[i].nsteps; k++) {
			const struct proc_step *s = &defs[i].steps[k];
			struct buf name = BUF_INIT;
			buf_addf(&name, OPENAPI_STEP_SCHEMA_PREFIX "%s.%s", defs[i].id, s->id);
			json_t *sc = openapi_step_schema(&defs[i], s);
			bool ok = false;
			if (buf_failed(&name))
				json_decref(sc);
			else /* takes sc, even when it fails */
				ok = json_object_set_new(schemas, buf_cstr(&name), sc) == 0;
			buf_release(&name);
			if (!ok) {
				json_decref(doc);
				return NULL;
			}
		}
	return doc;
}

char *openapi_text(const struct proc_def *defs, size_t n)
{
	json_t *doc = openapi_document(defs, n);
	char *text = doc ? json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	if (!text)
		return NULL;
	size_t len = strlen(text);
	char *out = realloc(text, len + 2);
	if (!out) {
		free(text);
		return NULL;
	}
	out[len] = '\n';
	out[len + 1] = '\0';
	return out;
}
