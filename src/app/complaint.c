/* complaint.c - complaints (投诉举报) as use cases: the public's filing
 * and tracking, the justice bureau's entry, acceptance, assignment,
 * return and closing, the agency's answer. Each change is one
 * transaction: the row (the complaint as it stands), an append-only
 * event, its ledger leaf (kind 9) and an audit record. Due dates come
 * from the one clock (domain/clock.c) with the province's complaint
 * periods, which no statute we hold fixes (U): config.txt's
 * complaint_acceptance and complaint_period. Attached files are checked
 * and opened in complaint_attach.c; the public's receipt lookup and the
 * limits per address are in complaint_track.c. */
#include "app/complaint_internal.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/calendar.h"
#include "app/evidence.h"
#include "app/ledger.h"
#include "app/procreg.h"
#include "app/tx.h"
#include "base/crypto.h"
#include "base/date.h"
#include "domain/clock.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

/* The last day of period k counted from day (not counted itself). */
static enum fz_err due_after(struct app_ctx *ctx, const char *day, enum proc_period_key k,
			     char out[FZ_DATE_LEN], bool *provisional, struct fz_error *e)
{
	struct proc_config dflt;
	const struct proc_config *cfg = NULL;
	struct calendar cal;
	struct clock_input in;
	struct deadline d;
	enum fz_err rc;
	if (ctx->cfg->procs)
		cfg = proc_registry_config(ctx->cfg->procs);
	if (!cfg) {
		proc_config_init(&dflt);
		cfg = &dflt;
	}
	if ((rc = app_calendar_get(ctx, &cal, e)))
		return rc;
	clock_input_init(&in, day, cfg->periods[k].unit, cfg->periods[k].amount);
	if ((rc = clock_compute(&cal, &in, ctx->a, &d, e)))
		return rc;
	snprintf(out, FZ_DATE_LEN, "%s", d.due);
	*provisional = *provisional || d.provisional;
	return FZ_OK;
}

/* Appends ev with its ledger leaf. */
static enum fz_err event_add(struct app_ctx *ctx, struct complaint_event *ev, struct fz_error *e)
{
	enum ledger_hash_alg alg;
	unsigned char d[LEDGER_DIGEST_MAX];
	enum fz_err rc;
	ev->at = ctx->now;
	ev->actor_id = ctx->user ? ctx->user->id : 0;
	ev->actor = ctx->actor ? ctx->actor : "";
	if ((rc = ctx->st->ops->complaint_event_insert(ctx->st, ev, e)) ||
	    (rc = app_ledger_alg(ctx, &alg, e)))
		return rc;
	size_t len = app_ledger_complaint_digest(alg, ev, d);
	if (!len)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	return app_ledger_append(ctx, LEDGER_COMPLAINT, ev->id, d, len, NULL, e);
}

/* What the filing says (not who filed it: the ledger holds no name or
 * phone, and only a digest of this), with each attached file's name,
 * kind, size and digest, so that the leaf binds the files too. */
static const char *filing_text(struct app_ctx *ctx, const struct complaint *c,
			       const struct complaint_attach *att, size_t natt)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "投诉事项：%s\n投诉请求：%s", c->facts, c->request);
	for (size_t i = 0; i < natt; i++)
		buf_addf(&b, "\n附件 %zu：%s（%s，%lld 字节，摘要 %s）", i + 1, att[i].row.file_name,
			 att[i].row.media_type, (long long)att[i].row.size, att[i].row.digest);
	const char *s = buf_failed(&b) ? NULL : arena_strdup(ctx->a, buf_cstr(&b));
	buf_release(&b);
	return s;
}

/* Stores a checked filing: receipt, acceptance due date, row, event,
 * leaf, audit, in one transaction. */
static enum fz_err store_filing(struct app_ctx *ctx, struct complaint *c, const char *action,
				struct complaint_attach *att, size_t natt, struct fz_error *e)
{
	unsigned char rnd[CMP_RECEIPT_RANDOM];
	enum fz_err rc;
	if ((rc = due_after(ctx, c->received_on, PROC_PERIOD_COMPLAINT_ACCEPTANCE, c->accept_due,
			    &c->provisional, e)))
		return rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if (c->channel == CMP_CH_PORTAL && (rc = complaint_rate_check_key(ctx, c->client_key, e)))
		goto fail;
	/* 50 random bits: a collision is practically never, but tried again */
	for (int tries = 0;; tries++) {
		if (crypto_random(rnd, sizeof rnd)) {
			rc = fz_fail(e, FZ_INTERNAL, NULL, "无法生成回执编号");
			goto fail;
		}
		complaint_receipt_make(c->received_on, rnd, c->receipt);
		struct complaint other;
		rc = ctx->st->ops->complaint_by_receipt(ctx->st, ctx->a, c->receipt, &other, NULL);
		if (rc == FZ_NOTFOUND)
			break;
		if (rc || tries > 5) {
			rc = rc ? rc : fz_fail(e, FZ_INTERNAL, NULL, "无法生成回执编号");
			goto fail;
		}
	}
	c->state = CMP_RECEIVED;
	c->created_at = c->updated_at = ctx->now;
	if ((rc = ctx->st->ops->complaint_insert(ctx->st, c, e)))
		goto fail;
	for (size_t i = 0; i < natt; i++) {
		att[i].row.complaint_id = c->id;
		att[i].row.created_at = ctx->now;
		if ((rc = app_evidence_place(ctx->cfg->data_dir, att[i].up, att[i].row.digest,
					     att[i].path, &att[i].created, e)) ||
		    (rc = ctx->st->ops->complaint_attachment_insert(ctx->st, &att[i].row, e)))
			goto fail;
	}
	struct complaint_event ev = { .complaint_id = c->id, .action = "file",
				      .text = filing_text(ctx, c, att, natt), .state = "received" };
	snprintf(ev.on, sizeof ev.on, "%s", c->received_on);
	if (!ev.text) {
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
		goto fail;
	}
	if ((rc = event_add(ctx, &ev, e)))
		goto fail;
	struct audit_diff diff = { .n = 0 };
	audit_diff_str(ctx, &diff, "channel", "", complaint_channel_name(c->channel));
	audit_diff_int(ctx, &diff, "agency_id", 0, c->agency_id);
	if (natt)
		audit_diff_int(ctx, &diff, "attachments", 0, (int64_t)natt);
	if ((rc = app_tx_finish(ctx, action, "complaint", c->id, NULL, &diff, e)))
		goto unplace;
	/* the row as stored, every string set */
	char key[sizeof c->receipt];
	memcpy(key, c->receipt, sizeof key);
	return ctx->st->ops->complaint_by_receipt(ctx->st, ctx->a, key, c, e);
fail:
	app_tx_abort(ctx);
unplace:
	/* a file this call put in place is referenced by no row */
	for (size_t i = 0; i < natt; i++)
		if (att[i].created)
			unlink(att[i].path);
	return rc;
}

/* Checks in, fills c. The agency must exist (within scope when sc). */
static enum fz_err take_input(struct app_ctx *ctx, const struct complaint_input *in,
			      const struct scope *sc, struct complaint *c, struct fz_error *e)
{
	char *cert = arena_alloc(ctx->a, 64);
	char *phone = arena_alloc(ctx->a, 24);
	struct agency ag;
	enum fz_err rc;
	if (!cert || !phone)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	if ((rc = complaint_input_check(in, cert, 64, phone, e)))
		return rc;
	rc = ctx->st->ops->agency_get(ctx->st, ctx->a, sc, in->agency_id, &ag, NULL);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_INVALID, "agency_id",
			       sc == &scope_all ? "所选的执法机关不存在，请从列表中选择"
						: "所选的执法机关不在本辖区，请从列表中选择");
	if (rc)
		return fz_fail(e, rc, NULL, NULL);
	memset(c, 0, sizeof *c);
	c->anonymous = in->anonymous;
	c->name = in->anonymous ? "" : in->name;
	c->phone = phone;
	c->agency_id = ag.id;
	c->agency = ag.name;
	c->cert_number = cert;
	c->officer_name = in->officer_name ? in->officer_name : "";
	c->case_number = in->case_number ? in->case_number : "";
	c->facts = in->facts;
	c->request = in->request;
	return FZ_OK;
}

enum fz_err app_complaint_file(struct app_ctx *ctx, const struct complaint_input *in,
			       struct complaint *out, struct fz_error *e)
{
	return app_complaint_file_with(ctx, in, NULL, 0, out, e);
}

enum fz_err app_complaint_file_with(struct app_ctx *ctx, const struct complaint_input *in,
				    struct complaint_file *files, size_t nfiles,
				    struct complaint *out, struct fz_error *e)
{
	struct complaint_attach *att = nfiles ? arena_calloc(ctx->a, nfiles, sizeof *att) : NULL;
	char key[65];
	enum fz_err rc = nfiles && !att ? fz_fail(e, FZ_NOMEM, NULL, NULL) : FZ_OK;
	if (!rc)
		rc = take_input(ctx, in, &scope_all, out, e);
	if (!rc)
		rc = complaint_files_check(ctx, files, nfiles, att, e);
	if (!rc) {
		out->channel = CMP_CH_PORTAL;
		snprintf(out->received_on, sizeof out->received_on, "%s", ctx->today);
		complaint_client_key(ctx->client_addr, key);
		out->client_key = arena_strdup(ctx->a, key);
		if (!out->client_key)
			rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
	}
	if (!rc) {
		const char *actor = ctx->actor;
		if (!ctx->user)
			ctx->actor = "（公众）";
		rc = store_filing(ctx, out, "complaint.file", att, nfiles, e);
		ctx->actor = actor;
	}
	for (size_t i = 0; i < nfiles; i++)
		if (files[i].up)
			app_evidence_upload_abort(files[i].up);
	return rc;
}

enum fz_err app_complaint_agencies(struct app_ctx *ctx, struct agency_list *out,
				   struct fz_error *e)
{
	struct agency_filter f;
	memset(&f, 0, sizeof f);
	return ctx->st->ops->agency_list(ctx->st, ctx->a, &scope_all, &f,
					 (struct page){ .offset = 0, .limit = 200 }, out, e);
}

enum fz_err app_complaint_enter(struct app_ctx *ctx, const struct complaint_input *in,
				struct complaint *out, struct fz_error *e)
{
	enum fz_err rc;
	if ((rc = app_require(ctx, PERM_COMPLAINT_ENTER, "complaint.enter", e)))
		return rc;
	int ch = complaint_channel_parse(in->channel);
	if (!ch || ch == CMP_CH_PORTAL)
		return fz_fail(e, FZ_INVALID, "channel",
			       "请选择投诉来源：电话、来信、12345 热线转办或来访");
	const char *day = in->received_on && *in->received_on ? in->received_on : ctx->today;
	if (!date_parse(day, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "received_on", "收到日期应为有效日期（YYYY-MM-DD）");
	if (strcmp(day, ctx->today) > 0)
		return fz_fail(e, FZ_INVALID, "received_on", "收到日期不能晚于今天");
	if ((rc = take_input(ctx, in, &ctx->scope, out, e)))
		return rc;
	out->channel = (enum complaint_channel)ch;
	snprintf(out->received_on, sizeof out->received_on, "%s", day);
	out->client_key = "";
	out->created_by = ctx->user ? ctx->user->id : 0;
	return store_filing(ctx, out, "complaint.enter", NULL, 0, e);
}

enum fz_err app_complaint_get(struct app_ctx *ctx, int64_t id, struct complaint *out,
			      struct complaint_event **events, size_t *nevents,
			      struct fz_error *e)
{
	enum fz_err rc;
	if ((rc = app_require(ctx, PERM_COMPLAINT_READ, "complaint.read", e)) ||
	    (rc = ctx->st->ops->complaint_get(ctx->st, ctx->a, &ctx->scope, id, out, e)))
		return rc;
	if (events)
		return ctx->st->ops->complaint_events_of(ctx->st, ctx->a, id, events, nevents, e);
	return FZ_OK;
}

enum fz_err app_complaint_list(struct app_ctx *ctx, const struct complaint_filter *f,
			       struct page pg, struct complaint_list *out, struct fz_error *e)
{
	struct complaint_filter g = *f;
	enum fz_err rc = app_require(ctx, PERM_COMPLAINT_READ, "complaint.read", e);
	if (rc)
		return rc;
	snprintf(g.today, sizeof g.today, "%s", ctx->today);
	return ctx->st->ops->complaint_list(ctx->st, ctx->a, &g, &ctx->scope, pg, out, e);
}

bool app_complaint_may(const struct app_ctx *ctx, const struct complaint *c,
		       enum complaint_action a)
{
	if (!ctx->user || !complaint_action_allowed(c->state, a))
		return false;
	bool own = c->handler_id && ctx->user->agency_id == c->handler_id;
	return complaint_role_may(ctx->user->roles, own, a);
}

/* The date of the action: given or today, a real date, not in the future,
 * not before the complaint or its last action. */
static enum fz_err act_day(struct app_ctx *ctx, const struct complaint *c,
			   const struct complaint_event *evs, size_t n, const char *on,
			   char out[FZ_DATE_LEN], struct fz_error *e)
{
	const char *day = on && *on ? on : ctx->today;
	if (!date_parse(day, NULL, NULL, NULL))
		return fz_fail(e, FZ_INVALID, "on", "日期应为有效日期（YYYY-MM-DD）");
	if (strcmp(day, ctx->today) > 0)
		return fz_fail(e, FZ_INVALID, "on", "日期不能晚于今天");
	if (strcmp(day, c->received_on) < 0)
		return fz_fail(e, FZ_INVALID, "on", "日期不能早于收到投诉的日期 %s", c->received_on);
	if (n && strcmp(day, evs[n - 1].on) < 0)
		return fz_fail(e, FZ_INVALID, "on", "日期不能早于上一步办理的日期 %s", evs[n - 1].on);
	snprintf(out, FZ_DATE_LEN, "%s", day);
	return FZ_OK;
}

/* The action's own input and its effect on the row. */
static enum fz_err apply(struct app_ctx *ctx, struct complaint *c, const struct complaint_act *in,
			 const char *day, struct complaint_event *ev, struct fz_error *e)
{
	enum fz_err rc;
	struct agency ag;
	switch (in->action) {
	case CMP_ACT_ACCEPT:
		if (in->agency_id <= 0)
			return fz_fail(e, FZ_INVALID, "agency_id", "请选择负责办理的执法机关");
		rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, in->agency_id, &ag, NULL);
		if (rc == FZ_NOTFOUND)
			return fz_fail(e, FZ_INVALID, "agency_id",
				       "负责办理的机关应为本辖区内的执法机关，请从列表中选择");
		if (rc)
			return fz_fail(e, rc, NULL, NULL);
		c->handler_id = ag.id;
		c->handler = ag.name;
		snprintf(c->accepted_on, sizeof c->accepted_on, "%s", day);
		c->provisional = false;
		if ((rc = due_after(ctx, day, PROC_PERIOD_COMPLAINT, c->due_on, &c->provisional, e)))
			return rc;
		ev->agency_id = ag.id;
		ev->text = "";
		return FZ_OK;
	case CMP_ACT_REJECT:
		if ((rc = complaint_text_check(in->text, CMP_REASON_MAX, "text", "不予受理的理由", e)))
			return rc;
		c->reason = in->text;
		snprintf(c->closed_on, sizeof c->closed_on, "%s", day);
		ev->text = in->text;
		return FZ_OK;
	case CMP_ACT_REPLY:
		if ((rc = complaint_text_check(in->text, CMP_TEXT_MAX, "text", "答复内容", e)))
			return rc;
		c->reply = in->text;
		snprintf(c->replied_on, sizeof c->replied_on, "%s", day);
		ev->text = in->text;
		return FZ_OK;
	case CMP_ACT_RETURN:
		if ((rc = complaint_text_check(in->text, CMP_REASON_MAX, "text", "退回重办的理由", e)))
			return rc;
		/* the agency answers again within the same period (U: a return
		 * that restarts the period would be the province's rule) */
		c->reason = in->text;
		c->reply = "";
		c->replied_on[0] = '\0';
		ev->text = in->text;
		return FZ_OK;
	case CMP_ACT_CLOSE:
		snprintf(c->closed_on, sizeof c->closed_on, "%s", day);
		ev->text = "";
		return FZ_OK;
	case CMP_ACT_FILE:
		break;
	}
	return fz_fail(e, FZ_INVALID, "action", "不支持的办理操作");
}

static const char *who_may(enum complaint_action a)
{
	return a == CMP_ACT_REPLY ? "负责办理机关的负责人或法制审核人员"
				  : "司法局执法监督人员";
}

static enum fz_err act_once(struct app_ctx *ctx, int64_t id, const struct complaint_act *in,
			    struct complaint *out, struct fz_error *e)
{
	struct complaint c;
	struct complaint_event *evs;
	size_t n;
	char day[FZ_DATE_LEN];
	enum fz_err rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = ctx->st->ops->complaint_get(ctx->st, ctx->a, &ctx->scope, id, &c, e)) ||
	    (rc = ctx->st->ops->complaint_events_of(ctx->st, ctx->a, id, &evs, &n, e)))
		goto fail;
	enum complaint_state was = c.state;
	const char *label = complaint_action_label(in->action);
	if (!label) {
		rc = fz_fail(e, FZ_INVALID, "action", "不支持的办理操作");
		goto fail;
	}
	bool own = ctx->user && c.handler_id && ctx->user->agency_id == c.handler_id;
	if (!complaint_action_allowed(c.state, in->action)) {
		rc = fz_fail(e, FZ_CONFLICT, "state", "该投诉当前为“%s”，不能%s",
			     complaint_state_label(c.state), label);
		goto fail;
	}
	if (!ctx->cli && !(ctx->user && complaint_role_may(ctx->user->roles, own, in->action))) {
		rc = fz_fail(e, FZ_FORBIDDEN, NULL, "「%s」须由%s进行", label, who_may(in->action));
		goto fail;
	}
	if ((rc = act_day(ctx, &c, evs, n, in->on, day, e)))
		goto fail;
	struct complaint_event ev = { .complaint_id = c.id,
				      .action = complaint_action_name(in->action) };
	snprintf(ev.on, sizeof ev.on, "%s", day);
	if ((rc = apply(ctx, &c, in, day, &ev, e)))
		goto fail;
	c.state = complaint_state_after(c.state, in->action);
	c.updated_at = ctx->now;
	ev.state = complaint_state_name(c.state);
	if ((rc = ctx->st->ops->complaint_update(ctx->st, &c, e)) || (rc = event_add(ctx, &ev, e)))
		goto fail;
	struct audit_diff diff = { .n = 0 };
	audit_diff_str(ctx, &diff, "state", complaint_state_name(was), ev.state);
	if (in->action == CMP_ACT_ACCEPT)
		audit_diff_int(ctx, &diff, "handler_id", 0, c.handler_id);
	char action[40];
	snprintf(action, sizeof action, "complaint.%s", ev.action);
	if ((rc = app_tx_finish(ctx, action, "complaint", c.id, NULL, &diff, e)))
		return rc;
	if (out)
		*out = c;
	return FZ_OK;
fail:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_complaint_act(struct app_ctx *ctx, int64_t id, const struct complaint_act *in,
			      struct complaint *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_COMPLAINT_ACT, "complaint.act", e);
	if (rc)
		return rc;
	bool outer = app_tx_whole(ctx, true);
	do
		rc = act_once(ctx, id, in, out, e);
	while (app_tx_again(ctx, rc));
	app_tx_whole(ctx, outer);
	return rc;
}

void app_complaint_mine(const struct app_ctx *ctx, struct complaint_filter *f)
{
	if (ctx->user && (ctx->user->roles & ROLE_SUPERVISOR)) {
		f->bureau_turn = true;
		f->bureau_agency = ctx->user->agency_id;
	} else {
		f->state = CMP_ASSIGNED;
		f->handler_id = ctx->user ? ctx->user->agency_id : -1;
	}
}

enum fz_err app_complaint_counts(struct app_ctx *ctx, struct complaint_counts *out,
				 struct fz_error *e)
{
	struct complaint_filter f = { .open = true };
	char soon[FZ_DATE_LEN];
	memset(out, 0, sizeof *out);
	if (!ctx->user || !authz_allows(ctx->user->roles, PERM_COMPLAINT_READ))
		return FZ_OK;
	if (!date_add_days(ctx->today, COMPLAINT_DUE_SOON_DAYS, soon))
		return fz_fail(e, FZ_INTERNAL, NULL, NULL);
	for (int64_t off = 0;; off += 200) {
		struct complaint_list l;
		struct page pg = { .offset = off, .limit = 200 };
		enum fz_err rc = app_complaint_list(ctx, &f, pg, &l, e);
		if (rc)
			return rc;
		for (size_t i = 0; i < l.n; i++) {
			const struct complaint *c = &l.items[i];
			if (app_complaint_may(ctx, c, CMP_ACT_ACCEPT) ||
			    app_complaint_may(ctx, c, CMP_ACT_REPLY) ||
			    app_complaint_may(ctx, c, CMP_ACT_CLOSE))
				out->waiting++;
			const char *due = complaint_due_now(c);
			if (complaint_overdue(c, ctx->today))
				out->overdue++;
			else if (due[0] && strcmp(due, soon) <= 0)
				out->due_soon++;
		}
		if (l.n < 200)
			return FZ_OK;
	}
}
