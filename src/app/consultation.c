/* consultation.c - public comment on a draft (公开征求意见) as use cases:
 * the periods the portal lists (read from the matter's comment_open and
 * comment_close events, keyed by those step names), the public's comments
 * with the per-address limit and a receipt, the drafting unit's handling
 * (hide with a reason, show again, adoption), and the check comment_close
 * makes. Each comment and each action is one transaction: the append-only
 * event, its ledger leaf (kind 12) and an audit record. */
#include "app/consultation.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/calendar.h"
#include "app/case.h"
#include "app/case_internal.h"
#include "app/ledger.h"
#include "app/normcat.h"
#include "app/procreg.h"
#include "app/tx.h"
#include "base/crypto.h"
#include "domain/case_events.h"
#include "domain/caseclock.h"
#include "domain/clock.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

static const char *str(const char *s) { return s ? s : ""; }

static const struct case_event *event_by_id(const struct case_event_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].id == id)
			return &l->items[i];
	return NULL;
}

/* The period's clock: the one its comment_open started. */
static enum fz_err period_end(struct app_ctx *ctx, const struct enf_case *c,
			      const struct case_event_list *ev, int64_t open_event,
			      struct consultation *out, struct fz_error *e)
{
	const struct proc_registry *reg = case_registry(ctx, e);
	struct calendar cal;
	struct case_clock *clocks;
	enum fz_err rc;
	if (!reg)
		return FZ_INTERNAL;
	const struct proc_def *def = proc_registry_find(reg, c->procedure);
	if (!def)
		return FZ_OK; /* a definition no longer loaded: no clock to show */
	const struct proc_config *cfg = case_config(ctx, reg, c, e);
	if (!cfg)
		return FZ_NOMEM;
	if ((rc = app_calendar_get(ctx, &cal, e)) ||
	    (rc = case_clocks_compute(def, cfg, &cal, ev->items, ev->n, ctx->today, ctx->a, &clocks,
				      e)))
		return rc;
	for (size_t i = 0; i < def->nclocks; i++)
		if (clocks[i].started_by && clocks[i].started_by->id == open_event) {
			snprintf(out->ends_on, sizeof out->ends_on, "%s", clocks[i].deadline.due);
			out->ends_provisional = clocks[i].deadline.provisional;
			out->period_label = clocks[i].clock->label;
		}
	return FZ_OK;
}

/* Fills out from ref: the matter, the draft as it stood at comment_open
 * (the latest version recorded before it, with corrections), the
 * channel, the close and its account, the counts. */
static enum fz_err load(struct app_ctx *ctx, const struct consultation_ref *ref,
			struct consultation *out, struct fz_error *e)
{
	struct enf_case c;
	struct case_event_list ev;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if ((rc = ctx->st->ops->case_get(ctx->st, ctx->a, &scope_all, ref->case_id, &c, e)) ||
	    (rc = ctx->st->ops->case_events(ctx->st, ctx->a, &scope_all, ref->case_id, &ev, e)))
		return rc;
	const struct case_event *open = event_by_id(&ev, ref->open_event);
	if (!open)
		return fz_fail(e, FZ_NOTFOUND, "id", "没有这项公开征求意见");
	out->case_id = c.id;
	out->open_event = ref->open_event;
	out->title = str(c.title);
	out->agency = str(c.agency_name);
	out->number = str(c.number);
	snprintf(out->opened_on, sizeof out->opened_on, "%s", open->on);
	out->channel = str(case_events_field(ev.items, ev.n, open, "comment_channel"));
	const struct case_event *draft = NULL;
	int version = 0;
	for (size_t i = 0; i < ev.n && ev.items[i].seq < open->seq; i++)
		if (strcmp(ev.items[i].step, PROC_CORRECTION) != 0 &&
		    case_event_field(&ev.items[i], CASE_VERSION_FIELD)) {
			draft = &ev.items[i];
			version++;
		}
	out->version = version;
	out->draft = draft ? str(case_events_field(ev.items, ev.n, draft, CASE_VERSION_FIELD)) : "";
	out->explanation = draft ? str(case_events_field(ev.items, ev.n, draft, "explanation")) : "";
	const struct case_event *close = ref->close_event ? event_by_id(&ev, ref->close_event) : NULL;
	out->open = !close && !c.closed;
	out->summary = "";
	if (close) {
		snprintf(out->closed_on, sizeof out->closed_on, "%s", close->on);
		out->summary = str(case_events_field(ev.items, ev.n, close, "comment_summary"));
	}
	out->period_label = "";
	if ((rc = period_end(ctx, &c, &ev, ref->open_event, out, e)))
		return rc;
	return ctx->st->ops->comment_counts(ctx->st, ctx->a, ref->open_event, &out->counts, e);
}

enum fz_err app_consultation_list(struct app_ctx *ctx, bool open, struct page pg,
				  struct consultation_list *out, struct fz_error *e)
{
	struct consultation_ref_list refs;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if ((rc = ctx->st->ops->consultations(ctx->st, ctx->a, open, pg, &refs, e)))
		return rc;
	out->items = refs.n ? arena_calloc(ctx->a, refs.n, sizeof *out->items) : NULL;
	if (refs.n && !out->items)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < refs.n; i++)
		if ((rc = load(ctx, &refs.items[i], &out->items[i], e)))
			return rc;
	out->n = refs.n;
	out->total = refs.total;
	return FZ_OK;
}

enum fz_err app_consultation_get(struct app_ctx *ctx, int64_t case_id, struct consultation *out,
				 struct fz_error *e)
{
	struct consultation_ref ref;
	enum fz_err rc = ctx->st->ops->consultation_of(ctx->st, case_id, &ref, e);
	if (rc)
		return rc;
	return load(ctx, &ref, out, e);
}

/* The sender's address as a digest in the arena (the stored comment's,
 * so it outlives the call): counted for the rate limit, never shown. NULL
 * when out of memory. */
static const char *sender_key(struct app_ctx *ctx)
{
	unsigned char h[32];
	char *key = arena_alloc(ctx->a, 65);
	const char *s = ctx->client_addr ? ctx->client_addr : "";
	if (!key)
		return NULL;
	crypto_sha256(s, strlen(s), h);
	crypto_hex(h, sizeof h, key);
	return key;
}

/* Appends ev with its ledger leaf. */
static enum fz_err event_add(struct app_ctx *ctx, struct comment_event *ev, struct fz_error *e)
{
	enum ledger_hash_alg alg;
	unsigned char d[LEDGER_DIGEST_MAX];
	enum fz_err rc;
	ev->at = ctx->now;
	ev->actor_id = ctx->user ? ctx->user->id : 0;
	ev->actor = ctx->user && ctx->actor ? ctx->actor : "";
	snprintf(ev->on, sizeof ev->on, "%s", ctx->today);
	if ((rc = ctx->st->ops->comment_event_insert(ctx->st, ev, e)) ||
	    (rc = app_ledger_alg(ctx, &alg, e)))
		return rc;
	size_t len = app_ledger_comment_digest(alg, ev, d);
	if (!len)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	return app_ledger_append(ctx, LEDGER_COMMENT, ev->id, d, len, NULL, e);
}

/* Whether the period of ref takes comments now; FZ_CONFLICT saying why
 * not, with the day it closed. */
static enum fz_err period_takes(struct app_ctx *ctx, const struct consultation_ref *ref,
				struct fz_error *e)
{
	struct enf_case c;
	struct case_event_list ev;
	enum fz_err rc;
	if (!ref->close_event) {
		if ((rc = ctx->st->ops->case_get(ctx->st, ctx->a, &scope_all, ref->case_id, &c, e)))
			return rc;
		if (!c.closed)
			return FZ_OK;
		return fz_fail(e, FZ_CONFLICT, "case_id", "该文件已停止制定，不再征求意见");
	}
	if ((rc = ctx->st->ops->case_events(ctx->st, ctx->a, &scope_all, ref->case_id, &ev, e)))
		return rc;
	const struct case_event *close = event_by_id(&ev, ref->close_event);
	return fz_fail(e, FZ_CONFLICT, "case_id",
		       "本次公开征求意见已于 %s 结束，不再接收意见。感谢您的关注",
		       close ? close->on : "此前");
}

/* FZ_RATELIMIT when the address of digest key sent COMMENT_RATE_MAX
 * comments or review requests within the window (inside the caller's
 * transaction). */
static enum fz_err comment_rate_check(struct app_ctx *ctx, const char *key, bool review,
				      struct fz_error *e)
{
	int64_t n = 0;
	enum fz_err rc = ctx->st->ops->comment_recent(ctx->st, key,
						      ctx->now - COMMENT_RATE_WINDOW, &n, e);
	if (rc || n < COMMENT_RATE_MAX)
		return rc;
	if (review)
		return fz_fail(e, FZ_RATELIMIT, "rate",
			       "同一网络地址一天内最多提交 %d 条意见或审查建议，请明天再提交",
			       COMMENT_RATE_MAX);
	return fz_fail(e, FZ_RATELIMIT, "rate",
		       "同一网络地址一天内最多提交 %d 条意见，请明天再提交，"
		       "或通过征求意见公告中的其他途径反映",
		       COMMENT_RATE_MAX);
}

/* Stores what in says as out, whose case_id, open_event, review and due_on
 * the caller set: the sender's fields, a fresh receipt and the submit
 * event with its leaf (inside the caller's transaction). */
static enum fz_err comment_store(struct app_ctx *ctx, const char *key,
				 const struct comment_input *in, struct public_comment *out,
				 struct fz_error *e)
{
	unsigned char rnd[COMMENT_RECEIPT_RANDOM];
	enum fz_err rc;
	snprintf(out->received_on, sizeof out->received_on, "%s", ctx->today);
	out->name = str(in->name);
	out->contact = str(in->contact);
	out->body = in->body;
	out->client_key = key;
	out->at = ctx->now;
	out->hidden_reason = out->hidden_by = out->adoption_note = "";
	out->answer = out->answered_by = "";
	/* 40 random bits a day: a collision is rare; the UNIQUE column
	 * refuses one, and it is tried again */
	for (int tries = 0;; tries++) {
		if (crypto_random(rnd, sizeof rnd))
			return fz_fail(e, FZ_INTERNAL, NULL, "无法生成回执编号");
		comment_receipt_make(out->review, ctx->today, rnd, out->receipt);
		struct fz_error ignored = { 0 };
		rc = ctx->st->ops->comment_insert(ctx->st, out, &ignored);
		if (!rc)
			break;
		if (rc != FZ_CONFLICT || tries > 5) {
			*e = ignored;
			return rc;
		}
	}
	struct comment_event ev = { .comment_id = out->id, .case_id = out->case_id,
				    .action = comment_action_name(COMMENT_SUBMIT), .text = in->body };
	return event_add(ctx, &ev, e);
}

static enum fz_err submit_once(struct app_ctx *ctx, int64_t case_id, const struct comment_input *in,
			       struct public_comment *out, struct fz_error *e)
{
	struct consultation_ref ref;
	const char *key = sender_key(ctx);
	enum fz_err rc;
	if (!key)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	rc = ctx->st->ops->consultation_of(ctx->st, case_id, &ref, e);
	if (rc == FZ_NOTFOUND)
		rc = fz_fail(e, FZ_NOTFOUND, "case_id", "没有这项公开征求意见");
	if (rc || (rc = period_takes(ctx, &ref, e)) ||
	    (rc = comment_rate_check(ctx, key, false, e)))
		goto fail;
	memset(out, 0, sizeof *out);
	out->case_id = case_id;
	out->open_event = ref.open_event;
	if ((rc = comment_store(ctx, key, in, out, e)))
		goto fail;
	struct audit_diff diff = { .n = 0 };
	audit_diff_str(ctx, &diff, "receipt", "", out->receipt);
	audit_diff_int(ctx, &diff, "case_id", 0, case_id);
	return app_tx_finish(ctx, "comment.submit", "public_comment", out->id, NULL, &diff, e);
fail:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_comment_submit(struct app_ctx *ctx, int64_t case_id, const struct comment_input *in,
			       struct public_comment *out, struct fz_error *e)
{
	enum fz_err rc;
	if ((rc = comment_input_check(in, e)))
		return rc;
	bool outer = app_tx_whole(ctx, true);
	do
		rc = submit_once(ctx, case_id, in, out, e);
	while (app_tx_again(ctx, rc));
	app_tx_whole(ctx, outer);
	return rc;
}

/* The matter in the caller's scope (FZ_NOTFOUND outside it). */
static enum fz_err matter_in_scope(struct app_ctx *ctx, int64_t case_id, struct fz_error *e)
{
	struct enf_case c;
	enum fz_err rc = app_require(ctx, PERM_CASE_READ, "case.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, case_id, &c, e);
}

enum fz_err app_comment_list(struct app_ctx *ctx, int64_t case_id, bool staff, struct page pg,
			     struct public_comment_list *out, struct comment_counts *counts,
			     struct fz_error *e)
{
	struct consultation_ref ref;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if (staff && (rc = matter_in_scope(ctx, case_id, e)))
		return rc;
	rc = ctx->st->ops->consultation_of(ctx->st, case_id, &ref, e);
	if (rc)
		return rc;
	if ((rc = ctx->st->ops->comments_of(ctx->st, ctx->a, ref.open_event, !staff, pg, out, e)))
		return rc;
	if (!staff)
		for (size_t i = 0; i < out->n; i++) {
			out->items[i].name = "";
			out->items[i].contact = "";
			out->items[i].client_key = "";
		}
	if (counts)
		return ctx->st->ops->comment_counts(ctx->st, ctx->a, ref.open_event, counts, e);
	return FZ_OK;
}

enum fz_err app_comment_get(struct app_ctx *ctx, int64_t case_id, int64_t comment_id,
			    struct public_comment *out, struct comment_event **events,
			    size_t *nevents, struct fz_error *e)
{
	enum fz_err rc;
	if ((rc = matter_in_scope(ctx, case_id, e)))
		return rc;
	rc = ctx->st->ops->comment_get(ctx->st, ctx->a, comment_id, out, e);
	if (!rc && out->case_id != case_id)
		rc = fz_fail(e, FZ_NOTFOUND, "comment_id", "没有这条意见");
	if (rc || !events)
		return rc;
	return ctx->st->ops->comment_events_of(ctx->st, ctx->a, comment_id, events, nevents, e);
}

bool app_comment_may_handle(const struct app_ctx *ctx)
{
	return ctx->user && authz_allows(ctx->user->roles, PERM_COMMENT_HANDLE);
}

static enum fz_err act_once(struct app_ctx *ctx, int64_t case_id, int64_t comment_id,
			    enum comment_action action, const char *reason,
			    struct public_comment *out, struct fz_error *e)
{
	struct consultation_ref ref;
	struct public_comment c;
	enum fz_err rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = matter_in_scope(ctx, case_id, e)) ||
	    (rc = ctx->st->ops->comment_get(ctx->st, ctx->a, comment_id, &c, e)))
		goto fail;
	if (c.case_id != case_id) {
		rc = fz_fail(e, FZ_NOTFOUND, "comment_id", "没有这条意见");
		goto fail;
	}
	if (action == COMMENT_HIDE && c.hidden) {
		rc = fz_fail(e, FZ_CONFLICT, "action", "这条意见已不在网站显示（%s 由 %s 隐藏）",
			     c.hidden_on, c.hidden_by);
		goto fail;
	}
	if (action == COMMENT_SHOW && !c.hidden) {
		rc = fz_fail(e, FZ_CONFLICT, "action", "这条意见正在网站显示，无需恢复");
		goto fail;
	}
	if (comment_action_is_adoption(action)) {
		if ((rc = ctx->st->ops->consultation_of(ctx->st, case_id, &ref, e)))
			goto fail;
		if (ref.open_event != c.open_event || ref.close_event) {
			rc = fz_fail(e, FZ_CONFLICT, "action",
				     "征求意见已经结束，采纳情况说明已经公布，不能再改变意见的采纳情况");
			goto fail;
		}
	}
	struct comment_event ev = { .comment_id = c.id, .case_id = case_id,
				    .action = comment_action_name(action), .text = str(reason) };
	if ((rc = event_add(ctx, &ev, e)))
		goto fail;
	struct audit_diff diff = { .n = 0 };
	audit_diff_str(ctx, &diff, "action", "", ev.action);
	audit_diff_str(ctx, &diff, "reason", "", ev.text);
	if ((rc = app_tx_finish(ctx, "comment.act", "public_comment", c.id, NULL, &diff, e)))
		return rc;
	if (!out)
		return FZ_OK;
	return ctx->st->ops->comment_get(ctx->st, ctx->a, comment_id, out, e);
fail:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_comment_act(struct app_ctx *ctx, int64_t case_id, int64_t comment_id,
			    enum comment_action action, const char *reason,
			    struct public_comment *out, struct fz_error *e)
{
	enum fz_err rc;
	if ((rc = app_require(ctx, PERM_COMMENT_HANDLE, "comment.act", e)))
		return fz_fail(e, rc, NULL,
			       "公众意见由起草单位的执法人员或负责人处理，您的账号没有这项职责");
	if ((rc = comment_reason_check(action, reason, e)))
		return rc;
	bool outer = app_tx_whole(ctx, true);
	do
		rc = act_once(ctx, case_id, comment_id, action, reason, out, e);
	while (app_tx_again(ctx, rc));
	app_tx_whole(ctx, outer);
	return rc;
}

enum fz_err app_comment_close_check(struct app_ctx *ctx, int64_t case_id, struct fz_error *e)
{
	struct consultation_ref ref;
	struct comment_counts n;
	enum fz_err rc = ctx->st->ops->consultation_of(ctx->st, case_id, &ref, e);
	if (rc == FZ_NOTFOUND)
		return FZ_OK; /* no period: the step's own requires says so */
	if (rc || (rc = ctx->st->ops->comment_counts(ctx->st, ctx->a, ref.open_event, &n, e)))
		return rc;
	if (n.undecided > 0)
		return fz_fail(e, FZ_CONFLICT, "comment_summary",
			       "还有 %lld 条公众意见没有写明是否采纳：请在“公众意见”中逐条处理"
			       "（采纳、部分采纳或未采纳并说明理由）后，再结束征求意见",
			       (long long)n.undecided);
	return FZ_OK;
}

/* --- review requests (审查建议) --- */

/* The day the answer is due: review_request_period after day, on the
 * clock (U: config.txt). */
static enum fz_err review_due(struct app_ctx *ctx, const char *day, char out[FZ_DATE_LEN],
			      struct fz_error *e)
{
	const struct proc_registry *reg = case_registry(ctx, e);
	const struct proc_config *cfg = reg ? proc_registry_config(reg) : NULL;
	struct proc_config dflt;
	struct calendar cal;
	struct clock_input in;
	struct deadline d;
	enum fz_err rc;
	if (!cfg) {
		proc_config_init(&dflt);
		cfg = &dflt;
	}
	if ((rc = app_calendar_get(ctx, &cal, e)))
		return rc;
	clock_input_init(&in, day, cfg->periods[PROC_PERIOD_REVIEW_REQUEST].unit,
			 cfg->periods[PROC_PERIOD_REVIEW_REQUEST].amount);
	if ((rc = clock_compute(&cal, &in, ctx->a, &d, e)))
		return rc;
	snprintf(out, FZ_DATE_LEN, "%s", d.due);
	return FZ_OK;
}

static enum fz_err review_submit_once(struct app_ctx *ctx, int64_t case_id, int64_t publish_event,
				      const char *due, const struct comment_input *in,
				      struct public_comment *out, struct fz_error *e)
{
	const char *key = sender_key(ctx);
	enum fz_err rc;
	if (!key)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = comment_rate_check(ctx, key, true, e)))
		goto fail;
	memset(out, 0, sizeof *out);
	out->case_id = case_id;
	out->open_event = publish_event;
	out->review = true;
	snprintf(out->due_on, sizeof out->due_on, "%s", due);
	if ((rc = comment_store(ctx, key, in, out, e)))
		goto fail;
	struct audit_diff diff = { .n = 0 };
	audit_diff_str(ctx, &diff, "receipt", "", out->receipt);
	audit_diff_str(ctx, &diff, "due_on", "", out->due_on);
	return app_tx_finish(ctx, "review_request.submit", "public_comment", out->id, NULL, &diff, e);
fail:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_review_request_submit(struct app_ctx *ctx, int64_t case_id,
				      const struct comment_input *in, struct public_comment *out,
				      struct fz_error *e)
{
	struct normdoc d;
	struct case_event_list ev;
	char due[FZ_DATE_LEN];
	enum fz_err rc;
	struct comment_input ci = *in;
	/* the request's text is checked like a comment's, under its own name */
	if (!ci.body || !ci.body[strspn(ci.body, " \t\r\n")])
		return fz_fail(e, FZ_INVALID, "body", "请写明建议审查的内容和理由");
	if ((rc = comment_input_check(&ci, e)))
		return rc;
	if ((rc = app_normcat_get(ctx, case_id, &d, e)))
		return rc;
	if (d.state != NORMDOC_IN_FORCE && d.state != NORMDOC_PENDING) {
		if (d.state == NORMDOC_DRAFTING || d.state == NORMDOC_STOPPED)
			return fz_fail(e, FZ_NOTFOUND, "case_id", "没有这件规范性文件");
		return fz_fail(e, FZ_CONFLICT, "case_id", "该文件%s（%s 起），不再受理审查建议",
			       normdoc_state_label(d.state), d.ended_on);
	}
	if ((rc = ctx->st->ops->case_events(ctx->st, ctx->a, &scope_all, case_id, &ev, e)))
		return rc;
	const struct case_event *pub = case_events_last(ev.items, ev.n, "publish");
	if (!pub)
		return fz_fail(e, FZ_NOTFOUND, "case_id", "没有这件规范性文件");
	if ((rc = review_due(ctx, ctx->today, due, e)))
		return rc;
	bool outer = app_tx_whole(ctx, true);
	do
		rc = review_submit_once(ctx, case_id, pub->id, due, &ci, out, e);
	while (app_tx_again(ctx, rc));
	app_tx_whole(ctx, outer);
	return rc;
}

static enum fz_err supervisor_only(struct app_ctx *ctx, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_REVIEW_REQUEST, "review_request.handle", e);
	return rc ? fz_fail(e, rc, NULL, "审查建议由司法局（执法监督）办理") : FZ_OK;
}

enum fz_err app_review_request_list(struct app_ctx *ctx, bool open_only, struct page pg,
				    struct public_comment_list *out, struct fz_error *e)
{
	enum fz_err rc = supervisor_only(ctx, e);
	if (rc)
		return rc;
	return ctx->st->ops->review_list(ctx->st, ctx->a, &ctx->scope, open_only, pg, out, e);
}

static enum fz_err answer_once(struct app_ctx *ctx, int64_t id, const char *text,
			       struct public_comment *out, struct fz_error *e)
{
	struct public_comment c;
	struct enf_case k;
	enum fz_err rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	rc = ctx->st->ops->comment_get(ctx->st, ctx->a, id, &c, e);
	if (!rc && !c.review)
		rc = fz_fail(e, FZ_NOTFOUND, "id", "没有这件审查建议");
	if (!rc)
		rc = ctx->st->ops->case_get(ctx->st, ctx->a, &ctx->scope, c.case_id, &k, e);
	if (rc == FZ_NOTFOUND)
		rc = fz_fail(e, FZ_NOTFOUND, "id", "没有这件审查建议");
	if (rc)
		goto fail;
	if (c.answer[0]) {
		rc = fz_fail(e, FZ_CONFLICT, "id", "这件审查建议已于 %s 答复", c.answered_on);
		goto fail;
	}
	struct comment_event ev = { .comment_id = c.id, .case_id = c.case_id,
				    .action = comment_action_name(COMMENT_ANSWER), .text = text };
	if ((rc = event_add(ctx, &ev, e)))
		goto fail;
	struct audit_diff diff = { .n = 0 };
	audit_diff_str(ctx, &diff, "answer", "", text);
	if ((rc = app_tx_finish(ctx, "review_request.answer", "public_comment", c.id, NULL, &diff,
				e)))
		return rc;
	return out ? ctx->st->ops->comment_get(ctx->st, ctx->a, id, out, e) : FZ_OK;
fail:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_review_request_answer(struct app_ctx *ctx, int64_t id, const char *text,
				      struct public_comment *out, struct fz_error *e)
{
	enum fz_err rc = supervisor_only(ctx, e);
	if (rc)
		return rc;
	struct comment_input ci = { .body = text };
	if (!text || !text[strspn(text, " \t\r\n")])
		return fz_fail(e, FZ_INVALID, "text", "请填写答复");
	if ((rc = comment_input_check(&ci, e))) {
		snprintf(e->field, sizeof e->field, "text"); /* the answer, not a comment */
		return rc;
	}
	bool outer = app_tx_whole(ctx, true);
	do
		rc = answer_once(ctx, id, text, out, e);
	while (app_tx_again(ctx, rc));
	app_tx_whole(ctx, outer);
	return rc;
}

enum fz_err app_review_request_track(struct app_ctx *ctx, const char *receipt,
				     struct public_comment *out, struct fz_error *e)
{
	char key[COMMENT_RECEIPT_LEN + 1];
	if (!comment_receipt_normalize(receipt, key) || key[0] != 'S')
		return fz_fail(e, FZ_INVALID, "receipt",
			       "回执编号格式不对：应为 SC 开头的 20 位编号，请核对后重新输入");
	enum fz_err rc = ctx->st->ops->comment_by_receipt(ctx->st, ctx->a, key, out, e);
	if (rc == FZ_NOTFOUND || (!rc && !out->review))
		return fz_fail(e, FZ_NOTFOUND, "receipt", "没有这个回执编号的审查建议");
	if (rc)
		return rc;
	out->name = out->contact = out->client_key = "";
	return FZ_OK;
}
