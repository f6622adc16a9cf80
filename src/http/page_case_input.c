/* page_case_input.c - the inputs of the case forms: one per field as its
 * declaration types it (text, date, time, yuan, a number, a person, yes/no,
 * a choice, penalty kinds as checkboxes), the officers taking part, and
 * reading multi-valued fields back from the form. */
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "domain/money.h"
#include "domain/penalty.h"
#include "http/api_case_input.h"
#include "http/form.h"
#include "http/html.h"
#include "http/page_case_kit.h"

static bool names_field(const struct fz_error *e, const char *key)
{
	return e && e->message[0] && strcmp(e->field, key) == 0;
}

static void hint(struct buf *b, const struct proc_field *f)
{
	if (f->hint)
		html_f(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", f->id, f->hint);
}

/* Whether p belongs under the unit group g (unit id, 0 = none). */
static bool in_group(const struct case_people *people, const struct person *p, int64_t g)
{
	bool known = false;
	for (size_t i = 0; i < people->nunits && !known; i++)
		known = people->units[i].id == p->unit_id;
	return (known ? p->unit_id : 0) == g;
}

/* Calls box for every person of people that show(p) keeps, under one
 * <fieldset> per unit (then those without one) when the agency has
 * units, so that dozens of officers read as their units. */
static void boxes_by_unit(struct buf *b, const struct case_people *people,
			  bool (*show)(const struct person *, const void *), const void *arg,
			  void (*box)(struct buf *, const struct person *, const void *))
{
	for (size_t g = 0; g <= people->nunits; g++) {
		int64_t gid = g < people->nunits ? people->units[g].id : 0;
		bool any = false;
		for (size_t i = 0; i < people->n; i++) {
			const struct person *p = &people->items[i];
			if (!show(p, arg) || (people->nunits && !in_group(people, p, gid)))
				continue;
			if (!any && people->nunits)
				html_f(b, "<fieldset class=\"unit\"><legend>%s</legend>\n",
				       g < people->nunits ? people->units[g].name : "未分配内设机构");
			any = true;
			box(b, p, arg);
		}
		if (any && people->nunits)
			html_raw(b, "</fieldset>\n");
		if (!people->nunits)
			return;
	}
}

struct boxes_arg {
	const char *name;
	const char *chosen;      /* person_boxes: "1,2" */
	const int64_t *ids;      /* case_officers_input */
	size_t nids;
};

static bool chosen_id(const struct boxes_arg *a, int64_t id)
{
	if (a->chosen)
		return num_list_has(a->chosen, id);
	for (size_t k = 0; k < a->nids; k++)
		if (a->ids[k] == id)
			return true;
	return false;
}

static bool active_officer(const struct person *p, const void *arg)
{
	(void)arg;
	return p->kind == PERSON_OFFICER && p->active;
}

static bool officer_or_chosen(const struct person *p, const void *arg)
{
	return active_officer(p, arg) || chosen_id(arg, p->id);
}

static void person_box(struct buf *b, const struct person *p, const void *arg)
{
	const struct boxes_arg *a = arg;
	html_f(b, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%lld\"%s> "
		  "%s%s</label>\n",
	       a->name, (long long)p->id, chosen_id(a, p->id) ? " checked" : "", p->name,
	       p->is_reviewer ? "（法制审核人员）" : "");
}

static void person_boxes(struct buf *b, const char *name, const char *legend,
			 const struct case_people *people, const char *chosen)
{
	struct boxes_arg a = { .name = name, .chosen = chosen ? chosen : "" };
	html_f(b, "<fieldset class=\"people\"><legend>%s</legend>\n", legend);
	boxes_by_unit(b, people, active_officer, &a, person_box);
	html_raw(b, "</fieldset>\n");
}

/* Penalty kinds as checkboxes, only those of offered (enum penalty_kind
 * bits). */
static void penalty_boxes(struct buf *b, const char *key, const char *label, const char *value,
			  unsigned offered)
{
	unsigned kinds = 0;
	if (value && penalty_kinds_parse(value, &kinds, NULL) != FZ_OK)
		kinds = 0;
	html_f(b, "<fieldset class=\"people\"><legend>%s</legend>\n", label);
	for (unsigned bit = 1; bit & PENALTY_ALL_MASK; bit <<= 1)
		if (bit & offered)
			html_f(b, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%s\"%s> "
			  "%s</label>\n",
		       key, penalty_kind_name(bit), kinds & bit ? " checked" : "",
		       penalty_kind_label(bit));
	html_raw(b, "</fieldset>\n");
}

/* The penalty of an on-the-spot decision (行政处罚法 art 51): only the
 * config's kinds, with the fine limit for the party chosen on the form
 * (organisation until one is chosen) and the other's, since the choice
 * can still change. */
static void onsite_penalty(struct req *r, struct buf *b, const char *key, const char *label,
			   const char *value, const struct fz_error *e)
{
	const struct proc_config *cfg = case_api_config(r);
	unsigned offered = cfg ? cfg->simplified_penalties : PENALTY_ALL_MASK;
	penalty_boxes(b, key, label, value, offered);
	kit_field_error(b, key, e);
	if (cfg) {
		bool citizen = !strcmp(kit_form(r, "party_kind"), "citizen");
		enum party_kind k = citizen ? PARTY_CITIZEN : PARTY_ORGANISATION;
		enum party_kind o = citizen ? PARTY_ORGANISATION : PARTY_CITIZEN;
		char mine[MONEY_TEXT_MAX], other[MONEY_TEXT_MAX];
		struct buf kinds = BUF_INIT;
		money_format_yuan(cfg->simplified_fine_fen[proc_party_index(k)], mine);
		money_format_yuan(cfg->simplified_fine_fen[proc_party_index(o)], other);
		penalty_kinds_format_labels(offered, &kinds);
		html_f(b, "<p class=\"hint\" id=\"%s-hint\">当场处罚只能是%s（行政处罚法第五十一条）；"
			  "罚款限额：%s %s 元以下（%s %s 元以下），超过的应适用普通程序</p>\n",
		       key, buf_cstr(&kinds), proc_party_label(k), mine, proc_party_label(o), other);
		buf_release(&kinds);
	}
}

/* The options of a choice the step allows, after "请选择". */
static struct kit_option *choice_options(struct req *r, const struct proc_field *f,
					 const struct proc_step *st, size_t *n)
{
	struct kit_option *opts = arena_calloc(r->a, f->nchoices + 1, sizeof *opts);
	*n = 0;
	if (!opts)
		return NULL;
	opts[(*n)++] = (struct kit_option){ "", "请选择" };
	for (size_t i = 0; i < f->nchoices; i++)
		if (proc_choice_allowed(st, f, f->choices[i].value))
			opts[(*n)++] = (struct kit_option){ f->choices[i].value, f->choices[i].label };
	return opts;
}

static struct kit_option *person_options(struct req *r, const struct case_people *people,
					 size_t *n)
{
	struct kit_option *opts = arena_calloc(r->a, people->n + 1, sizeof *opts);
	*n = 0;
	if (!opts)
		return NULL;
	opts[(*n)++] = (struct kit_option){ "", "请选择" };
	for (size_t i = 0; i < people->n; i++)
		if (people->items[i].kind == PERSON_OFFICER && people->items[i].active)
			opts[(*n)++] = (struct kit_option){
				kit_id(r, people->items[i].id), people->items[i].name,
				people->nunits ? case_person_unit(people, &people->items[i]) : NULL
			};
	/* an agency with units: one <optgroup> per unit */
	kit_options_group_sort(opts, 1, *n);
	return opts;
}

void case_field_input(struct req *r, struct buf *b, const struct proc_field *f,
		      const struct proc_step *st, bool required, const struct case_people *people,
		      const char *value, const struct fz_error *e)
{
	static const struct kit_option yesno[] = { { "0", "否" }, { "1", "是" } };
	const char *key = f->id;
	const char *label = required ? arena_printf(r->a, "%s *必填", f->label) : f->label;
	struct kit_option *opts = NULL;
	size_t n = 0;
	if (!label) {
		b->failed = true;
		return;
	}
	switch (f->type) {
	case PROC_FIELD_TEXTAREA:
		/* The attribute is markup: html_f would escape it into text. */
		html_f(b, "<div class=\"field\"><label for=\"%s\">%s</label>\n"
			  "<textarea id=\"%s\" name=\"%s\" rows=\"3\" maxlength=\"2000\"",
		       key, label, key, key);
		if (names_field(e, key))
			html_f(b, " aria-invalid=\"true\" aria-describedby=\"%s-err\"", key);
		html_f(b, ">%s</textarea>\n", value ? value : "");
		kit_field_error(b, key, e);
		hint(b, f);
		html_raw(b, "</div>\n");
		return;
	case PROC_FIELD_DATE:
		kit_input(b, "date", key, label, value, NULL, e);
		break;
	case PROC_FIELD_TIME:
		kit_input(b, "time", key, label, value, NULL, e);
		break;
	case PROC_FIELD_MONEY:
		kit_input(b, "text", key, label, value,
			  "inputmode=\"decimal\" maxlength=\"16\" pattern=\"[0-9]+(\\.[0-9]{1,2})?\"", e);
		break;
	case PROC_FIELD_INT:
		kit_input(b, "text", key, label, value,
			  "inputmode=\"numeric\" maxlength=\"9\" pattern=\"[0-9]+\"", e);
		break;
	case PROC_FIELD_CHOICE:
	case PROC_FIELD_PERSON:
		opts = f->type == PROC_FIELD_CHOICE ? choice_options(r, f, st, &n)
						    : person_options(r, people, &n);
		if (!opts) {
			b->failed = true;
			return;
		}
		kit_select(b, key, label, opts, n, value, e);
		break;
	case PROC_FIELD_YESNO:
		kit_select(b, key, label, yesno, 2, value && proc_yes(value) ? "1" : "0", e);
		break;
	case PROC_FIELD_PERSONS:
		person_boxes(b, key, label, people, value);
		kit_field_error(b, key, e);
		break;
	case PROC_FIELD_PENALTY:
		if (proc_step_has_gate(st, "simplified_within_limits")) {
			onsite_penalty(r, b, key, label, value, e);
			break;
		}
		penalty_boxes(b, key, label, value, PENALTY_ALL_MASK);
		kit_field_error(b, key, e);
		break;
	case PROC_FIELD_TEXT:
		kit_input(b, "text", key, label, value, "maxlength=\"500\"", e);
		break;
	}
	hint(b, f);
}

void case_officers_input(struct buf *b, const struct case_people *people, const int64_t *chosen,
			 size_t n, int min, const struct fz_error *e)
{
	struct boxes_arg a = { .name = "officers", .ids = chosen, .nids = n };
	html_f(b, "<fieldset class=\"people\"><legend>参与人员%s</legend>\n",
	       min > 1 ? "（至少两名持证执法人员）" : min == 1 ? "（至少一名）" : "");
	boxes_by_unit(b, people, officer_or_chosen, &a, person_box);
	html_raw(b, "</fieldset>\n");
	kit_field_error(b, "officers", e);
}

bool case_form_ids(struct req *r, const char *name, int64_t **out, size_t *n)
{
	size_t count = 0;
	*out = NULL;
	*n = 0;
	for (size_t i = 0; r->form && i < r->form->n; i++)
		count += strcmp(r->form->fields[i].name, name) == 0;
	if (!count)
		return true;
	int64_t *ids = arena_calloc(r->a, count, sizeof *ids);
	if (!ids)
		return false;
	for (size_t i = 0; i < r->form->n; i++) {
		if (strcmp(r->form->fields[i].name, name) != 0)
			continue;
		if (!http_parse_int64(r->form->fields[i].value, 1, INT64_MAX, &ids[*n]))
			return false;
		(*n)++;
	}
	*out = ids;
	return true;
}

const char *case_form_joined(struct req *r, const char *name)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; r->form && i < r->form->n; i++) {
		const struct form_field *f = &r->form->fields[i];
		if (strcmp(f->name, name) != 0 || !*f->value)
			continue;
		if (b.len)
			buf_addc(&b, ',');
		buf_adds(&b, f->value);
	}
	const char *s = buf_failed(&b) ? NULL : arena_strndup(r->a, buf_cstr(&b), b.len);
	buf_release(&b);
	return s ? s : "";
}
