/* decision.c - the yearly decision catalogue (决策事项目录, 重大行政决策程序
 * 暂行条例 art 3 para 3) as use cases: the government's office lists the
 * matters, the head records the approval (the catalogue is then public),
 * and every later change is an adjustment (调整) stating its reason. Each
 * entry is appended, audited and a ledger leaf (kind 11). Also the facts
 * the engine's gate in_catalogue judges, and the accountability record. */
#include "app/decision.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/ledger.h"
#include "app/tx.h"
#include "base/date.h"
#include "base/num.h"

/* The kinds of decision matters of art 3 para 1. */
const char *const dcat_categories[] = { "policy", "plan", "resources", "project", "other", NULL };
static const char *const category_labels[] = {
	"重大公共政策和措施",
	"重大规划",
	"开发利用、保护重要自然资源和文化资源的重大公共政策和措施",
	"重大公共建设项目",
	"对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项",
};

const char *dcat_category_label(const char *id)
{
	for (size_t i = 0; id && dcat_categories[i]; i++)
		if (strcmp(dcat_categories[i], id) == 0)
			return category_labels[i];
	return NULL;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static enum fz_err text_of(const char *v, const char *field, const char *label, size_t max,
			   bool required, struct fz_error *e)
{
	if (blank(v))
		return required ? fz_fail(e, FZ_INVALID, field, "请填写%s", label) : FZ_OK;
	if (strlen(v) > max)
		return fz_fail(e, FZ_INVALID, field, "%s过长（不超过 %zu 字节）", label, max);
	return FZ_OK;
}

/* --- the ledger leaf --- */

static enum fz_err entry_leaf(struct app_ctx *ctx, const struct decision_catalogue_entry *en,
			      struct fz_error *e)
{
	enum ledger_hash_alg alg;
	unsigned char d[LEDGER_DIGEST_MAX];
	enum fz_err rc = app_ledger_alg(ctx, &alg, e);
	if (rc)
		return rc;
	size_t len = app_ledger_dcat_digest(alg, en, d);
	if (!len)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	return app_ledger_append(ctx, LEDGER_DECISION_CATALOGUE, en->id, d, len, NULL, e);
}

/* --- reading --- */

/* Whether the user may see the catalogue of agency: the shell, and
 * staff whose scope holds the agency (its own staff; the justice bureau
 * its division's agencies). */
static bool staff_sees(struct app_ctx *ctx, int64_t agency_id)
{
	if (ctx->cli)
		return true;
	if (!ctx->user)
		return false;
	struct agency ag;
	struct fz_error ignored = { 0 };
	return ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, agency_id, &ag, &ignored) ==
	       FZ_OK;
}

/* Fills v's items and approval from its entries. */
static void view_derive(struct app_ctx *ctx, struct dcat_view *v)
{
	v->approved_by = "";
	v->approval_note = "";
	v->items = arena_calloc(ctx->a, v->nentries ? v->nentries : 1, sizeof *v->items);
	v->nitems = 0;
	if (!v->items)
		return;
	for (size_t i = 0; i < v->nentries; i++) {
		const struct decision_catalogue_entry *en = &v->entries[i];
		if (strcmp(en->action, DCAT_APPROVE) == 0) {
			v->approved_by = en->unit;
			v->approval_note = en->reason;
		} else if (strcmp(en->action, DCAT_ADD) == 0) {
			struct dcat_item *it = &v->items[v->nitems++];
			*it = (struct dcat_item){ .id = en->id, .title = en->title,
						  .category = en->category, .unit = en->unit,
						  .adjustment = en->adjustment,
						  .reason = en->reason, .added_on = en->on,
						  .removed_on = "", .removed_reason = "" };
		} else {
			for (size_t k = 0; k < v->nitems; k++)
				if (v->items[k].id == en->item_id) {
					v->items[k].removed_on = en->on;
					v->items[k].removed_reason = en->reason;
				}
		}
	}
}

static enum fz_err view_load(struct app_ctx *ctx, int64_t id, struct dcat_view *out,
			     struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	enum fz_err rc = ctx->st->ops->decision_catalogue_get(ctx->st, ctx->a, id, &out->cat, e);
	if (rc || (rc = ctx->st->ops->decision_catalogue_entries(ctx->st, ctx->a, id, &out->entries,
								  &out->nentries, e)))
		return rc;
	view_derive(ctx, out);
	return out->items ? FZ_OK : fz_fail(e, FZ_NOMEM, NULL, NULL);
}

static const struct scope scope_all = { .kind = SCOPE_ALL };

/* Who recorded each entry, by the person's name as the other histories
 * show it (the account's display name; its username when it has none or
 * is gone). A catalogue has few recorders: each is read once. */
static enum fz_err entry_names(struct app_ctx *ctx, struct dcat_view *v, struct fz_error *e)
{
	for (size_t i = 0; i < v->nentries; i++) {
		struct decision_catalogue_entry *en = &v->entries[i];
		en->actor_name = en->actor;
		for (size_t k = 0; k < i; k++)
			if (v->entries[k].actor_id == en->actor_id)
				en->actor_name = v->entries[k].actor_name;
		if (en->actor_name != en->actor || !en->actor_id)
			continue;
		struct user u;
		enum fz_err rc = ctx->st->ops->user_get(ctx->st, ctx->a, &scope_all, en->actor_id,
							&u, e);
		if (rc == FZ_NOTFOUND)
			continue;
		if (rc)
			return rc;
		if (u.display_name && *u.display_name)
			en->actor_name = u.display_name;
	}
	return FZ_OK;
}

enum fz_err app_dcat_view(struct app_ctx *ctx, int64_t id, bool public, struct dcat_view *out,
			  struct fz_error *e)
{
	enum fz_err rc;
	if (!public && (rc = app_require(ctx, PERM_CASE_READ, "decision_catalogue.read", e)))
		return rc;
	rc = view_load(ctx, id, out, e);
	if (rc == FZ_NOTFOUND || (!rc && (public ? !out->cat.approved_on[0]
					       : !staff_sees(ctx, out->cat.agency_id))))
		return fz_fail(e, FZ_NOTFOUND, "id", "决策事项目录不存在");
	if (!rc && !public)
		rc = entry_names(ctx, out, e);
	return rc;
}

enum fz_err app_dcat_list(struct app_ctx *ctx, bool public, int64_t agency_id, int year,
			  struct page pg, struct decision_catalogue_list *out, struct fz_error *e)
{
	struct decision_catalogue_filter f = { .agency_id = agency_id, .year = year,
					       .approved_only = public };
	enum fz_err rc;
	if (!public) {
		if ((rc = app_require(ctx, PERM_CASE_READ, "decision_catalogue.read", e)))
			return rc;
		if (!ctx->cli)
			f.scope = &ctx->scope;
	}
	return ctx->st->ops->decision_catalogue_list(ctx->st, ctx->a, &f, pg, out, e);
}

enum fz_err app_dcat_list_of(struct app_ctx *ctx, struct id_set only, struct list_sort sort,
			     struct page pg, struct decision_catalogue_list *out, struct fz_error *e)
{
	struct decision_catalogue_filter f = { .scope = ctx->cli ? NULL : &ctx->scope,
					       .only = only, .sort = sort };
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "decision_catalogue.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->decision_catalogue_list(ctx->st, ctx->a, &f, pg, out, e);
}

/* --- writing --- */

enum fz_err app_dcat_create(struct app_ctx *ctx, int year, const char *title,
			    struct decision_catalogue *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_DECISION_CATALOGUE, "decision_catalogue.create", e);
	if (rc)
		return rc;
	if (!ctx->user || !ctx->user->agency_id)
		return fz_fail(e, FZ_FORBIDDEN, NULL, "本账号不属于任何机关，不能编制决策事项目录");
	if (year < 2000 || year > 9999)
		return fz_fail(e, FZ_INVALID, "year", "年度应为四位数字");
	if ((rc = text_of(title, "title", "目录名称", 300, true, e)))
		return rc;
	struct decision_catalogue_list l;
	struct page one = { .limit = 1 };
	struct decision_catalogue_filter f = { .agency_id = ctx->user->agency_id, .year = year };
	if ((rc = ctx->st->ops->decision_catalogue_list(ctx->st, ctx->a, &f, one, &l, e)))
		return rc;
	if (l.total)
		return fz_fail(e, FZ_CONFLICT, "year", "本机关已有 %d 年度的决策事项目录", year);
	struct decision_catalogue c = { .agency_id = ctx->user->agency_id, .year = year,
					.title = title, .created_by = ctx->user->id,
					.created_at = ctx->now };
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->decision_catalogue_insert(ctx->st, &c, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	if ((rc = app_tx_finish(ctx, "decision_catalogue.create", "decision_catalogue", c.id, title,
				NULL, e)))
		return rc;
	*out = c;
	return FZ_OK;
}

/* The catalogue for a write by the user: its own agency's. */
static enum fz_err for_write(struct app_ctx *ctx, int64_t id, struct dcat_view *v,
			     struct fz_error *e)
{
	enum fz_err rc = view_load(ctx, id, v, e);
	if (rc == FZ_NOTFOUND || (!rc && !ctx->cli &&
				  (!ctx->user || ctx->user->agency_id != v->cat.agency_id)))
		return fz_fail(e, FZ_NOTFOUND, "id", "决策事项目录不存在");
	return rc;
}

/* The day of an entry: typed (or today), not after today, not in another
 * year than the catalogue's... an adjustment may come in the year after
 * (a catalogue approved late), so only: not before the last entry. */
static enum fz_err entry_day(struct app_ctx *ctx, const struct dcat_view *v, const char *on,
			     char out[FZ_DATE_LEN], struct fz_error *e)
{
	if (!on || !*on)
		on = ctx->today;
	if (!date_parse(on, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "on", "日期应为 YYYY-MM-DD 格式的有效日期");
	if (strcmp(on, ctx->today) > 0)
		return fz_fail(e, FZ_INVALID, "on", "日期 %s 晚于今天，不能预先登记", on);
	if (v->nentries && strcmp(on, v->entries[v->nentries - 1].on) < 0)
		return fz_fail(e, FZ_INVALID, "on", "日期 %s 早于目录上一条记录的日期 %s", on,
			       v->entries[v->nentries - 1].on);
	snprintf(out, FZ_DATE_LEN, "%s", on);
	return FZ_OK;
}

static enum fz_err entry_append(struct app_ctx *ctx, struct decision_catalogue_entry *en,
				const char *action, const char *message, struct fz_error *e)
{
	en->at = ctx->now;
	en->actor_id = ctx->user ? ctx->user->id : 0;
	en->actor = ctx->actor ? ctx->actor : "";
	enum fz_err rc = app_tx_begin(ctx, e);
	if (rc)
		return rc;
	if ((rc = ctx->st->ops->decision_catalogue_entry_insert(ctx->st, en, e)) ||
	    (rc = entry_leaf(ctx, en, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	return app_tx_finish(ctx, action, "decision_catalogue", en->catalogue_id, message, NULL, e);
}

enum fz_err app_dcat_add_item(struct app_ctx *ctx, int64_t cat_id, const char *title,
			      const char *category, const char *unit, const char *reason,
			      const char *on, int64_t *item_id, struct fz_error *e)
{
	struct dcat_view v;
	struct decision_catalogue_entry en = { .catalogue_id = cat_id, .action = DCAT_ADD };
	enum fz_err rc = app_require(ctx, PERM_DECISION_CATALOGUE, "decision_catalogue.item", e);
	if (rc || (rc = for_write(ctx, cat_id, &v, e)))
		return rc;
	if ((rc = text_of(title, "title", "决策事项名称", 300, true, e)) ||
	    (rc = text_of(unit, "unit", "承办单位", 200, true, e)) ||
	    (rc = text_of(reason, "reason", "调整理由", 2000, false, e)))
		return rc;
	if (!dcat_category_label(category))
		return fz_fail(e, FZ_INVALID, "category",
			       "事项类别应为以下之一：重大公共政策和措施、重大规划、重要自然资源和文化资源"
			       "政策措施、重大公共建设项目、其他重大事项");
	en.adjustment = v.cat.approved_on[0] != 0;
	if (en.adjustment && blank(reason))
		return fz_fail(e, FZ_INVALID, "reason",
			       "目录已于 %s 批准公布，增列事项属于目录调整，须写明调整理由",
			       v.cat.approved_on);
	for (size_t i = 0; i < v.nitems; i++)
		if (!v.items[i].removed_on[0] && strcmp(v.items[i].title, title) == 0)
			return fz_fail(e, FZ_CONFLICT, "title", "目录中已有事项“%s”（第 %lld 号）",
				       title, (long long)v.items[i].id);
	if ((rc = entry_day(ctx, &v, on, en.on, e)))
		return rc;
	en.title = title;
	en.category = category;
	en.unit = unit;
	en.reason = blank(reason) ? "" : reason;
	if ((rc = entry_append(ctx, &en, en.adjustment ? "decision_catalogue.adjust"
						       : "decision_catalogue.item",
			       title, e)))
		return rc;
	*item_id = en.id;
	return FZ_OK;
}

enum fz_err app_dcat_remove_item(struct app_ctx *ctx, int64_t cat_id, int64_t item_id,
				 const char *reason, const char *on, struct fz_error *e)
{
	struct dcat_view v;
	struct decision_catalogue_entry en = { .catalogue_id = cat_id, .action = DCAT_REMOVE,
					       .item_id = item_id };
	enum fz_err rc = app_require(ctx, PERM_DECISION_CATALOGUE, "decision_catalogue.item", e);
	if (rc || (rc = for_write(ctx, cat_id, &v, e)))
		return rc;
	if ((rc = text_of(reason, "reason", "调出目录的理由", 2000, true, e)))
		return rc;
	const struct dcat_item *it = NULL;
	for (size_t i = 0; i < v.nitems; i++)
		if (v.items[i].id == item_id)
			it = &v.items[i];
	if (!it)
		return fz_fail(e, FZ_NOTFOUND, "item", "目录中没有第 %lld 号事项", (long long)item_id);
	if (it->removed_on[0])
		return fz_fail(e, FZ_CONFLICT, "item", "事项“%s”已于 %s 调出目录", it->title,
			       it->removed_on);
	int64_t open_id = 0;
	const char *open_no = NULL;
	if ((rc = app_dcat_item_open_decision(ctx, item_id, &open_id, &open_no, e)))
		return rc;
	if (open_id)
		return fz_fail(e, FZ_CONFLICT, "item",
			       "事项“%s”正由重大行政决策（%s）办理；调出目录前，须先由行政首长终止该决策"
			       "并写明理由",
			       it->title, open_no);
	if ((rc = entry_day(ctx, &v, on, en.on, e)))
		return rc;
	en.adjustment = v.cat.approved_on[0] != 0;
	en.reason = reason;
	return entry_append(ctx, &en, "decision_catalogue.remove", it->title, e);
}

enum fz_err app_dcat_approve(struct app_ctx *ctx, int64_t cat_id, const char *body,
			     const char *note, const char *on, struct fz_error *e)
{
	struct dcat_view v;
	struct decision_catalogue_entry en = { .catalogue_id = cat_id, .action = DCAT_APPROVE };
	enum fz_err rc = app_require(ctx, PERM_DECISION_APPROVE, "decision_catalogue.approve", e);
	if (rc || (rc = for_write(ctx, cat_id, &v, e)))
		return rc;
	if (v.cat.approved_on[0])
		return fz_fail(e, FZ_CONFLICT, "id", "%s已于 %s 批准公布；此后的变动是目录调整",
			       v.cat.title, v.cat.approved_on);
	if ((rc = text_of(body, "approved_by", "批准机关（会议）", 200, true, e)) ||
	    (rc = text_of(note, "note", "说明", 2000, false, e)))
		return rc;
	size_t listed = 0;
	for (size_t i = 0; i < v.nitems; i++)
		listed += !v.items[i].removed_on[0];
	if (!listed)
		return fz_fail(e, FZ_CONFLICT, "id", "目录中还没有事项，不能批准");
	if ((rc = entry_day(ctx, &v, on, en.on, e)))
		return rc;
	en.unit = body;
	en.reason = blank(note) ? "" : note;
	return entry_append(ctx, &en, "decision_catalogue.approve", v.cat.title, e);
}

enum fz_err app_dcat_item_open_decision(struct app_ctx *ctx, int64_t item_id, int64_t *case_id,
					const char **number, struct fz_error *e)
{
	*case_id = 0;
	*number = "";
	enum fz_err rc = ctx->st->ops->decision_item_open_case(ctx->st, ctx->a, item_id, 0, case_id,
							       number, e);
	if (rc == FZ_NOTFOUND) {
		*case_id = 0;
		if (e)
			memset(e, 0, sizeof *e);
		return FZ_OK;
	}
	return rc;
}

/* --- the gate's facts --- */

enum fz_err app_dcat_item_fact(struct app_ctx *ctx, const char *item, int64_t case_id,
			       struct arena *a,
			       const struct proc_catalogue_item **out, struct fz_error *e)
{
	struct decision_catalogue_entry en;
	struct dcat_view v;
	*out = NULL;
	int64_t id = item ? num_id(item) : 0;
	if (!id)
		return FZ_OK;
	enum fz_err rc = ctx->st->ops->decision_catalogue_entry_get(ctx->st, a, id, &en, e);
	if (rc == FZ_NOTFOUND || (!rc && strcmp(en.action, DCAT_ADD) != 0))
		return FZ_OK;
	if (rc || (rc = view_load(ctx, en.catalogue_id, &v, e)))
		return rc;
	struct proc_catalogue_item *f = arena_calloc(a, 1, sizeof *f);
	if (!f)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < v.nitems; i++) {
		const struct dcat_item *it = &v.items[i];
		if (it->id != id)
			continue;
		*f = (struct proc_catalogue_item){
			.id = id, .agency_id = v.cat.agency_id, .year = v.cat.year,
			.title = it->title, .approved_on = arena_strdup(a, v.cat.approved_on),
			.added_on = it->added_on, .adjustment = it->adjustment,
			.reason = it->reason, .removed_on = it->removed_on,
			.removed_reason = it->removed_reason,
		};
		*out = f;
	}
	if (!*out)
		return FZ_OK;
	rc = ctx->st->ops->decision_item_open_case(ctx->st, a, id, case_id, &f->open_case_id,
						   &f->open_case_number, e);
	return rc == FZ_NOTFOUND ? FZ_OK : rc;
}

/* --- the accountability record --- */

void app_decision_accountability(const struct case_view *v, struct arena *a,
				 struct dcat_account **out, size_t *n)
{
	static const struct {
		const char *step, *role, *field;
	} rows[] = {
		{ "propose", "决策事项提出", "proposal_source" },
		{ "draft", "决策草案拟定", NULL },
		{ "expert_consultation", "专家论证", "experts" },
		{ "risk_assessment", "风险评估", "assessor" },
		{ "submit_review", "送合法性审查", NULL },
		{ "legality_review", "合法性审查", "opinion" },
		{ "meeting", "集体讨论", "attendees" },
		{ "decide", "决定", "outcome" },
		{ "assign_execution", "确定执行单位", "execution_unit" },
		{ "post_evaluation", "决策后评估", "evaluator" },
	};
	*n = 0;
	*out = arena_calloc(a, v->events.n ? v->events.n : 1, sizeof **out);
	if (!*out)
		return;
	for (size_t i = 0; i < v->events.n; i++) {
		const struct case_event *ev = &v->events.items[i];
		for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
			if (!ev->step || strcmp(ev->step, rows[k].step) != 0)
				continue;
			const char *d = rows[k].field ? case_event_field(ev, rows[k].field) : NULL;
			const struct proc_field *f =
				d ? proc_field_of(v->def, proc_step_find(v->def, ev->step),
						  rows[k].field)
				  : NULL;
			for (size_t c = 0; f && c < f->nchoices; c++)
				if (strcmp(f->choices[c].value, d) == 0)
					d = f->choices[c].label;
			(*out)[(*n)++] = (struct dcat_account){
				.role = rows[k].role, .step = ev->step, .seq = ev->seq,
				.on = ev->on, .actor = ev->actor ? ev->actor : "",
				.actor_name = ev->actor_name && *ev->actor_name ? ev->actor_name
					      : ev->actor			  ? ev->actor
										  : "",
				.detail = d ? d : "",
			};
		}
	}
}
