/* procedure_validate.c - the checks a parsed definition must pass before
 * it is used: every name it mentions exists, required steps form no
 * cycle, there is a way in and a way out, and each gate finds what it
 * needs. A definition that fails stops the server at start-up. */
#include "domain/procedure_lex.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/gate.h"
#include "domain/outcome.h"
#include "domain/procedure_config.h"

/* FZ_INVALID naming the file, the line and the step. */
#define STEP_FAIL(e, d, line, s, ...) step_fail(e, d, line, (s)->id, __VA_ARGS__)

static enum fz_err step_fail(struct fz_error *e, const struct proc_def *d, int line,
			     const char *step, const char *fmt, ...) FZ_PRINTF(5, 6);

static enum fz_err step_fail(struct fz_error *e, const struct proc_def *d, int line,
			     const char *step, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return proc_fail(e, d->filename, line, "步骤 %s：%s", step, msg);
}

static enum fz_err header_check(const struct proc_def *d, struct fz_error *e)
{
	if (!d->id)
		return proc_fail(e, d->filename, 0, "缺少 procedure 行（程序 id）");
	if (!d->label)
		return proc_fail(e, d->filename, 0, "缺少程序名称（label）");
	if (!d->kind)
		return proc_fail(e, d->filename, 0, "缺少 kind 行");
	/* A normative document has no party; an enforcement act always has
	 * one (the gates and the documents speak of it). */
	if (case_kind_is_matter(d->kind) != d->matter)
		return proc_fail(e, d->filename, 0,
				 d->matter ? "subject matter（没有当事人的事项）只用于 kind normative_document 或 major_decision"
					   : "kind normative_document、major_decision 的程序须写 subject matter");
	if (d->matter && !proc_list_has(&d->case_fields, PROC_CO_UNITS))
		return proc_fail(e, d->filename, 0,
				 "subject matter 的程序须在 case_fields 中列出 " PROC_CO_UNITS
				 "（会同起草单位）");
	if (!d->correction_roles)
		return proc_fail(e, d->filename, 0, "缺少 corrections 行（谁可以记录更正）");
	if (!d->nsteps)
		return proc_fail(e, d->filename, 0, "没有任何步骤");
	return FZ_OK;
}

static enum fz_err clock_check(const struct proc_def *d, const struct proc_clock *c,
			       struct fz_error *e)
{
	enum clock_unit budget = c->budget.unit, ext = c->extension.unit;
	if (!c->label)
		return proc_fail(e, d->filename, c->line, "期限 %s：缺少名称（label）", c->id);
	if (!c->basis)
		return proc_fail(e, d->filename, c->line, "期限 %s：缺少法律依据（basis）", c->id);
	if (c->due_field && (c->budget.amount || c->budget_config))
		return proc_fail(e, d->filename, c->line,
				 "期限 %s：due（届满日由字段给出）与 budget 只能写一个", c->id);
	if (!c->due_field && !c->budget.amount && !c->budget_config)
		return proc_fail(e, d->filename, c->line, "期限 %s：缺少期限长度（budget）", c->id);
	if (c->per_act && (c->after || c->from_field || c->extension.amount || c->extension_config))
		return proc_fail(e, d->filename, c->line,
				 "期限 %s：per_act（逐件计算）的期限不能再写 after、from 或 extension",
				 c->id);
	if (c->only_field) {
		const struct proc_field *f = proc_field_of(d, NULL, c->only_field);
		if (!f || f->type != PROC_FIELD_YESNO)
			return proc_fail(e, d->filename, c->line,
					 "期限 %s：only_when %s 的“%s”应为本程序声明的是否字段（yesno）",
					 c->id, c->only_when, c->only_field);
	}
	if (c->budget_config)
		proc_config_period_known(c->budget_config, &budget);
	if (c->extension_config)
		proc_config_period_known(c->extension_config, &ext);
	if ((c->extension.amount || c->extension_config) && ext != budget)
		return proc_fail(e, d->filename, c->line,
				 "期限 %s：延长期限的单位（%s）与期限本身（%s）不同", c->id,
				 proc_unit_name(ext), proc_unit_name(budget));
	if (c->max_extensions > 0 && !c->extension.amount && !c->extension_config)
		return proc_fail(e, d->filename, c->line,
				 "期限 %s：写了 max_extensions 却没有 extension", c->id);
	if (c->after) {
		const struct proc_clock *prev = proc_clock_find(d, c->after);
		if (!prev)
			return proc_fail(e, d->filename, c->line, "期限 %s：after 未知的期限“%s”",
					 c->id, c->after);
		/* one link only: a chain could loop and says nothing a law needs */
		if (prev == c || prev->after)
			return proc_fail(e, d->filename, c->line,
					 "期限 %s：after 的期限“%s”不能是自身，也不能再以 after 起算",
					 c->id, c->after);
	}
	return FZ_OK;
}

static enum fz_err refs_check(const struct proc_def *d, const struct proc_step *s,
			      const struct proc_list *l, const char *what, struct fz_error *e)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *id = l->items[i].id;
		int line = l->items[i].line;
		if (what[0] == 's') { /* step */
			if (!proc_step_find(d, id))
				return STEP_FAIL(e, d, line, s, "前置步骤“%s”不存在", id);
			if (strcmp(id, s->id) == 0)
				return STEP_FAIL(e, d, line, s, "不能以自身为前置步骤");
		} else if (what[0] == 'c') { /* clock */
			if (!proc_clock_find(d, id))
				return STEP_FAIL(e, d, line, s, "未知的期限“%s”", id);
		} else if (!proc_doc_find(d, id)) { /* document */
			return STEP_FAIL(e, d, line, s, "未知的文书“%s”（须先以 document 行定义）", id);
		}
	}
	return FZ_OK;
}

/* Each space-separated "clock:ID", "step:ID" or "flag:NAME" of needs. */
static enum fz_err needs_check(const struct proc_def *d, const struct proc_step *s,
			       const struct proc_gate_ref *g, const char *needs,
			       struct fz_error *e)
{
	char item[64];
	for (const char *p = needs; p && *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		snprintf(item, sizeof item, "%.*s", (int)n, p);
		p += n;
		const char *id = strchr(item, ':') + 1;
		bool ok = true;
		if (strncmp(item, "clock:", 6) == 0) {
			ok = proc_clock_find(d, id) != NULL;
		} else if (strncmp(item, "step:", 5) == 0) {
			ok = proc_step_find(d, id) != NULL;
		} else {
			unsigned bit = strcmp(id, "notifies") == 0 ? PROC_NOTIFIES : PROC_DECIDES;
			ok = false;
			for (size_t i = 0; i < d->nsteps; i++)
				ok = ok || (d->steps[i].flags & bit);
		}
		if (!ok)
			return STEP_FAIL(e, d, g->line, s, "关卡 %s 需要本程序定义%s“%s”", g->name,
					 item[0] == 'c' ? "期限" : item[0] == 's' ? "步骤" : "带标志的步骤",
					 id);
	}
	return FZ_OK;
}

static enum fz_err gates_check(const struct proc_def *d, const struct proc_step *s,
			       struct fz_error *e)
{
	enum fz_err rc;
	for (size_t i = 0; i < s->ngates; i++) {
		const struct proc_gate_ref *g = &s->gates[i];
		const struct gate_def *gd = gate_def_find(g->name);
		if (!gd)
			return STEP_FAIL(e, d, g->line, s, "未知的关卡“%s”", g->name);
		if ((gd->flags & GATE_CLOCK_ARG) && !g->arg)
			return STEP_FAIL(e, d, g->line, s, "关卡 %s 须写为 %s:期限id", g->name, g->name);
		if (!(gd->flags & GATE_CLOCK_ARG) && g->arg)
			return STEP_FAIL(e, d, g->line, s, "关卡 %s 不带参数", g->name);
		if (g->arg && !proc_clock_find(d, g->arg))
			return STEP_FAIL(e, d, g->line, s, "关卡 %s 的期限“%s”不存在", g->name, g->arg);
		for (size_t j = 0; j < i; j++)
			if (strcmp(s->gates[j].name, g->name) == 0 &&
			    !(g->arg && s->gates[j].arg && strcmp(g->arg, s->gates[j].arg) != 0))
				return STEP_FAIL(e, d, g->line, s, "关卡 %s 重复", g->name);
		if ((rc = needs_check(d, s, g, gd->needs, e)))
			return rc;
	}
	return FZ_OK;
}

/* The fields a step names: each declared once, in `fields` or `optional`
 * but not both; its own declarations for fields it names; `values` only
 * for its choice fields, listing their options. */
static enum fz_err step_fields_check(const struct proc_def *d, const struct proc_step *s,
				     struct fz_error *e)
{
	const struct proc_list *lists[2] = { &s->fields, &s->optional };
	if (s->fields.n + s->optional.n + d->case_fields.n > PROC_STEP_FIELDS_MAX)
		return STEP_FAIL(e, d, s->line, s, "字段过多（连同全案字段最多 %d 个）",
				 PROC_STEP_FIELDS_MAX);
	for (int l = 0; l < 2; l++) {
		for (size_t i = 0; i < lists[l]->n; i++) {
			const struct proc_ref *r = &lists[l]->items[i];
			if (!proc_field_of(d, s, r->id))
				return STEP_FAIL(e, d, r->line, s,
						 "字段“%s”未声明（在 fields.txt 或本文件中以 field 行声明）",
						 r->id);
			for (int m = 0; m <= l; m++)
				for (size_t j = 0; j < (m == l ? i : lists[m]->n); j++)
					if (strcmp(lists[m]->items[j].id, r->id) == 0)
						return STEP_FAIL(e, d, r->line, s, "字段 %s 重复列出%s",
								 r->id, m != l ? "（已在 fields 中）" : "");
		}
	}
	for (size_t i = 0; i < s->own.n; i++) {
		const struct proc_field *f = &s->own.items[i];
		const char *lack = proc_field_incomplete(f);
		if (lack)
			return STEP_FAIL(e, d, f->line, s, "字段 %s：%s", f->id, lack);
		if (!proc_step_accepts(d, s, f->id))
			return STEP_FAIL(e, d, f->line, s,
					 "声明了字段 %s，但本步骤的 fields 和 optional 都没有它", f->id);
	}
	for (size_t i = 0; i < s->nvalues; i++) {
		const struct proc_values *v = &s->values[i];
		const struct proc_field *f = proc_field_of(d, s, v->field);
		if (!proc_step_accepts(d, s, v->field) || !f)
			return STEP_FAIL(e, d, v->line, s, "values 的字段 %s 不是本步骤的字段", v->field);
		if (f->type != PROC_FIELD_CHOICE)
			return STEP_FAIL(e, d, v->line, s, "values 只用于 choice 类型的字段（%s 是 %s）",
					 v->field, proc_field_type_name(f->type));
		for (size_t k = 0; k < v->allowed.n; k++)
			if (!proc_choice_label(f, v->allowed.items[k].id))
				return STEP_FAIL(e, d, v->line, s, "“%s”不是字段 %s 的选项",
						 v->allowed.items[k].id, v->field);
	}
	return FZ_OK;
}

/* What a per-act clock and a clock with its due date in a field ask of
 * the steps: each starting step records the due date (a future date),
 * each stopping step of a per-act clock names what it answers, and no
 * step suspends or extends a per-act clock (an instance is answered, or
 * a new act sets a new date). */
static enum fz_err clock_steps_check(const struct proc_def *d, const struct proc_clock *c,
				     struct fz_error *e)
{
	for (size_t i = 0; i < d->nsteps; i++) {
		const struct proc_step *s = &d->steps[i];
		if (c->due_field && proc_list_has(&s->starts, c->id)) {
			const struct proc_field *f = proc_field_of(d, s, c->due_field);
			if (!proc_list_has(&s->fields, c->due_field) || !f ||
			    f->type != PROC_FIELD_DATE || !f->future)
				return STEP_FAIL(e, d, s->line, s,
						 "开始期限 %s 的步骤须以 fields 要求届满日字段 %s"
						 "（date 类型，可为将来日期：future）",
						 c->id, c->due_field);
		}
		if (!c->per_act)
			continue;
		if (proc_list_has(&s->stops, c->id)) {
			const struct proc_field *f = proc_field_of(d, s, PROC_ANSWERS_FIELD);
			if (!proc_list_has(&s->fields, PROC_ANSWERS_FIELD) || !f ||
			    f->type != PROC_FIELD_INT)
				return STEP_FAIL(e, d, s->line, s,
						 "答复逐件期限 %s 的步骤须以 fields 要求 %s（int 类型："
						 "所答复事件的序号）", c->id, PROC_ANSWERS_FIELD);
		}
		if (proc_list_has(&s->suspends, c->id) || proc_list_has(&s->resumes, c->id) ||
		    proc_list_has(&s->extends, c->id))
			return STEP_FAIL(e, d, s->line, s,
					 "逐件期限 %s 不能中止、恢复或延长", c->id);
	}
	return FZ_OK;
}

/* The definition's own fields, its case-wide list and the clocks' start
 * fields. */
static enum fz_err def_fields_check(const struct proc_def *d, struct fz_error *e)
{
	for (size_t i = 0; i < d->own.n; i++) {
		const char *lack = proc_field_incomplete(&d->own.items[i]);
		if (lack)
			return proc_fail(e, d->filename, d->own.items[i].line, "字段 %s：%s",
					 d->own.items[i].id, lack);
	}
	for (size_t i = 0; i < d->case_fields.n; i++) {
		const struct proc_ref *r = &d->case_fields.items[i];
		const struct proc_field *f = proc_field_of(d, NULL, r->id);
		if (!f)
			return proc_fail(e, d->filename, r->line, "全案字段“%s”未声明", r->id);
		if (!f->case_wide)
			return proc_fail(e, d->filename, r->line,
					 "字段 %s 不是全案字段（声明时须写 case_wide）", r->id);
	}
	for (size_t i = 0; i < d->nclocks; i++) {
		const struct proc_clock *c = &d->clocks[i];
		const struct proc_field *f = c->from_field ? proc_field_of(d, NULL, c->from_field) : NULL;
		if (c->from_field && (!f || f->type != PROC_FIELD_DATE))
			return proc_fail(e, d->filename, c->line,
					 "期限 %s：起算字段 %s 须声明为 date 类型", c->id, c->from_field);
		enum fz_err rc = clock_steps_check(d, c, e);
		if (rc)
			return rc;
	}
	return FZ_OK;
}

static enum fz_err step_check(const struct proc_def *d, const struct proc_step *s,
			      struct fz_error *e)
{
	enum fz_err rc;
	if (!s->label)
		return STEP_FAIL(e, d, s->line, s, "缺少名称（label）");
	if (!s->roles)
		return STEP_FAIL(e, d, s->line, s, "缺少 roles（谁可以进行此步骤）");
	if ((s->flags & PROC_OPENS) && (s->requires.n || s->requires_any.n))
		return STEP_FAIL(e, d, s->line, s, "立案（opens）步骤不能有前置步骤");
	if ((rc = refs_check(d, s, &s->requires, "step", e)) ||
	    (rc = refs_check(d, s, &s->requires_any, "step", e)) ||
	    (rc = refs_check(d, s, &s->starts, "clock", e)) ||
	    (rc = refs_check(d, s, &s->stops, "clock", e)) ||
	    (rc = refs_check(d, s, &s->suspends, "clock", e)) ||
	    (rc = refs_check(d, s, &s->resumes, "clock", e)) ||
	    (rc = refs_check(d, s, &s->extends, "clock", e)) ||
	    (rc = refs_check(d, s, &s->voids, "step", e)) ||
	    (rc = refs_check(d, s, &s->produces, "document", e)) ||
	    (rc = refs_check(d, s, &s->mandatory, "document", e)))
		return rc;
	for (size_t i = 0; i < s->voids.n; i++) {
		const struct proc_step *v = proc_step_find(d, s->voids.items[i].id);
		/* an outcome is set aside; a publishes step's publication is
		 * withdrawn (a published major decision stopped or changed) */
		if (!(v->flags & (PROC_OUTCOME | PROC_PUBLISHES)))
			return STEP_FAIL(e, d, s->voids.items[i].line, s,
					 "voids 只能撤销结果步骤（outcome）或已公示的步骤（publishes），"
					 "“%s”都不是", v->id);
		if (!outcome_step_follows(d, s, v->id))
			return STEP_FAIL(e, d, s->voids.items[i].line, s,
					 "撤销“%s”的步骤须以它为前置步骤（requires）", v->id);
	}
	for (size_t i = 0; i < s->extends.n; i++) {
		const struct proc_clock *c = proc_clock_find(d, s->extends.items[i].id);
		if (!c->extension.amount && !c->extension_config)
			return STEP_FAIL(e, d, s->extends.items[i].line, s,
					 "期限 %s 没有规定可延长的期间（extension）", c->id);
	}
	if ((rc = step_fields_check(d, s, e)))
		return rc;
	return gates_check(d, s, e);
}

/* Depth-first search over "requires" and "requires_any"; colour 1 = on
 * the current path (kept in path[0..depth)), 2 = done. A step met again
 * on the path closes a cycle, which the message spells out. */
static enum fz_err cycle_visit(const struct proc_def *d, size_t i, unsigned char *colour,
			       size_t *path, size_t depth, struct fz_error *e)
{
	const struct proc_step *s = &d->steps[i];
	colour[i] = 1;
	path[depth++] = i;
	const struct proc_list *lists[2] = { &s->requires, &s->requires_any };
	for (int l = 0; l < 2; l++) {
		for (size_t k = 0; k < lists[l]->n; k++) {
			size_t j = (size_t)(proc_step_find(d, lists[l]->items[k].id) - d->steps);
			if (colour[j] == 1) {
				char chain[160] = "";
				size_t at = 0, len = 0;
				while (path[at] != j)
					at++;
				for (; at < depth && len < sizeof chain; at++)
					len += (size_t)snprintf(chain + len, sizeof chain - len, "%s → ",
								d->steps[path[at]].id);
				if (len < sizeof chain)
					snprintf(chain + len, sizeof chain - len, "%s", d->steps[j].id);
				return STEP_FAIL(e, d, lists[l]->items[k].line, s,
						 "前置步骤构成循环（%s）", chain);
			}
			if (colour[j] == 0) {
				enum fz_err rc = cycle_visit(d, j, colour, path, depth, e);
				if (rc)
					return rc;
			}
		}
	}
	colour[i] = 2;
	return FZ_OK;
}

enum fz_err proc_def_validate(const struct proc_def *d, struct fz_error *e)
{
	enum fz_err rc;
	unsigned char colour[256] = { 0 };
	size_t path[256];
	bool opens = false, closes = false;
	if ((rc = header_check(d, e)))
		return rc;
	if (d->nsteps > sizeof colour)
		return proc_fail(e, d->filename, 0, "步骤过多（最多 %zu 个）", sizeof colour);
	for (size_t i = 0; i < d->nclocks; i++)
		if ((rc = clock_check(d, &d->clocks[i], e)))
			return rc;
	if ((rc = def_fields_check(d, e)))
		return rc;
	for (size_t i = 0; i < d->nsteps; i++) {
		if ((rc = step_check(d, &d->steps[i], e)))
			return rc;
		opens = opens || (d->steps[i].flags & PROC_OPENS);
		closes = closes || (d->steps[i].flags & PROC_CLOSES);
	}
	if (!opens)
		return proc_fail(e, d->filename, 0, "没有立案步骤（flags opens）");
	if (!closes)
		return proc_fail(e, d->filename, 0, "没有结案步骤（flags closes）");
	for (size_t i = 0; i < d->nsteps; i++)
		if (!colour[i] && (rc = cycle_visit(d, i, colour, path, 0, e)))
			return rc;
	return FZ_OK;
}
