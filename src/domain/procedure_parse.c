/* procedure_parse.c - reads a definition (docs/PROCEDURES.md): header
 * lines and `field` blocks, then `clock ID` and `step ID` blocks (a step
 * may hold `field` blocks of its own). Every problem names file,
 * line and block: a bad definition stops the server, and a provincial legal
 * officer has to find the line to fix. */
#include "domain/procedure.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/procedure_config.h"
#include "domain/procedure_lex.h"
#include "domain/roles.h"

struct parser {
	struct proc_lex lx;
	struct arena *a;
	struct proc_def *d;
	size_t cap_docs, cap_clocks, cap_steps, cap_fields;
	int clock;   /* index of the clock block being read, or -1 */
	int step;    /* index of the step block being read, or -1 */
	struct proc_field *field; /* the field block being read, or NULL */
	int subject_line; /* where `subject` was written, 0: not yet */
	struct fz_error *e;
};

static enum fz_err perr(struct parser *ps, const char *fmt, ...) FZ_PRINTF(2, 3);

/* FZ_INVALID naming the line and the block being read. */
static enum fz_err perr(struct parser *ps, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (ps->step >= 0)
		return proc_fail(ps->e, ps->lx.filename, ps->lx.line, "步骤 %s：%s",
				 ps->d->steps[ps->step].id, msg);
	if (ps->clock >= 0)
		return proc_fail(ps->e, ps->lx.filename, ps->lx.line, "期限 %s：%s",
				 ps->d->clocks[ps->clock].id, msg);
	return proc_fail(ps->e, ps->lx.filename, ps->lx.line, "%s", msg);
}

static enum fz_err nomem(struct parser *ps)
{
	return fz_fail(ps->e, FZ_NOMEM, "", NULL);
}

/* The next word as an identifier copied into the arena, or NULL after
 * reporting the problem (what names the thing expected). */
static const char *ident(struct parser *ps, const char *what, enum fz_err *rc)
{
	size_t n;
	const char *w = proc_lex_word(&ps->lx, &n);
	if (!w) {
		*rc = perr(ps, "缺少%s", what);
		return NULL;
	}
	if (!proc_ident_valid(w, n)) {
		*rc = perr(ps, "%s“%.*s”应由小写字母、数字和下划线组成，以字母开头，不超过 %d 字节",
			   what, (int)(n > 40 ? 40 : n), w, PROC_ID_MAX);
		return NULL;
	}
	const char *s = arena_strndup(ps->a, w, n);
	if (!s)
		*rc = nomem(ps);
	return s;
}

/* The rest of the line as text of at most max bytes. */
static const char *text_read(struct parser *ps, const char *what, size_t max, enum fz_err *rc)
{
	size_t n;
	const char *w = proc_lex_rest(&ps->lx, &n);
	if (!w) {
		*rc = perr(ps, "%s为空", what);
		return NULL;
	}
	if (n > max) {
		*rc = perr(ps, "%s过长（最多 %zu 字节）", what, max);
		return NULL;
	}
	const char *s = arena_strndup(ps->a, w, n);
	if (!s)
		*rc = nomem(ps);
	return s;
}

static enum fz_err no_more(struct parser *ps)
{
	size_t n;
	const char *w = proc_lex_word(&ps->lx, &n);
	if (w)
		return perr(ps, "多余的内容“%.*s”", (int)(n > 40 ? 40 : n), w);
	return FZ_OK;
}

/* Appends every remaining identifier of the line to l. */
static enum fz_err list_read(struct parser *ps, struct proc_list *l, const char *what)
{
	size_t n;
	const char *w;
	bool any = false;
	while ((w = proc_lex_word(&ps->lx, &n))) {
		if (!proc_ident_valid(w, n))
			return perr(ps, "%s“%.*s”应由小写字母、数字和下划线组成", what,
				    (int)(n > 40 ? 40 : n), w);
		struct proc_ref *items = arena_calloc(ps->a, l->n + 1, sizeof *items);
		const char *id = arena_strndup(ps->a, w, n);
		if (!items || !id)
			return nomem(ps);
		if (l->n)
			memcpy(items, l->items, l->n * sizeof *items);
		items[l->n].id = id;
		items[l->n].line = ps->lx.line;
		l->items = items;
		l->n++;
		any = true;
	}
	return any ? FZ_OK : perr(ps, "缺少%s", what);
}

/* Business roles only: the 三员 never take a step of a case. */
static enum fz_err roles_read(struct parser *ps, unsigned *out)
{
	size_t n;
	const char *w;
	const unsigned business = ROLE_OFFICER | ROLE_REVIEWER | ROLE_HEAD | ROLE_SUPERVISOR;
	if (*out)
		return perr(ps, "roles 重复");
	while ((w = proc_lex_word(&ps->lx, &n))) {
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)(n < 31 ? n : 31), w);
		unsigned bit = n < 31 ? roles_from_name(name) : 0;
		if (!(bit & business))
			return perr(ps, "“%.*s”不是角色（可用 officer、reviewer、head、supervisor）",
				    (int)(n > 40 ? 40 : n), w);
		*out |= bit;
	}
	return *out ? FZ_OK : perr(ps, "缺少角色");
}

/* `N unit` or `config NAME` into a period or a config name. */
static enum fz_err period_read(struct parser *ps, struct proc_period *p, const char **config,
			       const char *what)
{
	size_t n, un;
	const char *w = proc_lex_word(&ps->lx, &n);
	if (p->amount || *config)
		return perr(ps, "%s 重复", what);
	if (proc_word_is(w, n, "config")) {
		enum fz_err rc = FZ_OK;
		const char *name = ident(ps, "省级配置中的期限名", &rc);
		if (!name)
			return rc;
		enum clock_unit unit;
		if (!proc_config_period_known(name, &unit))
			return perr(ps, "省级配置中没有名为“%s”的期限", name);
		*config = name;
		return no_more(ps);
	}
	int amount = 0, mult = 1;
	const char *u = proc_lex_word(&ps->lx, &un);
	if (!proc_number_parse(w, n, 100000, &amount) || amount <= 0)
		return perr(ps, "%s 应写为“数量 单位”或“config 期限名”", what);
	if (!proc_unit_parse(u, un, &p->unit, &mult))
		return perr(ps, "期限单位应为 working_days、days、months 或 years");
	p->amount = amount * mult;
	return no_more(ps);
}

struct flag_row {
	const char *name;
	unsigned bit;
};

static const struct flag_row flag_rows[] = {
	{ "opens", PROC_OPENS },	 { "closes", PROC_CLOSES },
	{ "repeatable", PROC_REPEATABLE }, { "publishes", PROC_PUBLISHES },
	{ "handles", PROC_HANDLES },	 { "notifies", PROC_NOTIFIES },
	{ "decides", PROC_DECIDES },	 { "awaits", PROC_AWAITS },
	{ "outcome", PROC_OUTCOME },	 { "withdraws", PROC_WITHDRAWS },
	{ "oversight", PROC_OVERSIGHT },
};

static enum fz_err flags_read(struct parser *ps, unsigned *flags)
{
	size_t n;
	const char *w;
	bool any = false;
	while ((w = proc_lex_word(&ps->lx, &n))) {
		unsigned bit = 0;
		for (size_t i = 0; i < sizeof flag_rows / sizeof flag_rows[0]; i++)
			if (proc_word_is(w, n, flag_rows[i].name))
				bit = flag_rows[i].bit;
		if (!bit)
			return perr(ps, "未知的标志“%.*s”（可用 opens、closes、repeatable、"
				    "publishes、handles、notifies、decides、awaits、outcome、oversight）",
				    (int)(n > 40 ? 40 : n), w);
		*flags |= bit;
		any = true;
	}
	return any ? FZ_OK : perr(ps, "缺少标志");
}

static enum fz_err gates_read(struct parser *ps, struct proc_step *s)
{
	size_t n;
	const char *w;
	bool any = false;
	while ((w = proc_lex_word(&ps->lx, &n))) {
		const char *colon = memchr(w, ':', n);
		size_t nn = colon ? (size_t)(colon - w) : n;
		size_t an = colon ? n - nn - 1 : 0;
		if (!proc_ident_valid(w, nn) || (colon && !proc_ident_valid(colon + 1, an)))
			return perr(ps, "关卡“%.*s”应写为 名称 或 名称:参数", (int)(n > 60 ? 60 : n), w);
		struct proc_gate_ref *g = arena_calloc(ps->a, s->ngates + 1, sizeof *g);
		if (!g)
			return nomem(ps);
		if (s->ngates)
			memcpy(g, s->gates, s->ngates * sizeof *g);
		g[s->ngates].name = arena_strndup(ps->a, w, nn);
		g[s->ngates].arg = colon ? arena_strndup(ps->a, colon + 1, an) : NULL;
		g[s->ngates].line = ps->lx.line;
		if (!g[s->ngates].name || (colon && !g[s->ngates].arg))
			return nomem(ps);
		s->gates = g;
		s->ngates++;
		any = true;
	}
	return any ? FZ_OK : perr(ps, "缺少关卡");
}

/* `values FIELD V1 V2 ...`: the field may only take these values. */
static enum fz_err values_read(struct parser *ps, struct proc_step *s)
{
	enum fz_err rc = FZ_OK;
	const char *field = ident(ps, "字段名", &rc);
	if (!field)
		return rc;
	for (size_t i = 0; i < s->nvalues; i++)
		if (strcmp(s->values[i].field, field) == 0)
			return perr(ps, "字段 %s 的取值重复定义", field);
	struct proc_values *v = arena_calloc(ps->a, s->nvalues + 1, sizeof *v);
	if (!v)
		return nomem(ps);
	if (s->nvalues)
		memcpy(v, s->values, s->nvalues * sizeof *v);
	v[s->nvalues].field = field;
	v[s->nvalues].line = ps->lx.line;
	if ((rc = list_read(ps, &v[s->nvalues].allowed, "取值")))
		return rc;
	s->values = v;
	s->nvalues++;
	return FZ_OK;
}

static enum fz_err clock_attr(struct parser *ps, const char *k, size_t kn)
{
	struct proc_clock *c = &ps->d->clocks[ps->clock];
	enum fz_err rc = FZ_OK;
	if (proc_word_is(k, kn, "label")) {
		if (c->label)
			return perr(ps, "label 重复");
		c->label = text_read(ps, "名称", PROC_LABEL_MAX, &rc);
	} else if (proc_word_is(k, kn, "basis")) {
		if (c->basis)
			return perr(ps, "basis 重复");
		c->basis = text_read(ps, "法律依据", PROC_TEXT_MAX, &rc);
	} else if (proc_word_is(k, kn, "budget")) {
		return period_read(ps, &c->budget, &c->budget_config, "budget");
	} else if (proc_word_is(k, kn, "extension")) {
		return period_read(ps, &c->extension, &c->extension_config, "extension");
	} else if (proc_word_is(k, kn, "max_extensions")) {
		size_t n;
		const char *w = proc_lex_word(&ps->lx, &n);
		if (!proc_number_parse(w, n, CLOCK_MAX_EXTENSIONS, &c->max_extensions))
			return perr(ps, "max_extensions 应为 0 至 %d 的整数", CLOCK_MAX_EXTENSIONS);
		return no_more(ps);
	} else if (proc_word_is(k, kn, "from")) {
		if (c->from_field)
			return perr(ps, "from 重复");
		if ((c->from_field = ident(ps, "起算字段名", &rc)))
			return no_more(ps);
	} else if (proc_word_is(k, kn, "only_when")) {
		if (c->only_when)
			return perr(ps, "only_when 重复");
		if (!(c->only_when = ident(ps, "条件名", &rc)))
			return rc;
		if (!proc_condition_known(c->only_when))
			return perr(ps, "未知的条件“%s”（可用 fine_decided、fine_unpaid、published、major_decision、yes 字段、no 字段）",
				    c->only_when);
		/* `only_when yes FIELD` / `only_when no FIELD`: a yes/no fact of
		 * the case as it stood when the clock started */
		if (!strcmp(c->only_when, "yes") || !strcmp(c->only_when, "no")) {
			if (!(c->only_field = ident(ps, "字段名", &rc)))
				return rc;
		}
		return no_more(ps);
	} else if (proc_word_is(k, kn, "after")) {
		if (c->after)
			return perr(ps, "after 重复");
		if ((c->after = ident(ps, "期限名", &rc)))
			return no_more(ps);
	} else if (proc_word_is(k, kn, "started_by")) {
		return list_read(ps, &c->started_by, "开始期限的步骤");
	} else if (proc_word_is(k, kn, "per_act")) {
		if (c->per_act)
			return perr(ps, "per_act 重复");
		c->per_act = true;
		return no_more(ps);
	} else if (proc_word_is(k, kn, "due")) {
		if (c->due_field)
			return perr(ps, "due 重复");
		if ((c->due_field = ident(ps, "届满日字段名", &rc)))
			return no_more(ps);
	} else {
		return perr(ps, "期限中未知的关键字“%.*s”", (int)(kn > 40 ? 40 : kn), k);
	}
	return rc;
}

static enum fz_err step_attr(struct parser *ps, const char *k, size_t kn)
{
	struct proc_step *s = &ps->d->steps[ps->step];
	enum fz_err rc = FZ_OK;
	static const struct {
		const char *key;
		size_t off;
		const char *what;
	} lists[] = {
		{ "requires", offsetof(struct proc_step, requires), "前置步骤" },
		{ "requires_any", offsetof(struct proc_step, requires_any), "前置步骤" },
		{ "starts", offsetof(struct proc_step, starts), "期限" },
		{ "stops", offsetof(struct proc_step, stops), "期限" },
		{ "suspends", offsetof(struct proc_step, suspends), "期限" },
		{ "resumes", offsetof(struct proc_step, resumes), "期限" },
		{ "extends", offsetof(struct proc_step, extends), "期限" },
		{ "voids", offsetof(struct proc_step, voids), "步骤" },
		{ "produces", offsetof(struct proc_step, produces), "文书" },
		{ "mandatory", offsetof(struct proc_step, mandatory), "文书" },
		{ "fields", offsetof(struct proc_step, fields), "字段" },
		{ "optional", offsetof(struct proc_step, optional), "字段" },
	};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (proc_word_is(k, kn, lists[i].key))
			return list_read(ps, (struct proc_list *)((char *)s + lists[i].off),
					 lists[i].what);
	if (proc_word_is(k, kn, "label")) {
		if (s->label)
			return perr(ps, "label 重复");
		s->label = text_read(ps, "名称", PROC_LABEL_MAX, &rc);
	} else if (proc_word_is(k, kn, "roles")) {
		return roles_read(ps, &s->roles);
	} else if (proc_word_is(k, kn, "gates")) {
		return gates_read(ps, s);
	} else if (proc_word_is(k, kn, "values")) {
		return values_read(ps, s);
	} else if (proc_word_is(k, kn, "flags")) {
		return flags_read(ps, &s->flags);
	} else if (proc_word_is(k, kn, "officers")) {
		size_t n;
		const char *w = proc_lex_word(&ps->lx, &n);
		if (!proc_number_parse(w, n, CASE_OFFICERS_MAX, &s->min_officers) ||
		    s->min_officers < 1)
			return perr(ps, "officers 应为 1 至 %d 的整数", CASE_OFFICERS_MAX);
		return no_more(ps);
	} else {
		return perr(ps, "步骤中未知的关键字“%.*s”", (int)(kn > 40 ? 40 : kn), k);
	}
	return rc;
}

static enum fz_err doc_read(struct parser *ps)
{
	struct proc_def *d = ps->d;
	enum fz_err rc = FZ_OK;
	const char *id = ident(ps, "文书 id", &rc);
	if (!id)
		return rc;
	for (size_t i = 0; i < d->ndocs; i++)
		if (strcmp(d->docs[i].id, id) == 0)
			return perr(ps, "重复的文书 id“%s”（第 %d 行已定义）", id, d->docs[i].line);
	const char *label = text_read(ps, "文书名称", PROC_LABEL_MAX, &rc);
	if (!label)
		return rc;
	if (!proc_grow(ps->a, (void **)&d->docs, d->ndocs, &ps->cap_docs, sizeof *d->docs))
		return nomem(ps);
	d->docs[d->ndocs++] = (struct proc_doc){ id, label, ps->lx.line };
	return FZ_OK;
}

/* `clock ID` or `step ID`: a new block. */
static enum fz_err block_open(struct parser *ps, bool is_step)
{
	struct proc_def *d = ps->d;
	enum fz_err rc = FZ_OK;
	ps->clock = ps->step = -1;
	const char *id = ident(ps, is_step ? "步骤 id" : "期限 id", &rc);
	if (!id)
		return rc;
	if ((rc = no_more(ps)))
		return rc;
	if (is_step) {
		const struct proc_step *old = proc_step_find(d, id);
		if (old || strcmp(id, PROC_CORRECTION) == 0)
			return perr(ps, "重复的步骤 id“%s”%s", id,
				    old ? "（前面已定义）" : "（correction 为更正事件保留）");
		if (!proc_grow(ps->a, (void **)&d->steps, d->nsteps, &ps->cap_steps,
			       sizeof *d->steps))
			return nomem(ps);
		struct proc_step *s = &d->steps[d->nsteps];
		memset(s, 0, sizeof *s);
		s->id = id;
		s->line = ps->lx.line;
		ps->step = (int)d->nsteps++;
	} else {
		if (proc_clock_find(d, id))
			return perr(ps, "重复的期限 id“%s”", id);
		if (!proc_grow(ps->a, (void **)&d->clocks, d->nclocks, &ps->cap_clocks,
			       sizeof *d->clocks))
			return nomem(ps);
		struct proc_clock *c = &d->clocks[d->nclocks];
		memset(c, 0, sizeof *c);
		c->id = id;
		c->line = ps->lx.line;
		c->max_extensions = -1; /* not written: 1 if it has an extension */
		ps->clock = (int)d->nclocks++;
	}
	return FZ_OK;
}

static enum fz_err header_attr(struct parser *ps, const char *k, size_t kn)
{
	struct proc_def *d = ps->d;
	enum fz_err rc = FZ_OK;
	if (proc_word_is(k, kn, "procedure")) {
		if (d->id)
			return perr(ps, "procedure 重复");
		if ((d->id = ident(ps, "程序 id", &rc)))
			return no_more(ps);
	} else if (proc_word_is(k, kn, "label")) {
		if (d->label)
			return perr(ps, "label 重复");
		d->label = text_read(ps, "程序名称", PROC_LABEL_MAX, &rc);
	} else if (proc_word_is(k, kn, "kind")) {
		size_t n;
		const char *w = proc_lex_word(&ps->lx, &n);
		char name[24];
		snprintf(name, sizeof name, "%.*s", (int)(n < 23 ? n : 23), w ? w : "");
		if (d->kind)
			return perr(ps, "kind 重复");
		if (!w || n > 23 || !(d->kind = proc_kind_from_name(name)))
			return perr(ps, "kind 应为 penalty、inspection、permit、coercion、normative_document 或 major_decision");
		return no_more(ps);
	} else if (proc_word_is(k, kn, "subject")) {
		size_t n;
		const char *w = proc_lex_word(&ps->lx, &n);
		if (ps->subject_line)
			return perr(ps, "subject 重复");
		ps->subject_line = ps->lx.line;
		if (w && proc_word_is(w, n, "matter"))
			d->matter = true;
		else if (!w || !proc_word_is(w, n, "party"))
			return perr(ps, "subject 应为 party（当事人的案件）或 matter（没有当事人的事项）");
		return no_more(ps);
	} else if (proc_word_is(k, kn, "corrections")) {
		return roles_read(ps, &d->correction_roles);
	} else if (proc_word_is(k, kn, "correctable")) {
		return list_read(ps, &d->correctable, "字段");
	} else if (proc_word_is(k, kn, "case_fields")) {
		return list_read(ps, &d->case_fields, "全案字段");
	} else {
		return perr(ps, "未知的关键字“%.*s”", (int)(kn > 40 ? 40 : kn), k);
	}
	return rc;
}

/* `field ID TYPE 标签`: inside a step, what the field means on that step;
 * elsewhere, what it means in the whole definition (ending a clock block). */
static enum fz_err field_read(struct parser *ps)
{
	char why[200];
	struct proc_fields *fs = &ps->d->own;
	size_t step_cap, *cap = &ps->cap_fields;
	if (ps->step >= 0) {
		fs = &ps->d->steps[ps->step].own;
		step_cap = fs->n; /* grown afresh: steps declare few fields */
		cap = &step_cap;
	} else {
		ps->clock = -1;
	}
	enum fz_err rc = proc_field_open(&ps->lx, ps->a, fs, cap, why, sizeof why);
	if (rc == FZ_NOMEM)
		return nomem(ps);
	if (rc)
		return perr(ps, "%s", why);
	ps->field = &fs->items[fs->n - 1];
	return FZ_OK;
}

/* A line of the field block being read; *handled false when it is not. */
static enum fz_err field_attr(struct parser *ps, const char *k, size_t kn, bool *handled)
{
	char why[200];
	enum fz_err rc = proc_field_attr(&ps->lx, ps->a, ps->field, k, kn, handled, why,
					 sizeof why);
	if (rc == FZ_NOMEM)
		return nomem(ps);
	return rc ? perr(ps, "%s", why) : FZ_OK;
}

static enum fz_err parse_lines(struct parser *ps)
{
	enum fz_err rc;
	while (proc_lex_next_line(&ps->lx)) {
		if (ps->lx.bad_utf8)
			return perr(ps, "不是有效的 UTF-8 文本");
		size_t kn;
		bool handled = false;
		const char *k = proc_lex_word(&ps->lx, &kn);
		if (ps->field && (rc = field_attr(ps, k, kn, &handled)))
			return rc;
		if (handled)
			continue;
		ps->field = NULL;
		if (proc_word_is(k, kn, "field"))
			rc = field_read(ps);
		else if (proc_word_is(k, kn, "document"))
			rc = doc_read(ps);
		else if (proc_word_is(k, kn, "clock") || proc_word_is(k, kn, "step"))
			rc = block_open(ps, proc_word_is(k, kn, "step"));
		else if (ps->step >= 0)
			rc = step_attr(ps, k, kn);
		else if (ps->clock >= 0)
			rc = clock_attr(ps, k, kn);
		else
			rc = header_attr(ps, k, kn);
		if (rc)
			return rc;
	}
	return FZ_OK;
}

/* The file's base name must be the procedure's id + ".txt", so that a
 * message naming the file leads to the definition and back. */
static enum fz_err name_check(const struct proc_def *d, struct fz_error *e)
{
	const char *base = strrchr(d->filename, '/');
	base = base ? base + 1 : d->filename;
	size_t n = strlen(base);
	if (n < 5 || strcmp(base + n - 4, ".txt") != 0)
		return FZ_OK;
	if (strlen(d->id) != n - 4 || memcmp(base, d->id, n - 4) != 0)
		return proc_fail(e, d->filename, 0, "文件名应为 %s.txt（与 procedure 行一致）", d->id);
	return FZ_OK;
}

/* A clock's `started_by` steps start it: the clock joins their starts. */
static enum fz_err started_by_link(struct parser *ps, struct proc_clock *c)
{
	for (size_t i = 0; i < c->started_by.n; i++) {
		const struct proc_ref *ref = &c->started_by.items[i];
		struct proc_step *s = (struct proc_step *)proc_step_find(ps->d, ref->id);
		if (!s)
			return proc_fail(ps->e, ps->d->filename, ref->line,
					 "期限 %s：started_by 未知的步骤“%s”", c->id, ref->id);
		if (proc_list_has(&s->starts, c->id))
			continue;
		struct proc_ref *items = arena_calloc(ps->a, s->starts.n + 1, sizeof *items);
		if (!items)
			return nomem(ps);
		if (s->starts.n)
			memcpy(items, s->starts.items, s->starts.n * sizeof *items);
		items[s->starts.n].id = c->id;
		items[s->starts.n].line = ref->line;
		s->starts.items = items;
		s->starts.n++;
	}
	return FZ_OK;
}

enum fz_err procedure_parse(const char *text, size_t len, const char *filename,
			    const struct proc_fields *catalogue, struct proc_def *out,
			    struct arena *a, struct fz_error *e)
{
	struct parser ps = { .a = a, .d = out, .clock = -1, .step = -1, .e = e };
	memset(out, 0, sizeof *out);
	out->catalogue = catalogue;
	out->filename = arena_strdup(a, filename ? filename : "");
	if (!out->filename)
		return fz_fail(e, FZ_NOMEM, "", NULL);
	proc_lex_init(&ps.lx, text, len, out->filename);
	enum fz_err rc = parse_lines(&ps);
	if (!rc) {
		for (size_t i = 0; i < out->nclocks; i++) {
			struct proc_clock *c = &out->clocks[i];
			if (c->max_extensions < 0)
				c->max_extensions = c->extension.amount || c->extension_config ? 1 : 0;
			if (!rc)
				rc = started_by_link(&ps, c);
		}
		if (!rc)
			rc = proc_def_validate(out, e);
		if (!rc)
			rc = proc_def_index(out, a, e);
	}
	if (!rc && out->id)
		rc = name_check(out, e);
	if (rc) {
		const char *f = out->filename;
		memset(out, 0, sizeof *out);
		out->filename = f;
		out->catalogue = catalogue;
	}
	return rc;
}
