/* page_evaluation.c - 案卷评查、监督检查与整改 for people: the hub (the
 * bureau's rounds, plans and open notices; an evaluator's files to score;
 * an agency's notices to answer), a round with its seed and results per
 * agency, a case file with its scoring form (one row per rubric item,
 * usable on a phone), and a notice with the forms that are possible now.
 * Works without JavaScript. */
#include <stdio.h>
#include <string.h>

#include "app/evaluation.h"
#include "base/date.h"
#include "base/num.h"
#include "http/api_evaluation.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/layout.h"
#include "http/listkit.h"
#include "http/pagekit.h"
#include "http/resp.h"

static const char *round_status_label(const char *s)
{
	return strcmp(s, "open") == 0 ? "待抽样" : strcmp(s, "drawn") == 0 ? "评分中" : "已结束";
}

static const char *grade_label(const char *g)
{
	return strcmp(g, "excellent") == 0 ? "优秀"
	       : strcmp(g, "pass") == 0	   ? "合格"
	       : strcmp(g, "fail") == 0	   ? "不合格"
					   : "未评分";
}

void notices_table(struct req *r, struct buf *b, const struct rect_notice_list *l)
{
	html_raw(b, "<table>\n<caption>整改通知</caption>\n<thead><tr><th scope=\"col\">编号</th>"
		    "<th scope=\"col\">执法主体</th><th scope=\"col\">发出日期</th>"
		    "<th scope=\"col\">整改期限</th><th scope=\"col\">状态</th></tr></thead>\n"
		    "<tbody>\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct rect_notice *n = &l->items[i];
		struct deadline d;
		struct fz_error e = { 0 };
		bool ok = app_notice_deadline(&r->ctx, n, &d, &e) == FZ_OK;
		bool late = ok && n->status != NOTICE_CLOSED && strcmp(r->ctx.today, d.due) > 0;
		html_f(b, "<tr><th scope=\"row\"><a href=\"/rectification-notices/%lld\">整改通知 %lld</a>"
			  "</th><td>%s</td><td>%s</td><td>%s%s</td><td>%s</td></tr>\n",
		       (long long)n->id, (long long)n->id, n->agency, n->issued_on,
		       ok ? d.due : "", late ? "（已逾期）" : "", notice_status_label(n->status));
	}
	html_raw(b, "</tbody>\n</table>\n");
	if (!l->n)
		html_raw(b, "<p>没有整改通知。</p>\n");
}

int page_oversight(struct req *r)
{
	static const struct kit_option statuses[] = {
		{ "", "全部" }, { "issued", "待整改" }, { "answered", "待审核整改报告" },
		{ "returned", "已退回重报" }, { "closed", "已销号" },
	};
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	struct page pg;
	enum fz_err rc;
	if (!kit_paging(r, &pg))
		return 400;
	page_begin(r, &b, "案卷评查与监督检查");
	page_notice(r, &b);
	if (kit_may(r, PERM_OVERSIGHT_MANAGE)) {
		struct eval_round_list rl;
		if ((rc = app_eval_round_list(&r->ctx, pg, &rl, &e)))
			return http_fail_fz(r, rc, &e);
		html_raw(&b, "<h2>案卷评查</h2>\n<table>\n<caption>评查</caption>\n<thead><tr>"
			     "<th scope=\"col\">名称</th><th scope=\"col\">年度</th>"
			     "<th scope=\"col\">结案期间</th><th scope=\"col\">状态</th></tr></thead>\n"
			     "<tbody>\n");
		for (size_t i = 0; i < rl.n; i++)
			html_f(&b, "<tr><th scope=\"row\"><a href=\"/evaluations/%lld\">%s</a></th>"
				   "<td>%d</td><td>%s 至 %s</td><td>%s</td></tr>\n",
			       (long long)rl.items[i].id, rl.items[i].title, rl.items[i].year,
			       rl.items[i].period_from, rl.items[i].period_to,
			       round_status_label(rl.items[i].status));
		html_raw(&b, "</tbody>\n</table>\n");
		if (!rl.n)
			html_raw(&b, "<p>还没有案卷评查。</p>\n");
		html_raw(&b, "<p><a href=\"/evaluations/new\">新建案卷评查</a>　"
			     "<a href=\"/evaluations\">全部案卷评查（排序、筛选、导出）</a>　"
			     "<a href=\"/rubric\">评查标准</a>　"
			     "<a href=\"/evaluation-files\">全部评查案卷（排序、筛选、导出）</a></p>\n");
		lk_pager(r, &b, pg, rl.total);
		struct check_plan_list pl;
		if ((rc = app_check_plan_list(&r->ctx, (struct page){ 0, 20 }, &pl, &e)))
			return http_fail_fz(r, rc, &e);
		html_raw(&b, "<h2>监督检查计划</h2>\n<ul>\n");
		for (size_t i = 0; i < pl.n; i++)
			html_f(&b, "<li><a href=\"/check-plans/%lld\">%d 年：%s</a></li>\n",
			       (long long)pl.items[i].id, pl.items[i].year, pl.items[i].title);
		html_raw(&b, "</ul>\n");
		if (!pl.n)
			html_raw(&b, "<p>还没有检查计划。</p>\n");
		else
			html_raw(&b, "<p><a href=\"/check-plans\">全部检查计划（排序、筛选、导出）</a></p>\n");
	}
	if (kit_may(r, PERM_EVAL_SCORE) && r->ctx.user) {
		struct eval_file_filter f = { .evaluator_id = r->ctx.user->id, .scored = 0 };
		struct eval_file_list fl;
		if ((rc = app_eval_file_list(&r->ctx, &f, (struct page){ 0, 100 }, &fl, &e)))
			return http_fail_fz(r, rc, &e);
		html_f(&b, "<h2>待我评分的案卷（%lld 份）</h2>\n<ul>\n", (long long)fl.total);
		for (size_t i = 0; i < fl.n; i++)
			html_f(&b, "<li><a href=\"/evaluation-files/%lld\">%s</a>：%s（%s）</li>\n",
			       (long long)fl.items[i].id, fl.items[i].case_number, fl.items[i].case_title,
			       fl.items[i].agency);
		html_raw(&b, "</ul>\n");
	}
	struct rect_notice_filter nf = { 0 };
	const char *st = kit_query(r, "status");
	int s = notice_status_parse(st);
	nf.status = s > 0 ? s : 0;
	struct rect_notice_list nl;
	if ((rc = app_notice_list(&r->ctx, &nf, (struct page){ 0, 50 }, &nl, &e)))
		return http_fail_fz(r, rc, &e);
	html_raw(&b, "<h2>整改通知</h2>\n");
	kit_filter_begin(&b, "/oversight");
	kit_select(&b, "status", "状态", statuses, sizeof statuses / sizeof statuses[0], st, NULL);
	kit_filter_end(&b, "/oversight");
	notices_table(r, &b, &nl);
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* --- a round --- */

static int round_show(struct req *r, int status, enum fz_err frc, const struct fz_error *fe);
int page_eval_round(struct req *r) { return round_show(r, 200, FZ_OK, NULL); }

static int round_show(struct req *r, int status, enum fz_err frc, const struct fz_error *fe)
{
	struct eval_round x;
	struct eval_agency_result *rows;
	size_t n;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	enum fz_err rc;
	if ((rc = app_eval_round_get(&r->ctx, req_param(r, "id"), &x, &e)) ||
	    (rc = app_eval_results(&r->ctx, x.id, &rows, &n, &e)))
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, x.title);
	page_notice(r, &b);
	kit_form_error(&b, frc, fe);
	html_f(&b, "<dl class=\"fields\"><dt>状态</dt><dd>%s</dd><dt>结案期间</dt><dd>%s 至 %s</dd>",
	       round_status_label(x.status), x.period_from, x.period_to);
	if (x.sample_size)
		html_f(&b, "<dt>抽取</dt><dd>每个单位 %d 份</dd>", x.sample_size);
	else
		html_f(&b, "<dt>抽取</dt><dd>每个单位 %d%%（至少 1 份）</dd>", x.sample_rate);
	if (x.seed[0])
		html_f(&b, "<dt>随机种子</dt><dd><code class=\"digest\">%s</code>（方法第 %d 版，"
			   "见 docs/EVALUATION.md，任何人可据此复核抽样）</dd>",
		       x.seed, x.method);
	html_raw(&b, "</dl>\n");
	html_raw(&b, "<table>\n<caption>各单位评查结果</caption>\n<thead><tr>"
		     "<th scope=\"col\">执法主体</th><th scope=\"col\">案卷</th>"
		     "<th scope=\"col\">平均分</th><th scope=\"col\">优秀</th><th scope=\"col\">合格</th>"
		     "<th scope=\"col\">不合格</th><th scope=\"col\">扣分最多的项目</th></tr></thead>\n"
		     "<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		char avg[32];
		snprintf(avg, sizeof avg, "%.1f", rows[i].average);
		html_f(&b, "<tr><th scope=\"row\">%s</th><td>%d（已评 %d）</td><td>%s</td><td>%d</td>"
			   "<td>%d</td><td>%d（否决 %d）</td><td>%s</td></tr>\n",
		       rows[i].agency, rows[i].files, rows[i].scored, rows[i].scored ? avg : "—",
		       rows[i].excellent, rows[i].passed, rows[i].failed, rows[i].vetoed,
		       rows[i].lost_codes);
	}
	html_raw(&b, "</tbody>\n</table>\n");
	if (kit_may(r, PERM_OVERSIGHT_MANAGE) && strcmp(x.status, "closed") != 0) {
		bool open = strcmp(x.status, "open") == 0;
		html_f(&b, "<form method=\"post\" action=\"/evaluations/%lld/%s\">\n", (long long)x.id,
		       open ? "draw" : "close");
		page_csrf_field(r, &b);
		html_raw(&b, open ? "<p>抽样由服务器生成随机种子，并与抽样来源一起记录，只做一次。</p>\n"
				    "<button type=\"submit\">随机抽取案卷</button>\n"
				  : "<button type=\"submit\">结束评查（须全部评分）</button>\n");
		html_raw(&b, "</form>\n");
	}
	struct eval_file_filter f = { .round_id = x.id, .scored = -1 };
	struct eval_file_list l;
	if ((rc = app_eval_file_list(&r->ctx, &f, (struct page){ 0, 200 }, &l, &e)))
		return http_fail_fz(r, rc, &e);
	if (l.n)
		html_f(&b, "<p><a href=\"/evaluation-files?round=%lld\">在列表中查看这些案卷"
			   "（排序、筛选、导出 XLSX 或 CSV）</a></p>\n",
		       (long long)x.id);
	html_raw(&b, "<table>\n<caption>抽取的案卷</caption>\n<thead><tr><th scope=\"col\">案号</th>"
		     "<th scope=\"col\">执法主体</th><th scope=\"col\">评查人员</th>"
		     "<th scope=\"col\">得分</th><th scope=\"col\">等次</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct eval_file *fl = &l.items[i];
		html_f(&b, "<tr><th scope=\"row\"><a href=\"/evaluation-files/%lld\">%s</a></th>"
			   "<td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		       (long long)fl->id, fl->case_number, fl->agency,
		       fl->evaluator_id ? fl->evaluator : "未分配",
		       fl->grade[0] ? kit_id(r, fl->total) : "—", grade_label(fl->grade));
	}
	html_raw(&b, "</tbody>\n</table>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

/* --- a file and its scoring form --- */

static int file_show(struct req *r, int status, enum fz_err frc, const struct fz_error *fe)
{
	struct eval_file f;
	struct eval_mark_row *m;
	size_t nm;
	struct eval_round x;
	struct rubric rb;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	enum fz_err rc;
	if ((rc = app_eval_file_get(&r->ctx, req_param(r, "id"), &f, &m, &nm, &e)) ||
	    (rc = app_eval_round_get(&r->ctx, f.round_id, &x, &e)) ||
	    (rc = app_eval_rubric(&r->ctx, &x, &rb, &e)))
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, f.case_number);
	page_notice(r, &b);
	kit_form_error(&b, frc, fe);
	html_f(&b, "<dl class=\"fields\"><dt>案件</dt><dd><a href=\"/cases/%lld\">%s</a></dd>"
		   "<dt>执法主体</dt><dd>%s</dd><dt>评查</dt><dd><a href=\"/evaluations/%lld\">%s</a></dd>"
		   "<dt>评查人员</dt><dd>%s</dd>",
	       (long long)f.case_id, f.case_title, f.agency, (long long)x.id, x.title,
	       f.evaluator_id ? f.evaluator : "未分配");
	if (f.grade[0])
		html_f(&b, "<dt>得分</dt><dd>%d 分（形式 %d、内容 %d）%s，%s</dd>", f.total, f.form,
		       f.content, f.vetoed ? "，有否决项" : "", grade_label(f.grade));
	html_raw(&b, "</dl>\n");
	if (nm) {
		html_raw(&b, "<h2>逐项评分</h2>\n<ul>\n");
		for (size_t i = 0; i < nm; i++) {
			const struct rubric_item *it = rubric_find(&rb, m[i].code);
			if (m[i].veto)
				html_f(&b, "<li><strong>否决 %s</strong> %s：%s</li>\n", m[i].code,
				       it ? it->text : "", m[i].note);
			else if (m[i].lost)
				html_f(&b, "<li>%s 扣 %d 分（%s）：%s</li>\n", m[i].code, m[i].lost,
				       it ? it->text : "", m[i].note);
		}
		html_raw(&b, "</ul>\n");
	}
	bool mine = r->ctx.user && f.evaluator_id == r->ctx.user->id;
	if (mine && !f.grade[0] && strcmp(x.status, "drawn") == 0) {
		html_f(&b, "<form method=\"post\" action=\"/evaluation-files/%lld/score\" class=\"stack\">\n",
		       (long long)f.id);
		page_csrf_field(r, &b);
		html_f(&b, "<p>%s。否决项有其一，案卷即为不合格；扣分须写明理由。</p>\n", rb.name);
		for (size_t i = 0; i < rb.nitems; i++) {
			const struct rubric_item *it = &rb.items[i];
			html_f(&b, "<fieldset><legend>%s %s%s</legend>\n<p>%s</p>\n", it->code,
			       rubric_section_label(it->section),
			       it->section == RUBRIC_VETO ? "" : kit_id(r, it->points), it->text);
			char name[40], label[64];
			if (it->section == RUBRIC_VETO) {
				snprintf(name, sizeof name, "veto_%s", it->code);
				kit_checkbox(&b, name, "案卷存在此问题", kit_form_checked(r, name), NULL);
			} else {
				snprintf(name, sizeof name, "lost_%s", it->code);
				snprintf(label, sizeof label, "扣分（0–%d）", it->points);
				kit_input(&b, "number", name, label, req_form(r, name),
					  "min=\"0\" inputmode=\"numeric\"", NULL);
			}
			snprintf(name, sizeof name, "note_%s", it->code);
			kit_input(&b, "text", name, "理由", req_form(r, name), "maxlength=\"500\"", NULL);
			html_raw(&b, "</fieldset>\n");
		}
		html_raw(&b, "<button type=\"submit\">提交评分（提交后不能修改）</button>\n</form>\n");
	} else if (!f.grade[0] && strcmp(x.status, "drawn") == 0 &&
		   kit_may(r, PERM_OVERSIGHT_MANAGE)) {
		html_f(&b, "<form method=\"post\" action=\"/evaluation-files/%lld/assign\" class=\"stack\">\n",
		       (long long)f.id);
		page_csrf_field(r, &b);
		struct user *us;
		size_t nu;
		if ((rc = app_eval_candidates(&r->ctx, f.agency_id, &us, &nu, &e)))
			return http_fail_fz(r, rc, &e);
		struct kit_option *opts = arena_calloc(r->a, nu + 1, sizeof *opts);
		if (!opts)
			return http_fail_fz(r, FZ_NOMEM, NULL);
		/* grouped by the evaluator's agency (the bureau's own staff,
		 * other agencies' legal reviewers) */
		size_t na;
		struct kit_option *ags = kit_agency_options(r, NULL, &na);
		for (size_t i = 0; i < nu; i++) {
			const char *aid = kit_id(r, us[i].agency_id);
			opts[i].value = kit_id(r, us[i].id);
			opts[i].label = us[i].display_name;
			opts[i].group = us[i].agency_id ? kit_option_label(ags, na, aid, aid) : "其他";
		}
		kit_options_group_sort(opts, 0, nu);
		kit_select(&b, "evaluator_id", "评查人员（被评查单位的人员回避，不在此列）", opts, nu,
			   req_form(r, "evaluator_id"), fe);
		html_raw(&b, "<button type=\"submit\">分配评查人员</button>\n</form>\n");
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_eval_file(struct req *r) { return file_show(r, 200, FZ_OK, NULL); }

static int after(struct req *r, const char *base, enum fz_err rc, const struct fz_error *e,
		 int (*show)(struct req *, int, enum fz_err, const struct fz_error *))
{
	if (rc == FZ_INVALID || rc == FZ_CONFLICT || rc == FZ_FORBIDDEN)
		return show(r, rc == FZ_FORBIDDEN ? 403 : rc == FZ_CONFLICT ? 409 : 400, rc, e);
	if (rc)
		return http_fail_fz(r, rc, e);
	char url[96];
	snprintf(url, sizeof url, "%s/%lld?msg=saved", base, (long long)req_param(r, "id"));
	return resp_redirect(r, url);
}

int page_eval_file_score(struct req *r)
{
	struct eval_file f;
	struct eval_mark_row *m;
	size_t nm;
	struct eval_round x;
	struct rubric rb;
	struct fz_error e = { 0 };
	enum fz_err rc;
	if ((rc = app_eval_file_get(&r->ctx, req_param(r, "id"), &f, &m, &nm, &e)) ||
	    (rc = app_eval_round_get(&r->ctx, f.round_id, &x, &e)) ||
	    (rc = app_eval_rubric(&r->ctx, &x, &rb, &e)))
		return http_fail_fz(r, rc, &e);
	struct eval_mark *marks = arena_calloc(r->a, rb.nitems + 1, sizeof *marks);
	size_t n = 0;
	if (!marks)
		return http_fail_fz(r, FZ_NOMEM, NULL);
	for (size_t i = 0; i < rb.nitems && !rc; i++) {
		const struct rubric_item *it = &rb.items[i];
		char name[40];
		snprintf(name, sizeof name, "note_%s", it->code);
		const char *note = kit_form(r, name);
		if (it->section == RUBRIC_VETO) {
			snprintf(name, sizeof name, "veto_%s", it->code);
			if (kit_form_checked(r, name))
				marks[n++] = (struct eval_mark){ it->code, 0, note };
			continue;
		}
		snprintf(name, sizeof name, "lost_%s", it->code);
		const char *v = kit_form(r, name);
		int64_t lost = 0;
		if (*v && !num_parse_i64(v, 0, 1000, &lost))
			rc = fz_fail(&e, FZ_INVALID, "marks", "项目 %s 的扣分应为整数", it->code);
		else if (lost || *note)
			marks[n++] = (struct eval_mark){ it->code, (int)lost, note };
	}
	if (!rc)
		rc = app_eval_score(&r->ctx, f.id, marks, n, &f, &e);
	return after(r, "/evaluation-files", rc, &e, file_show);
}

int page_eval_file_assign(struct req *r)
{
	struct fz_error e = { 0 };
	struct eval_file f;
	int64_t user;
	enum fz_err rc = kit_form_id(r, "evaluator_id", &user) && user > 0
				 ? app_eval_assign(&r->ctx, req_param(r, "id"), user, &f, &e)
				 : fz_fail(&e, FZ_INVALID, "evaluator_id", "请填写评查人员的账号编号");
	return after(r, "/evaluation-files", rc, &e, file_show);
}

/* --- a notice --- */

static int notice_show(struct req *r, int status, enum fz_err frc, const struct fz_error *fe)
{
	struct rect_notice n;
	struct deadline d;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	enum fz_err rc;
	if ((rc = app_notice_get(&r->ctx, req_param(r, "id"), &n, &e)) ||
	    (rc = app_notice_deadline(&r->ctx, &n, &d, &e)))
		return http_fail_fz(r, rc, &e);
	char title[64];
	snprintf(title, sizeof title, "整改通知 %lld", (long long)n.id);
	page_begin(r, &b, title);
	page_notice(r, &b);
	kit_form_error(&b, frc, fe);
	html_f(&b, "<dl class=\"fields\"><dt>执法主体</dt><dd>%s</dd><dt>状态</dt><dd>%s</dd>"
		   "<dt>来源</dt><dd>%s</dd><dt>发出日期</dt><dd>%s</dd>"
		   "<dt>整改期限</dt><dd>%s 前%s%s</dd>",
	       n.agency, notice_status_label(n.status),
	       strcmp(n.source, "evaluation") == 0 ? "案卷评查" : "监督检查", n.issued_on, d.due,
	       d.provisional ? "（暂定：节假日安排未载入）" : "",
	       n.status != NOTICE_CLOSED && strcmp(r->ctx.today, d.due) > 0 ? "，已逾期" : "");
	html_f(&b, "<dt>存在的问题</dt><dd><pre class=\"doc\">%s</pre></dd>", n.findings);
	if (n.report[0])
		html_f(&b, "<dt>整改情况（%s 报送）</dt><dd><pre class=\"doc\">%s</pre></dd>",
		       n.answered_on, n.report);
	if (n.return_reason[0])
		html_f(&b, "<dt>退回理由</dt><dd>%s</dd>", n.return_reason);
	if (n.closed_on[0])
		html_f(&b, "<dt>销号日期</dt><dd>%s</dd>", n.closed_on);
	html_raw(&b, "</dl>\n");
	bool own = r->ctx.user && r->ctx.user->agency_id == n.agency_id;
	if (notice_may_answer(n.status) && own && kit_may(r, PERM_RECTIFY_ANSWER)) {
		html_f(&b, "<form method=\"post\" action=\"/rectification-notices/%lld/answer\" "
			   "class=\"stack\">\n", (long long)n.id);
		page_csrf_field(r, &b);
		html_f(&b, "<div class=\"field\"><label for=\"report\">整改情况</label>\n"
			   "<textarea id=\"report\" name=\"report\" rows=\"6\" required>%s</textarea>\n",
		       req_form(r, "report"));
		kit_field_error(&b, "report", fe);
		html_raw(&b, "</div>\n");
		kit_input(&b, "date", "on", "报送日期（不填为今天）", req_form(r, "on"), NULL, fe);
		html_raw(&b, "<button type=\"submit\">报送整改情况</button>\n</form>\n");
	}
	if (notice_may_review(n.status) && kit_may(r, PERM_OVERSIGHT_MANAGE)) {
		html_f(&b, "<form method=\"post\" action=\"/rectification-notices/%lld/close\">\n",
		       (long long)n.id);
		page_csrf_field(r, &b);
		html_raw(&b, "<button type=\"submit\">整改到位，销号</button>\n</form>\n");
		html_f(&b, "<form method=\"post\" action=\"/rectification-notices/%lld/return\" "
			   "class=\"stack\">\n", (long long)n.id);
		page_csrf_field(r, &b);
		kit_input(&b, "text", "reason", "退回理由", req_form(r, "reason"),
			  "required maxlength=\"1000\"", fe);
		html_raw(&b, "<button type=\"submit\">退回整改报告</button>\n</form>\n");
	}
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_notice_show(struct req *r) { return notice_show(r, 200, FZ_OK, NULL); }

int page_notice_answer(struct req *r)
{
	struct fz_error e = { 0 };
	struct rect_notice n;
	const char *on = kit_form(r, "on");
	enum fz_err rc = app_notice_answer(&r->ctx, req_param(r, "id"), kit_form(r, "report"),
					   *on ? on : NULL, &n, &e);
	return after(r, "/rectification-notices", rc, &e, notice_show);
}

int page_notice_close(struct req *r)
{
	struct fz_error e = { 0 };
	struct rect_notice n;
	enum fz_err rc = app_notice_review(&r->ctx, req_param(r, "id"), true, NULL, NULL, &n, &e);
	return after(r, "/rectification-notices", rc, &e, notice_show);
}

int page_notice_return(struct req *r)
{
	struct fz_error e = { 0 };
	struct rect_notice n;
	enum fz_err rc = app_notice_review(&r->ctx, req_param(r, "id"), false,
					   kit_form(r, "reason"), NULL, &n, &e);
	return after(r, "/rectification-notices", rc, &e, notice_show);
}

/* --- a check plan --- */

int page_check_plan(struct req *r)
{
	struct check_plan p;
	struct check_item *items;
	size_t n;
	struct fz_error e = { 0 };
	struct buf b = BUF_INIT;
	enum fz_err rc = app_check_plan_get(&r->ctx, req_param(r, "id"), &p, &items, &n, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	page_begin(r, &b, p.title);
	html_raw(&b, "<table>\n<caption>检查事项</caption>\n<thead><tr><th scope=\"col\">月份</th>"
		     "<th scope=\"col\">执法主体</th><th scope=\"col\">检查内容</th>"
		     "<th scope=\"col\">检查发现</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++)
		html_f(&b, "<tr><th scope=\"row\">%d 月</th><td>%s</td><td>%s</td><td>%s%s%s</td></tr>\n",
		       items[i].month, items[i].agency, items[i].subject,
		       items[i].found_on[0] ? items[i].found_on : "尚未检查",
		       items[i].found_on[0] ? "：" : "", items[i].finding);
	html_raw(&b, "</tbody>\n</table>\n");
	page_end(r, &b);
	return resp_html(r, 200, &b);
}

/* --- alerts --- */

void page_evaluation_alerts(struct req *r, struct buf *b)
{
	struct rect_notice_filter f = { .open_only = 1 };
	struct rect_notice_list l;
	struct fz_error e = { 0 };
	if (!kit_may(r, PERM_OVERSIGHT_READ) ||
	    app_notice_list(&r->ctx, &f, (struct page){ 0, 200 }, &l, &e) || !l.n)
		return;
	struct buf late = BUF_INIT, soon = BUF_INIT, review = BUF_INIT;
	for (size_t i = 0; i < l.n; i++) {
		const struct rect_notice *n = &l.items[i];
		struct deadline d;
		if (app_notice_deadline(&r->ctx, n, &d, &e))
			continue;
		struct buf *to = NULL;
		if (n->status == NOTICE_ANSWERED)
			to = kit_may(r, PERM_OVERSIGHT_MANAGE) ? &review : NULL;
		else if (strcmp(r->ctx.today, d.due) > 0)
			to = &late;
		else if (date_diff_days(r->ctx.today, d.due) <= NOTICE_DUE_SOON_DAYS)
			to = &soon;
		if (to)
			html_f(to, "<li><a href=\"/rectification-notices/%lld\">整改通知 %lld</a>：%s，"
				   "整改期限 %s</li>\n",
			       (long long)n->id, (long long)n->id, n->agency, d.due);
	}
	static const char *const titles[] = { "整改通知已逾期", "整改通知即将到期",
					      "整改报告待审核" };
	struct buf *parts[] = { &late, &soon, &review };
	for (int k = 0; k < 3; k++) {
		if (parts[k]->len)
			html_f(b, "<section class=\"alerts\"><h2>%s</h2><ul>\n", titles[k]);
		if (parts[k]->len && !buf_failed(parts[k]))
			html_raw(b, buf_cstr(parts[k]));
		if (parts[k]->len)
			html_raw(b, "</ul></section>\n");
		buf_release(parts[k]);
	}
}

int page_eval_round_draw(struct req *r)
{
	struct fz_error e = { 0 };
	struct eval_round x;
	enum fz_err rc = app_eval_round_draw(&r->ctx, req_param(r, "id"), &x, &e);
	return after(r, "/evaluations", rc, &e, round_show);
}

int page_eval_round_close(struct req *r)
{
	struct fz_error e = { 0 };
	struct eval_round x;
	enum fz_err rc = app_eval_round_close(&r->ctx, req_param(r, "id"), &x, &e);
	return after(r, "/evaluations", rc, &e, round_show);
}

/* --- a new round --- */

static int round_form(struct req *r, int status, enum fz_err frc, const struct fz_error *fe)
{
	struct buf b = BUF_INIT;
	size_t na;
	struct kit_option *ag = kit_agency_options(r, NULL, &na);
	page_begin(r, &b, "新建案卷评查");
	kit_form_error(&b, frc, fe);
	html_raw(&b, "<form method=\"post\" action=\"/evaluations/new\" class=\"stack\">\n");
	page_csrf_field(r, &b);
	kit_input(&b, "text", "title", "名称", req_form(r, "title"), "required maxlength=\"200\"", fe);
	kit_input(&b, "number", "year", "年度", req_form(r, "year"), "required min=\"2000\"", fe);
	kit_input(&b, "date", "period_from", "结案期间：自", req_form(r, "period_from"), "required", fe);
	kit_input(&b, "date", "period_to", "至", req_form(r, "period_to"), "required", fe);
	kit_input(&b, "number", "sample_size", "每个单位抽取案卷数（与比例二选一）",
		  req_form(r, "sample_size"), "min=\"0\"", fe);
	kit_input(&b, "number", "sample_rate", "或按比例抽取（%）", req_form(r, "sample_rate"),
		  "min=\"0\" max=\"100\"", fe);
	html_raw(&b, "<fieldset><legend>被评查的执法主体</legend>\n");
	for (size_t i = 0; ag && i < na; i++) {
		char name[40];
		snprintf(name, sizeof name, "agency_%s", ag[i].value);
		kit_checkbox(&b, name, ag[i].label, kit_form_checked(r, name), NULL);
	}
	kit_field_error(&b, "agency_ids", fe);
	html_raw(&b, "</fieldset>\n<p>评查使用本辖区现行的评查标准（<a href=\"/rubric\">查看或修改"
		     "评查标准</a>）；建立后即固定，此后修改标准不影响本次评查。</p>\n"
		     "<button type=\"submit\">新建</button>\n</form>\n");
	page_end(r, &b);
	return resp_html(r, status, &b);
}

int page_eval_round_new(struct req *r) { return round_form(r, 200, FZ_OK, NULL); }

static int int_field(struct req *r, const char *name, int64_t max, int *out)
{
	const char *v = kit_form(r, name);
	int64_t x = 0;
	if (*v && !num_parse_i64(v, 0, max, &x))
		return 0;
	*out = (int)x;
	return 1;
}

int page_eval_round_create(struct req *r)
{
	struct fz_error e = { 0 };
	struct eval_round_input in = {
		.title = kit_form(r, "title"),
		.period_from = kit_form(r, "period_from"),
		.period_to = kit_form(r, "period_to"),
	};
	enum fz_err rc = FZ_OK;
	if (!int_field(r, "year", 9999, &in.year))
		rc = fz_fail(&e, FZ_INVALID, "year", "年度应为四位数字");
	else if (!int_field(r, "sample_size", 1000, &in.sample_size) ||
		 !int_field(r, "sample_rate", 100, &in.sample_rate))
		rc = fz_fail(&e, FZ_INVALID, "sample_size", "抽取数量或比例应为整数");
	size_t na;
	struct kit_option *ag = kit_agency_options(r, NULL, &na);
	int64_t *ids = arena_calloc(r->a, na + 1, sizeof *ids);
	if (!rc && !ids)
		rc = fz_fail(&e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; !rc && i < na; i++) {
		char name[40];
		snprintf(name, sizeof name, "agency_%s", ag[i].value);
		if (kit_form_checked(r, name))
			ids[in.nagencies++] = num_id(ag[i].value);
	}
	in.agency_ids = ids;
	struct eval_round x;
	if (!rc)
		rc = app_eval_round_create(&r->ctx, &in, &x, &e);
	if (rc == FZ_INVALID || rc == FZ_CONFLICT || rc == FZ_FORBIDDEN)
		return round_form(r, rc == FZ_FORBIDDEN ? 403 : rc == FZ_CONFLICT ? 409 : 400, rc, &e);
	if (rc)
		return http_fail_fz(r, rc, &e);
	char url[96];
	snprintf(url, sizeof url, "/evaluations/%lld?msg=created", (long long)x.id);
	return resp_redirect(r, url);
}
