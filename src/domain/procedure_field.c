/* procedure_field.c - the event fields a definition declares: their
 * types by name, which declaration a field id has on a step (the step's
 * own, the definition's, the catalogue's), and whether a value fits its
 * type. The engine (gate required_fields), the pages and the API all read
 * fields through these. */
#include "domain/procedure.h"

#include <string.h>

#include "base/date.h"
#include "domain/money.h"
#include "domain/penalty.h"

static const char *const type_names[] = {
	[PROC_FIELD_TEXT] = "text",       [PROC_FIELD_TEXTAREA] = "textarea",
	[PROC_FIELD_DATE] = "date",       [PROC_FIELD_TIME] = "time",
	[PROC_FIELD_MONEY] = "money",     [PROC_FIELD_INT] = "int",
	[PROC_FIELD_YESNO] = "yesno",     [PROC_FIELD_CHOICE] = "choice",
	[PROC_FIELD_PENALTY] = "penalty", [PROC_FIELD_PERSON] = "person",
	[PROC_FIELD_PERSONS] = "persons",
};
#define NTYPES (sizeof type_names / sizeof type_names[0])

const char *proc_field_type_name(enum proc_field_type t)
{
	return (unsigned)t < NTYPES ? type_names[t] : NULL;
}

enum proc_field_type proc_field_type_from(const char *w, size_t n)
{
	for (size_t i = 1; w && i < NTYPES; i++)
		if (strlen(type_names[i]) == n && memcmp(type_names[i], w, n) == 0)
			return (enum proc_field_type)i;
	return 0;
}

static const struct proc_field *fields_find(const struct proc_fields *fs, const char *id)
{
	for (size_t i = 0; fs && i < fs->n; i++)
		if (strcmp(fs->items[i].id, id) == 0)
			return &fs->items[i];
	return NULL;
}

const struct proc_field *proc_field_of(const struct proc_def *d, const struct proc_step *s,
				       const char *id)
{
	const struct proc_field *f = NULL;
	if (!id)
		return NULL;
	if (s)
		f = fields_find(&s->own, id);
	if (!f && d)
		f = fields_find(&d->own, id);
	if (!f && d)
		f = fields_find(d->catalogue, id);
	return f;
}

size_t proc_step_field_ids(const struct proc_def *d, const struct proc_step *s, bool with_case,
			   const char **out, size_t max)
{
	const struct proc_list *lists[3] = { &s->fields, &s->optional, &d->case_fields };
	size_t n = 0;
	for (int l = 0; l < (with_case ? 3 : 2); l++)
		for (size_t i = 0; i < lists[l]->n && n < max; i++) {
			const char *id = lists[l]->items[i].id;
			bool seen = false;
			for (size_t k = 0; k < n && !seen; k++)
				seen = strcmp(out[k], id) == 0;
			if (!seen)
				out[n++] = id;
		}
	return n;
}

bool proc_step_accepts(const struct proc_def *d, const struct proc_step *s, const char *id)
{
	return s && (proc_list_has(&s->fields, id) || proc_list_has(&s->optional, id) ||
		     proc_list_has(&d->case_fields, id));
}

const char *proc_choice_label(const struct proc_field *f, const char *value)
{
	for (size_t i = 0; f && value && i < f->nchoices; i++)
		if (strcmp(f->choices[i].value, value) == 0)
			return f->choices[i].label;
	return NULL;
}

bool proc_choice_allowed(const struct proc_step *s, const struct proc_field *f,
			 const char *value)
{
	if (!proc_choice_label(f, value))
		return false;
	for (size_t i = 0; s && i < s->nvalues; i++)
		if (strcmp(s->values[i].field, f->id) == 0)
			return proc_list_has(&s->values[i].allowed, value);
	return true;
}

bool proc_yes(const char *v)
{
	return v && (!strcmp(v, "1") || !strcmp(v, "yes") || !strcmp(v, "true"));
}

static bool yesno_valid(const char *v)
{
	return proc_yes(v) || !strcmp(v, "0") || !strcmp(v, "no") || !strcmp(v, "false");
}

/* Decimal digits, 1 to max of them, and nothing else. */
static bool digits(const char *v, size_t max)
{
	size_t n = strspn(v, "0123456789");
	return n >= 1 && n <= max && v[n] == '\0';
}

static bool person_id(const char *v, size_t n)
{
	if (n == 0 || n > 18 || v[0] == '0')
		return false;
	for (size_t i = 0; i < n; i++)
		if (v[i] < '0' || v[i] > '9')
			return false;
	return true;
}

/* Person ids separated by commas (blanks allowed after a comma). */
static bool persons_valid(const char *v)
{
	const char *p = v;
	for (;;) {
		size_t n = strcspn(p, ",");
		if (!person_id(p, n))
			return false;
		if (!p[n])
			return true;
		p += n + 1;
		while (*p == ' ')
			p++;
	}
}

static bool time_valid(const char *v)
{
	return strlen(v) == 5 && v[2] == ':' && v[0] >= '0' && v[0] <= '2' && v[1] >= '0' &&
	       v[1] <= '9' && (v[0] < '2' || v[1] <= '3') && v[3] >= '0' && v[3] <= '5' &&
	       v[4] >= '0' && v[4] <= '9';
}

const char *proc_field_problem(const struct proc_field *f, const char *v, const char *today)
{
	int64_t fen;
	unsigned kinds;
	switch (f->type) {
	case PROC_FIELD_DATE:
		if (!date_parse(v, NULL, NULL, NULL))
			return "应为 YYYY-MM-DD 格式的有效日期";
		if (!f->future && today && strcmp(v, today) > 0)
			return "不能晚于今天";
		return NULL;
	case PROC_FIELD_TIME:
		return time_valid(v) ? NULL : "应为 HH:MM 格式的时间（如 09:30）";
	case PROC_FIELD_MONEY:
		return money_parse_yuan(v, &fen) ? NULL : "应为元数，最多两位小数（如 5000 或 5000.50）";
	case PROC_FIELD_INT:
		return digits(v, 9) ? NULL : "应为整数";
	case PROC_FIELD_YESNO:
		return yesno_valid(v) ? NULL : "应为“是”或“否”（1 或 0）";
	case PROC_FIELD_PENALTY:
		if (penalty_kinds_parse(v, &kinds, NULL) != FZ_OK || !kinds)
			return "应为处罚种类（warning、fine、revoke_licence ……）";
		return NULL;
	case PROC_FIELD_PERSON:
		return person_id(v, strlen(v)) ? NULL : "应为人员编号";
	case PROC_FIELD_PERSONS:
		return persons_valid(v) ? NULL : "应为以逗号分隔的人员编号";
	case PROC_FIELD_TEXT:
	case PROC_FIELD_TEXTAREA:
	case PROC_FIELD_CHOICE:
		return NULL;
	}
	return NULL;
}
