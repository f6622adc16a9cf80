/* api_case_input.c - reading steps and parties of the case API from JSON
 * and answering the engine's refusals with every gate's state; see
 * api_case_input.h. The nested members (party, fields, officers) are
 * checked here as strictly as jsonin checks the top level. */
#include "http/api_case_input.h"

#include <jansson.h>
#include <string.h>

#include "app/procreg.h"
#include "base/utf8.h"
#include "http/jsonout_case.h"
#include "http/jsonout_org.h"
#include "http/resp.h"

void case_step_read(struct jsonin *in, bool with_step, struct case_step_input *out)
{
	memset(out, 0, sizeof *out);
	if (with_step)
		out->step = jsonin_str(in, "step", PROC_ID_MAX);
	out->on = jsonin_str_opt(in, "on", 10);
	out->reason = jsonin_str_opt(in, "reason", 500);
	out->corrects = jsonin_int_opt(in, "corrects", 1, INT64_MAX, 0);
	(void)jsonin_has(in, "fields");
	(void)jsonin_has(in, "officers");
}

static bool key_ok(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > CASE_API_FIELD_KEY_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') || k[i] == '_'))
			return false;
	return true;
}

/* One field value as text: strings as they are, integers in decimal,
 * booleans as "1" / "0" (what the gates read as yes / no). */
static const char *field_value(struct req *r, const char *key, json_t *v, struct fz_error *e,
			       enum fz_err *rc)
{
	const char *s = NULL;
	*rc = FZ_OK;
	if (json_is_string(v)) {
		s = arena_strndup(r->a, json_string_value(v), json_string_length(v));
		if (s && utf8_count(s) > CASE_API_FIELD_VALUE_MAX)
			*rc = fz_fail(e, FZ_INVALID, NULL, "字段 fields.%s 不能超过 %d 个字符", key,
				      CASE_API_FIELD_VALUE_MAX);
	} else if (json_is_integer(v)) {
		s = arena_printf(r->a, "%lld", (long long)json_integer_value(v));
	} else if (json_is_boolean(v)) {
		s = json_is_true(v) ? "1" : "0";
	} else {
		*rc = fz_fail(e, FZ_INVALID, NULL, "字段 fields.%s 应为字符串、整数或 true/false",
			      key);
	}
	if (!*rc && !s)
		*rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
	if (*rc && e)
		snprintf(e->field, sizeof e->field, "fields.%s", key);
	return s;
}

static enum fz_err read_fields(struct jsonin *in, json_t *obj, struct case_step_input *out,
			       struct fz_error *e)
{
	if (!obj || json_is_null(obj))
		return FZ_OK;
	if (!json_is_object(obj))
		return fz_fail(e, FZ_INVALID, "fields", "字段 fields 应为对象（字段名: 值）");
	if (json_object_size(obj) > CASE_API_FIELDS_MAX)
		return fz_fail(e, FZ_INVALID, "fields", "字段 fields 最多 %d 项",
			       CASE_API_FIELDS_MAX);
	struct case_field *f = arena_calloc(in->r->a, json_object_size(obj) + 1, sizeof *f);
	if (!f)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	const char *key;
	json_t *v;
	size_t n = 0;
	enum fz_err rc;
	json_object_foreach(obj, key, v) {
		if (!key_ok(key))
			return fz_fail(e, FZ_INVALID, "fields",
				       "字段名应为 1-%d 个小写字母、数字或下划线",
				       CASE_API_FIELD_KEY_MAX);
		if (json_is_null(v))
			continue;
		const char *s = field_value(in->r, key, v, e, &rc);
		if (rc)
			return rc;
		if (!(f[n].key = arena_strdup(in->r->a, key)))
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		f[n++].value = s;
	}
	out->fields = f;
	out->nfields = n;
	return FZ_OK;
}

static enum fz_err read_officers(struct jsonin *in, json_t *arr, struct case_step_input *out,
				 struct fz_error *e)
{
	if (!arr || json_is_null(arr))
		return FZ_OK;
	if (!json_is_array(arr))
		return fz_fail(e, FZ_INVALID, "officers", "参与人员应为人员编号的数组");
	size_t n = json_array_size(arr);
	if (n > CASE_OFFICERS_MAX)
		return fz_fail(e, FZ_INVALID, "officers", "一个步骤最多记录 %d 名参与人员",
			       CASE_OFFICERS_MAX);
	int64_t *ids = arena_calloc(in->r->a, n + 1, sizeof *ids);
	if (!ids)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return fz_fail(e, FZ_INVALID, "officers", "参与人员应为人员编号（正整数）");
		ids[i] = (int64_t)json_integer_value(v);
	}
	out->officers = ids;
	out->nofficers = n;
	return FZ_OK;
}

enum fz_err case_step_finish(struct jsonin *in, struct case_step_input *out, struct fz_error *e)
{
	enum fz_err rc = read_fields(in, json_object_get(in->root, "fields"), out, e);
	if (rc)
		return rc;
	return read_officers(in, json_object_get(in->root, "officers"), out, e);
}

enum fz_err case_draw_read(struct jsonin *in, struct case_draw_input *out, struct fz_error *e)
{
	json_t *t = json_object_get(in->root, "targets"), *p = json_object_get(in->root, "inspectors");
	if (!json_is_array(t) || json_array_size(t) < 1 ||
	    json_array_size(t) > CASE_API_DRAW_LIST_MAX)
		return fz_fail(e, FZ_INVALID, "targets", "字段 targets 应为检查对象名单（1-%d 项）",
			       CASE_API_DRAW_LIST_MAX);
	if (!json_is_array(p) || json_array_size(p) < 1 ||
	    json_array_size(p) > CASE_API_DRAW_LIST_MAX)
		return fz_fail(e, FZ_INVALID, "inspectors",
			       "字段 inspectors 应为检查人员编号名单（1-%d 项）", CASE_API_DRAW_LIST_MAX);
	const char **targets = arena_calloc(in->r->a, json_array_size(t) + 1, sizeof *targets);
	int64_t *people = arena_calloc(in->r->a, json_array_size(p) + 1, sizeof *people);
	if (!targets || !people)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < json_array_size(t); i++) {
		json_t *v = json_array_get(t, i);
		if (!json_is_string(v))
			return fz_fail(e, FZ_INVALID, "targets", "检查对象应为字符串（统一社会信用代码、名称等）");
		if (!(targets[i] = arena_strndup(in->r->a, json_string_value(v), json_string_length(v))))
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
	}
	for (size_t i = 0; i < json_array_size(p); i++) {
		json_t *v = json_array_get(p, i);
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return fz_fail(e, FZ_INVALID, "inspectors", "检查人员应为人员编号（正整数）");
		people[i] = (int64_t)json_integer_value(v);
	}
	out->targets = targets;
	out->ntargets = json_array_size(t);
	out->inspectors = people;
	out->ninspectors = json_array_size(p);
	return FZ_OK;
}

enum fz_err case_party_read(struct jsonin *in, struct case_input *out, struct fz_error *e)
{
	static const char *const kinds[] = { "citizen", "organisation" };
	json_t *obj = json_object_get(in->root, "party");
	if (!obj || json_is_null(obj))
		return fz_fail(e, FZ_INVALID, "party", "缺少字段 party（当事人）");
	if (!json_is_object(obj))
		return fz_fail(e, FZ_INVALID, "party",
			       "字段 party 应为对象：{kind, name, id, address}");
	/* The party is read like a body of its own: same checks, unknown
	 * members refused; errors then name party.MEMBER. */
	struct jsonin sub;
	memset(&sub, 0, sizeof sub);
	sub.r = in->r;
	sub.root = obj;
	const char *kind = jsonin_str(&sub, "kind", 20);
	out->party_name = jsonin_str(&sub, "name", 100);
	out->party_id = jsonin_str_opt(&sub, "id", 18);
	out->party_address = jsonin_str_opt(&sub, "address", 200);
	if (!jsonin_ok(&sub)) {
		if (e) {
			*e = sub.err;
			if (sub.err.field[0])
				snprintf(e->field, sizeof e->field, "party.%.50s", sub.err.field);
		}
		return sub.err.code;
	}
	out->party_kind = 0;
	for (int i = 0; i < 2; i++)
		if (strcmp(kind, kinds[i]) == 0)
			out->party_kind = i == 0 ? PARTY_CITIZEN : PARTY_ORGANISATION;
	if (!out->party_kind)
		return fz_fail(e, FZ_INVALID, "party.kind",
			       "当事人类别应为 citizen（公民）或 organisation（法人或其他组织）");
	return FZ_OK;
}

/* The app names party members party_x; the API's body has party.x. */
static const char *api_field(const char *field, char *buf, size_t len)
{
	if (field && strncmp(field, "party_", 6) == 0) {
		snprintf(buf, len, "party.%s", field + 6);
		return buf;
	}
	return field;
}

/* [{field, message}] for each field the engine refused, as typed. */
static json_t *field_errors(const struct case_check *check)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < check->n; i++) {
		const struct gate_result *g = &check->results[i];
		if (g->passed || !g->field[0])
			continue;
		json_t *x = json_object();
		x = json_put(x, "field", json_text(g->field));
		x = json_put(x, "message", json_text(g->message));
		a = json_array_push(a, x);
	}
	return a;
}

int case_refused(struct req *r, enum fz_err rc, const struct fz_error *e,
		 const struct case_check *check)
{
	char buf[80];
	const char *field = api_field(e ? e->field : NULL, buf, sizeof buf);
	bool gated = check && check->results &&
		     (rc == FZ_FORBIDDEN || rc == FZ_INVALID || rc == FZ_CONFLICT);
	if (!gated) {
		if (e && e->message[0])
			return resp_error(r, rc, field, e->message);
		return resp_error(r, rc, field, NULL);
	}
	/* e's message is cut at its buffer; the gate's own is whole. */
	const char *message = e && e->message[0] ? e->message : fz_err_message(rc);
	for (size_t i = 0; field && i < check->n; i++) {
		if (!check->results[i].passed && strcmp(check->results[i].gate, field) == 0) {
			message = check->results[i].message;
			break;
		}
	}
	/* json_pack's "o" takes the reference, even when packing fails. */
	json_t *err = json_pack("{s:s, s:o}", "code", fz_err_name(rc), "message",
				json_text(message));
	if (err && field && *field && json_object_set_new(err, "field", json_string(field))) {
		json_decref(err);
		err = NULL;
	}
	json_t *fields = field_errors(check);
	if (err && fields && json_array_size(fields))
		err = json_put(err, "fields", json_incref(fields));
	json_decref(fields);
	json_t *obj = err ? json_pack("{s:o, s:o}", "error", err, "gates",
				      json_gate_results(check->results, check->n))
			  : NULL;
	if (!obj)
		return resp_error(r, FZ_NOMEM, NULL, NULL);
	return resp_json(r, fz_err_http_status(rc), obj);
}

const struct proc_def *case_api_def(struct req *r, const char *id)
{
	size_t n = 0;
	const struct proc_def *defs = app_procedures(&r->ctx, &n);
	for (size_t i = 0; defs && id && i < n; i++)
		if (strcmp(defs[i].id, id) == 0)
			return &defs[i];
	return NULL;
}

const struct proc_config *case_api_config(struct req *r)
{
	const struct proc_registry *reg = r->ctx.cfg && r->ctx.cfg->procs
						  ? r->ctx.cfg->procs
						  : proc_registry_builtin(NULL);
	return reg ? proc_registry_config(reg) : NULL;
}

int case_api_late_days(struct req *r)
{
	const struct proc_config *cfg = case_api_config(r);
	return cfg ? cfg->late_entry_days : 1;
}

bool case_view_overdue(const struct case_view *v)
{
	if (v->c.closed)
		return false;
	for (size_t i = 0; i < v->nclocks; i++) {
		const struct case_clock *c = &v->clocks[i];
		/* a party period is never overdue (caseclock.h): only duties */
		if (c->overdue && (c->state == CASE_CLOCK_RUNNING || c->state == CASE_CLOCK_SUSPENDED))
			return true;
	}
	return false;
}
