/* page_case_fields.c - the event fields of a step's form as the
 * definition declares them: which fields the form shows, reading them
 * back (unknown names included, for the engine to refuse by name), the
 * inputs with the engine's error beside each, and how a stored value
 * reads on the case page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/penalty.h"
#include "http/form.h"
#include "http/html.h"
#include "http/page_case_kit.h"

const char *case_field_label(const struct proc_field *f, const char *key)
{
	return f ? f->label : key;
}

static bool listed(const char *const *keys, size_t n, const char *key)
{
	for (size_t i = 0; keys && i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return true;
	return false;
}

static bool multi_valued(const struct proc_field *f)
{
	return f && (f->type == PROC_FIELD_PENALTY || f->type == PROC_FIELD_PERSONS);
}

size_t case_form_read(struct req *r, const struct proc_def *def, const struct proc_step *st,
		      struct case_form_fields *f, const char *const *skip, struct case_field *out,
		      size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++) {
		const struct proc_field *pf = proc_field_of(def, st, f->keys[i]);
		const char *v = multi_valued(pf) ? case_form_joined(r, f->keys[i])
						 : kit_form(r, f->keys[i]);
		f->values[i] = v;
		bool required = st && proc_list_has(&st->fields, f->keys[i]);
		if (!*v || (pf && pf->type == PROC_FIELD_YESNO && !strcmp(v, "0") && !required))
			continue;
		if (n < max)
			out[n++] = (struct case_field){ f->keys[i], v };
	}
	for (size_t i = 0; r->form && i < r->form->n && n < max; i++) {
		const char *name = r->form->fields[i].name;
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(out[k].key, name) == 0;
		if (seen || listed(f->keys, f->n, name))
			continue;
		bool control = false;
		for (const char *const *s = skip; s && *s && !control; s++)
			control = strcmp(*s, name) == 0;
		if (!control)
			out[n++] = (struct case_field){ name, kit_form(r, name) };
	}
	return n;
}

bool case_field_error(const struct case_check *check, const char *key, struct fz_error *out)
{
	for (size_t i = 0; check && i < check->n; i++) {
		const struct gate_result *g = &check->results[i];
		if (!g->passed && strcmp(g->field, key) == 0) {
			memset(out, 0, sizeof *out);
			out->code = g->code;
			snprintf(out->field, sizeof out->field, "%s", key);
			/* cut on a character boundary when the message is longer */
			size_t n = strlen(g->message);
			if (n >= sizeof out->message) {
				n = sizeof out->message - 1;
				while (n && ((unsigned char)g->message[n] & 0xC0) == 0x80)
					n--;
			}
			memcpy(out->message, g->message, n);
			out->message[n] = '\0';
			return true;
		}
	}
	return false;
}

void case_form_inputs(struct req *r, struct buf *b, const struct proc_def *def,
		      const struct proc_step *st, const struct case_people *people,
		      const char *const *keys, const char *const *values, size_t n,
		      const struct case_check *check, const struct fz_error *e)
{
	for (size_t i = 0; i < n; i++) {
		struct fz_error mine;
		const struct proc_field *pf = proc_field_of(def, st, keys[i]);
		if (!pf)
			continue; /* validated at load: cannot happen */
		case_field_input(r, b, pf, st, st && proc_list_has(&st->fields, keys[i]), people,
				 values[i], case_field_error(check, keys[i], &mine) ? &mine : e);
	}
}

/* A comma-separated list of person ids as names. */
static void show_ids(struct req *r, struct buf *b, const struct case_people *people,
		     const char *value)
{
	const char *p = value;
	bool first = true;
	while (*p) {
		char *end;
		long long id = strtoll(p, &end, 10);
		if (end == p || id <= 0) {
			html_f(b, "%s%s", first ? "" : "、", p);
			return;
		}
		html_f(b, "%s%s", first ? "" : "、", case_person_name(r, people, id));
		first = false;
		p = end;
		while (*p == ',' || *p == ' ')
			p++;
	}
}

void case_field_show(struct req *r, struct buf *b, const struct proc_field *f,
		     const struct case_people *people, const char *value)
{
	unsigned kinds;
	struct buf l = BUF_INIT;
	const char *label;
	switch (f ? f->type : PROC_FIELD_TEXT) {
	case PROC_FIELD_CHOICE:
		label = proc_choice_label(f, value);
		html_f(b, "%s", label ? label : value);
		return;
	case PROC_FIELD_YESNO:
		html_f(b, "%s", proc_yes(value) ? "是" : "否");
		return;
	case PROC_FIELD_PENALTY:
		if (penalty_kinds_parse(value, &kinds, NULL) != FZ_OK) {
			html_f(b, "%s", value);
			return;
		}
		penalty_kinds_format_labels(kinds, &l);
		html_f(b, "%s", buf_cstr(&l));
		buf_release(&l);
		return;
	case PROC_FIELD_MONEY:
		html_f(b, "%s 元", value);
		return;
	case PROC_FIELD_PERSON:
	case PROC_FIELD_PERSONS:
		show_ids(r, b, people, value);
		return;
	default:
		html_f(b, "%s", value);
	}
}
