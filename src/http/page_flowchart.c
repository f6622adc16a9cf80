/* page_flowchart.c - the portal's enforcement flow charts (执法流程图,
 * 事前公开), no sign-in: generated from the procedure definitions the
 * server runs (the files in data/procedures, docs/PROCEDURES.md), never drawn by
 * hand, so the chart is the procedure. Each chart is an ordered list of
 * the steps in their usual order: who takes it, what must come before,
 * the deadlines it starts and stops (with their legal basis), the
 * documents it produces, and whether it opens, publishes or closes the
 * case; readable by a screen reader and on a phone. */
#include <stdio.h>
#include <string.h>

#include "app/procreg.h"
#include "domain/clock.h"
#include "domain/money.h"
#include "domain/penalty.h"
#include "domain/procedure.h"
#include "domain/procedure_config.h"
#include "domain/roles.h"
#include "http/flowsvg.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/pagekit.h"
#include "http/resp.h"

static const struct proc_step *step_of(const struct proc_def *d, const char *id)
{
	for (size_t i = 0; i < d->nsteps; i++)
		if (strcmp(d->steps[i].id, id) == 0)
			return &d->steps[i];
	return NULL;
}

static const struct proc_clock *clock_of(const struct proc_def *d, const char *id)
{
	for (size_t i = 0; i < d->nclocks; i++)
		if (strcmp(d->clocks[i].id, id) == 0)
			return &d->clocks[i];
	return NULL;
}

/* Labels never fall back to an id: a reader gets Chinese or nothing
 * (the loader has checked every reference, so this is a bug's guard). */
static const char *doc_label(const struct proc_def *d, const char *id)
{
	for (size_t i = 0; i < d->ndocs; i++)
		if (strcmp(d->docs[i].id, id) == 0)
			return d->docs[i].label;
	return "（文书）";
}

/* "甲、乙" of the steps named in l (their labels). */
static void step_names(struct buf *b, const struct proc_def *d, const struct proc_list *l,
		       const char *sep)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct proc_step *s = step_of(d, l->items[i].id);
		html_f(b, "%s%s", i ? sep : "", s ? s->label : "（步骤）");
	}
}

/* "送达" of a date field labelled "送达日期": the event a day names. */
static void day_event(struct buf *b, const char *label)
{
	size_t n = strlen(label);
	static const char *const tails[] = { "日期", "之日", "日" };
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		size_t t = strlen(tails[i]);
		if (n > t && strcmp(label + n - t, tails[i]) == 0) {
			struct buf w = BUF_INIT;
			buf_add(&w, label, n - t);
			html_f(b, "%s", buf_cstr(&w));
			buf_release(&w);
			return;
		}
	}
	html_f(b, "%s", label);
}

/* From which day clock c runs, in words: "自立案之日起", "自送达之日起",
 * "自诉讼期限届满之日起"; then when it applies only in some cases. Only
 * labels from the definition appear, never a step, field or condition
 * id (test public_flow_charts_show_no_internal_name_to_a_reader). */
static void clock_base(struct buf *b, const struct proc_def *d, const struct proc_clock *c)
{
	const struct proc_step *first = NULL;
	size_t nstart = 0;
	if (c->after) {
		const struct proc_clock *prev = clock_of(d, c->after);
		html_f(b, "自%s届满之日起", prev ? prev->label : "前一期限");
	} else {
		for (size_t i = 0; i < d->nsteps; i++)
			if (proc_list_has(&d->steps[i].starts, c->id) && !nstart++)
				first = &d->steps[i];
		const struct proc_field *f =
			c->from_field ? proc_field_of(d, first, c->from_field) : NULL;
		if (f && f->label) {
			html_raw(b, "自");
			day_event(b, f->label);
			html_raw(b, "之日起");
		} else if (nstart) {
			html_raw(b, "自");
			for (size_t i = 0, k = 0; i < d->nsteps; i++)
				if (proc_list_has(&d->steps[i].starts, c->id))
					html_f(b, "%s%s", k++ ? "或" : "", d->steps[i].label);
			html_raw(b, "之日起");
		} else {
			html_raw(b, "自开始计算之日起");
		}
	}
	if (!c->only_when)
		return;
	if (!strcmp(c->only_when, "yes") || !strcmp(c->only_when, "no")) {
		const struct proc_field *f = c->only_field ? proc_field_of(d, first, c->only_field)
							   : NULL;
		if (f && f->label)
			html_f(b, "（仅在“%s”为%s时计算）", f->label,
			       c->only_when[0] == 'y' ? "是" : "否");
		else
			html_raw(b, "（仅在特定情形下计算）");
	} else if (!strcmp(c->only_when, "fine_decided")) {
		html_raw(b, "（决定处以罚款的）");
	} else if (!strcmp(c->only_when, "fine_unpaid")) {
		html_raw(b, "（罚款未缴清的）");
	} else if (!strcmp(c->only_when, "published")) {
		html_raw(b, "（已公示的）");
	} else if (!strcmp(c->only_when, "major_decision")) {
		html_raw(b, "（经法制审核或集体讨论决定的）");
	} else {
		html_raw(b, "（仅在特定情形下计算）");
	}
}

/* A clock with its budget: "陈述申辩期限（3 个工作日；依据）". */
static void clock_text(struct buf *b, const struct proc_def *d, const struct proc_config *cfg,
		       const char *id, bool basis)
{
	const struct proc_clock *c = clock_of(d, id);
	if (!c) {
		html_raw(b, "（期限）");
		return;
	}
	struct proc_period p = c->budget;
	bool known = !c->budget_config || (cfg && proc_config_period(cfg, c->budget_config, &p));
	html_f(b, "%s", c->label);
	if (c->due_field)
		html_raw(b, "（期限由办理时确定）");
	else if (known && p.amount > 0)
		html_f(b, "（%d %s）", p.amount, clock_unit_label(p.unit));
	if (basis) {
		html_raw(b, "，");
		clock_base(b, d, c);
		html_raw(b, "计算");
	}
	if (basis && c->basis && *c->basis)
		html_f(b, "。依据：%s", c->basis);
}

static void clocks_line(struct buf *b, const struct proc_def *d, const struct proc_config *cfg,
			const char *label, const struct proc_list *l)
{
	if (!l->n)
		return;
	html_f(b, "<dt>%s</dt><dd>", label);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			html_raw(b, "；");
		clock_text(b, d, cfg, l->items[i].id, false);
	}
	html_raw(b, "</dd>");
}

/* The definitions the server runs (the built-in ones when it loaded none). */
static const struct proc_registry *registry(struct req *r)
{
	return r->ctx.cfg && r->ctx.cfg->procs ? r->ctx.cfg->procs : proc_registry_builtin(NULL);
}

int page_public_procedures(struct req *r)
{
	struct buf b = BUF_INIT;
	size_t n = 0;
	const struct proc_registry *reg = registry(r);
	const struct proc_def *defs = reg ? proc_registry_defs(reg, &n) : NULL;
	page_begin(r, &b, "行政执法流程图");
	html_raw(&b, "<p class=\"lead\">本平台办理行政执法案件所依据的程序：每一步由谁办理、"
		     "须在哪些步骤之后、计算哪些法定期限、制作哪些文书。流程图由系统实际运行的"
		     "程序定义生成，与办案系统一致。</p>\n<ul class=\"cards\">\n");
	for (size_t i = 0; i < n; i++)
		html_f(&b, "<li><h2><a href=\"/public/procedures/%s\">%s</a></h2><p>共 %zu 个步骤，"
			   "%zu 项法定期限。</p></li>\n",
		       defs[i].id, defs[i].label, defs[i].nsteps, defs[i].nclocks);
	html_raw(&b, "</ul>\n");
	if (n == 0)
		html_raw(&b, "<p>暂无程序定义。</p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

int page_public_procedure(struct req *r)
{
	struct buf b = BUF_INIT;
	const char *id = req_param_str(r, "id");
	const struct proc_registry *reg = registry(r);
	const struct proc_def *d = reg && id ? proc_registry_find(reg, id) : NULL;
	if (!d)
		return page_error(r, 404, "没有这个执法程序");
	const struct proc_config *cfg = proc_registry_config(reg);
	char title[200];
	snprintf(title, sizeof title, "%s · 执法流程图", d->label);
	page_begin(r, &b, title);
	html_f(&b, "<p class=\"lead\">%s的 %zu 个步骤，按通常的办理顺序排列。"
		   "有的步骤只在特定情形下办理（例如听证、延期），前置步骤说明了它在什么之后进行。</p>\n",
	       d->label, d->nsteps);
	html_raw(&b, "<figure class=\"flowchart\">\n");
	flow_svg(&b, d, false);
	html_f(&b, "<figcaption>%s流程图（<a href=\"/public/procedures/%s/chart.svg\">下载 SVG 图片</a>）。"
		   "下面的文字说明与图一致，并列出每一步的前置步骤、期限和文书。</figcaption>\n</figure>\n",
	       d->label, d->id);
	html_raw(&b, "<h2 id=\"steps\">步骤说明</h2>\n<ol class=\"flow\">\n");
	for (size_t i = 0; i < d->nsteps; i++) {
		const struct proc_step *s = &d->steps[i];
		struct buf roles = BUF_INIT;
		roles_format_labels(s->roles, &roles);
		html_f(&b, "<li id=\"step-%s\"><h2>%s", s->id, s->label);
		if (s->flags & PROC_OPENS)
			html_raw(&b, "<span class=\"badge\">开始</span>");
		if (s->flags & PROC_CLOSES)
			html_raw(&b, "<span class=\"badge\">结案</span>");
		if (s->flags & PROC_PUBLISHES)
			html_raw(&b, "<span class=\"badge\">公示</span>");
		html_raw(&b, "</h2>\n<dl class=\"fields\">");
		html_f(&b, "<dt>办理人</dt><dd>%s", roles.len ? buf_cstr(&roles) : "—");
		if (s->min_officers > 0)
			html_f(&b, "（执法人员不少于 %d 人）", s->min_officers);
		html_raw(&b, "</dd>");
		buf_release(&roles);
		if (s->requires.n || s->requires_any.n) {
			html_raw(&b, "<dt>在以下步骤之后</dt><dd>");
			step_names(&b, d, &s->requires, "、");
			if (s->requires_any.n) {
				html_raw(&b, s->requires.n ? "；以及" : "");
				step_names(&b, d, &s->requires_any, "或");
				html_raw(&b, "（之一）");
			}
			html_raw(&b, "</dd>");
		}
		clocks_line(&b, d, cfg, "开始计算", &s->starts);
		clocks_line(&b, d, cfg, "结束计算", &s->stops);
		clocks_line(&b, d, cfg, "中止计算", &s->suspends);
		clocks_line(&b, d, cfg, "延长", &s->extends);
		if (s->produces.n) {
			html_raw(&b, "<dt>制作文书</dt><dd>");
			for (size_t k = 0; k < s->produces.n; k++)
				html_f(&b, "%s%s", k ? "、" : "", doc_label(d, s->produces.items[k].id));
			html_raw(&b, "</dd>");
		}
		if (s->voids.n) {
			html_raw(&b, "<dt>撤销或变更</dt><dd>");
			step_names(&b, d, &s->voids, "、");
			html_raw(&b, "</dd>");
		}
		html_raw(&b, "</dl></li>\n");
	}
	html_raw(&b, "</ol>\n");
	if (d->nclocks) {
		html_raw(&b, "<h2 id=\"clocks\">法定期限及依据</h2>\n<ul>\n");
		for (size_t i = 0; i < d->nclocks; i++) {
			html_raw(&b, "<li>");
			clock_text(&b, d, cfg, d->clocks[i].id, true);
			html_raw(&b, "</li>\n");
		}
		html_raw(&b, "</ul>\n");
	}
	html_raw(&b, "<p><a href=\"/public/procedures\">返回行政执法流程图</a></p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* The chart alone, as an SVG file (the page embeds the same drawing). */
int page_public_procedure_svg(struct req *r)
{
	struct buf b = BUF_INIT;
	const char *id = req_param_str(r, "id");
	const struct proc_registry *reg = registry(r);
	const struct proc_def *d = reg && id ? proc_registry_find(reg, id) : NULL;
	if (!d)
		return page_error(r, 404, "没有这个执法程序");
	flow_svg(&b, d, true);
	return resp_bytes(r, 200, "image/svg+xml; charset=utf-8", &b);
}

/* One criterion of the catalogue as a table row. */
static void criterion(struct buf *b, const char *what, const char *standard)
{
	html_f(b, "<tr><th scope=\"row\">%s</th><td data-label=\"标准或依据\">%s</td></tr>\n", what,
	       standard);
}

static void money_row(struct buf *b, const char *what, const int64_t fen[PROC_PARTIES])
{
	static const char *const party[PROC_PARTIES] = { "公民", "法人或者其他组织" };
	for (int i = 0; i < PROC_PARTIES; i++) {
		if (!fen[i])
			continue;
		char yuan[MONEY_TEXT_MAX], text[128], row[128];
		money_format_yuan(fen[i], yuan);
		snprintf(row, sizeof row, "对%s%s", party[i], what);
		snprintf(text, sizeof text, "%s 元以上", yuan);
		criterion(b, row, text);
	}
}

/* 重大执法决定法制审核目录 (行政处罚法 art 58, 国办发〔2018〕118号): the
 * criteria the server's own gate checks before a decision (gate_review.c,
 * the province's config), published as they are applied. */
int page_public_review_catalogue(struct req *r)
{
	struct buf b = BUF_INIT;
	const struct proc_registry *reg = registry(r);
	const struct proc_config *cfg = reg ? proc_registry_config(reg) : NULL;
	if (!cfg)
		return page_error(r, 503, "程序配置暂不可用，请稍后再试");
	page_begin(r, &b, "重大执法决定法制审核目录");
	html_raw(&b, "<p class=\"lead\">依照《中华人民共和国行政处罚法》第五十八条和"
		     "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的"
		     "指导意见》（国办发〔2018〕118号），有下列情形之一的行政处罚决定，作出决定前须经本机关"
		     "法制审核人员审核；未经法制审核或者审核未通过的，不得作出决定。本平台在作出决定的步骤"
		     "之前按本目录自动检查，未经审核的决定无法办理。</p>\n");
	if (cfg->province && *cfg->province)
		html_f(&b, "<p>适用的标准：%s。金额标准由各地、各部门的目录规定，以本级人民政府或部门"
			   "公布的目录为准。</p>\n",
		       cfg->province);
	html_raw(&b, "<table class=\"list\">\n<caption>须经法制审核的情形</caption>\n<thead><tr>"
		     "<th scope=\"col\">情形</th><th scope=\"col\">标准或依据</th></tr></thead>\n<tbody>\n");
	money_row(&b, "处以罚款", cfg->review_fine_fen);
	money_row(&b, "没收违法所得、没收非法财物的价值", cfg->review_confiscation_fen);
	if (cfg->review_penalties) {
		struct buf l = BUF_INIT;
		penalty_kinds_format_labels(cfg->review_penalties, &l);
		criterion(&b, "拟作出下列处罚种类", buf_cstr(&l));
		buf_release(&l);
	}
	if (cfg->review_public_interest)
		criterion(&b, "涉及重大公共利益的", "行政处罚法第五十八条第一款第一项");
	if (cfg->review_hearing_held)
		criterion(&b, "直接关系当事人或者第三人重大权益，经过听证程序的",
			  "行政处罚法第五十八条第一款第二项");
	if (cfg->review_complex)
		criterion(&b, "案件情况疑难复杂、涉及多个法律关系的",
			  "行政处罚法第五十八条第一款第三项");
	criterion(&b, "法律、法规规定应当进行法制审核的其他情形",
		  "行政处罚法第五十八条第一款第四项");
	html_raw(&b, "</tbody>\n</table>\n<p><a href=\"/public/procedures\">查看行政执法流程图</a>"
		     "（法制审核在作出决定之前）</p>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}
