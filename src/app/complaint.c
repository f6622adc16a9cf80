/* complaint.c - complaints (投诉举报) as use cases: the public's filing
 * and tracking, the justice bureau's entry, acceptance, assignment,
 * return and closing, the agency's answer. Each change is one
 * transaction: the row (the complaint as it stands), an append-only
 * event, its ledger leaf (kind 9) and an audit record. Due dates come
 * from the one clock (domain/clock.c) with the province's complaint
 * periods, which no statute we hold fixes (U): config.txt's
 * complaint_acceptance and complaint_period. */
#include "app/complaint.h"

#include <fcntl.h>
#include <limits.h>
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

/* The filing address as a digest: counted for the rate limit, never shown. */
static void client_key(const char *addr, char out[65])
{
	unsigned char h[32];
	const char *s = addr ? addr : "";
	crypto_sha256(s, strlen(s), h);
	crypto_hex(h, sizeof h, out);
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

/* A file checked for attaching: its row (complaint_id set on storing). */
struct attach {
	struct complaint_attachment row;
	struct evidence_upload *up;
	char path[PATH_MAX];
	bool created;
};

/* What the filing says (not who filed it: the ledger holds no name or
 * phone, and only a digest of this), with each attached file's name,
 * kind, size and digest, so that the leaf binds the files too. */
static const char *filing_text(struct app_ctx *ctx, const struct complaint *c,
			       const struct attach *att, size_t natt)
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
				struct attach *att, size_t natt, struct fz_error *e)
{
	unsigned char rnd[CMP_RECEIPT_RANDOM];
	enum fz_err rc;
	if ((rc = due_after(ctx, c->received_on, PROC_PERIOD_COMPLAINT_ACCEPTANCE, c->accept_due,
			    &c->provisional, e)))
		return rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if (c->channel == CMP_CH_PORTAL) {
		int64_t n = 0;
		if ((rc = ctx->st->ops->complaint_recent(ctx->st, c->client_key,
							 ctx->now - COMPLAINT_RATE_WINDOW, &n, e)))
			goto fail;
		if (n >= COMPLAINT_RATE_MAX) {
			rc = fz_fail(e, FZ_RATELIMIT, "rate",
				     "同一网络地址一天内最多提交 %d 件投诉，请明天再提交，"
				     "或拨打司法局电话反映",
				     COMPLAINT_RATE_MAX);
			goto fail;
		}
	}
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
	enum fz_err rc;
	char key[65];
	if ((rc = take_input(ctx, in, &scope_all, out, e)))
		return rc;
	out->channel = CMP_CH_PORTAL;
	snprintf(out->received_on, sizeof out->received_on, "%s", ctx->today);
	client_key(ctx->client_addr, key);
	out->client_key = arena_strdup(ctx->a, key);
	if (!out->client_key)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	const char *actor = ctx->actor;
	if (!ctx->user)
		ctx->actor = "（公众）";
	rc = store_filing(ctx, out, "complaint.file", NULL, 0, e);
	ctx->actor = actor;
	return rc;
}

/* The last part of a name a browser may send with its path. */
static const char *base_name(const char *name)
{
	const char *s = name ? name : "";
	const char *slash = strrchr(s, '/');
	const char *back = strrchr(s, '\\');
	if (back && (!slash || back > slash))
		slash = back;
	return slash ? slash + 1 : s;
}

/* Checks the files (count, sizes, kind by content, names) into att. */
static enum fz_err files_check(struct app_ctx *ctx, struct complaint_file *files, size_t n,
			       struct attach *att, struct fz_error *e)
{
	enum ledger_hash_alg alg;
	int64_t total = 0;
	enum fz_err rc;
	if (n > CMP_FILES_MAX)
		return fz_fail(e, FZ_INVALID, "files", "最多可附 %d 个文件，请删去多余的", CMP_FILES_MAX);
	if ((rc = app_ledger_alg(ctx, &alg, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct evidence_upload *up = files[i].up;
		const char *name = base_name(files[i].name);
		if (!up || up->fd >= 0 || !up->digest_len || up->digest_len != ledger_hash_size(alg))
			return fz_fail(e, FZ_INTERNAL, NULL, "内部错误：附件尚未接收完");
		if (up->size <= 0)
			return fz_fail(e, FZ_INVALID, "files", "附件“%s”是空文件，请另选文件", name);
		if (up->size > CMP_FILE_MAX)
			return fz_fail(e, FZ_TOOLARGE, "files",
				       "附件“%s”过大：每个文件不能超过 %lld MiB", name,
				       (long long)(CMP_FILE_MAX >> 20));
		total += up->size;
		if (total > CMP_FILES_TOTAL_MAX)
			return fz_fail(e, FZ_TOOLARGE, "files", "附件合计不能超过 %lld MiB",
				       (long long)(CMP_FILES_TOTAL_MAX >> 20));
		const char *type = complaint_attachment_type(up->head, up->head_len);
		if ((rc = complaint_attachment_name_check(name, type, "files", e)))
			return rc;
		memset(&att[i], 0, sizeof att[i]);
		att[i].up = up;
		att[i].row.file_name = name;
		att[i].row.media_type = type;
		att[i].row.size = up->size;
		crypto_hex(up->digest, up->digest_len, att[i].row.digest);
	}
	return FZ_OK;
}

enum fz_err app_complaint_file_with(struct app_ctx *ctx, const struct complaint_input *in,
				    struct complaint_file *files, size_t nfiles,
				    struct complaint *out, struct fz_error *e)
{
	struct attach *att = nfiles ? arena_calloc(ctx->a, nfiles, sizeof *att) : NULL;
	char key[65];
	enum fz_err rc = nfiles && !att ? fz_fail(e, FZ_NOMEM, NULL, NULL) : FZ_OK;
	if (!rc)
		rc = take_input(ctx, in, &scope_all, out, e);
	if (!rc)
		rc = files_check(ctx, files, nfiles, att, e);
	if (!rc) {
		out->channel = CMP_CH_PORTAL;
		snprintf(out->received_on, sizeof out->received_on, "%s", ctx->today);
		client_key(ctx->client_addr, key);
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

enum fz_err app_complaint_rate_check(struct app_ctx *ctx, struct fz_error *e)
{
	char key[65];
	int64_t n = 0;
	client_key(ctx->client_addr, key);
	enum fz_err rc = ctx->st->ops->complaint_recent(ctx->st, key,
							ctx->now - COMPLAINT_RATE_WINDOW, &n, e);
	if (rc)
		return rc;
	if (n >= COMPLAINT_RATE_MAX)
		return fz_fail(e, FZ_RATELIMIT, "rate",
			       "同一网络地址一天内最多提交 %d 件投诉，请明天再提交，"
			       "或拨打司法局电话反映",
			       COMPLAINT_RATE_MAX);
	return FZ_OK;
}

enum fz_err app_complaint_attachments(struct app_ctx *ctx, int64_t id,
				      struct complaint_attachment **items, size_t *n,
				      struct fz_error *e)
{
	struct complaint c;
	enum fz_err rc;
	*items = NULL;
	*n = 0;
	if ((rc = app_complaint_get(ctx, id, &c, NULL, NULL, e)))
		return rc;
	return ctx->st->ops->complaint_attachments_of(ctx->st, ctx->a, id, items, n, e);
}

enum fz_err app_complaint_attachment_open(struct app_ctx *ctx, int64_t id, int64_t att_id,
					  struct complaint_attachment *out, int *fd,
					  struct fz_error *e)
{
	struct complaint_attachment *items;
	size_t n;
	char path[PATH_MAX];
	*fd = -1;
	enum fz_err rc = app_complaint_attachments(ctx, id, &items, &n, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (items[i].id != att_id)
			continue;
		*out = items[i];
		if ((rc = app_evidence_path(ctx->cfg->data_dir, out->digest, path, e)))
			return rc;
		*fd = open(path, O_RDONLY | O_CLOEXEC);
		if (*fd < 0)
			return fz_fail(e, FZ_IO, "file", "附件文件缺失或无法读取");
		return FZ_OK;
	}
	return fz_fail(e, FZ_NOTFOUND, "id", "附件不存在");
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

/* A lookup that found nothing, counted for the address (its own small
 * transaction: the answer is a refusal, and the count must stay). */
static void lookup_failed(struct app_ctx *ctx, const char *key)
{
	struct fz_error ignore = { 0 };
	if (app_tx_begin(ctx, &ignore))
		return;
	if (ctx->st->ops->complaint_lookup_add(ctx->st, key, ctx->now,
					       ctx->now - COMPLAINT_TRACK_WINDOW, &ignore) ||
	    app_tx_commit(ctx, &ignore))
		app_tx_abort(ctx);
}

static enum fz_err track_once(struct app_ctx *ctx, const char *receipt, const char *phone4,
			      struct complaint *out, struct fz_error *e)
{
	char norm[CMP_RECEIPT_LEN + 1];
	static const char nomatch[] =
		"未查到与该回执编号和电话后四位相符的投诉，请核对后重新查询";
	if (!complaint_receipt_normalize(receipt, norm))
		return fz_fail(e, FZ_INVALID, "receipt",
			       "回执编号有误，请核对（形如 TS20261206-ABCDE23456K，共 22 位）");
	enum fz_err rc = ctx->st->ops->complaint_by_receipt(ctx->st, ctx->a, norm, out, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_NOTFOUND, "receipt", "%s", nomatch);
	if (rc)
		return rc;
	size_t n = strlen(out->phone);
	const char *p4 = phone4 ? phone4 : "";
	if (n >= 4 && (strlen(p4) != 4 || memcmp(out->phone + n - 4, p4, 4) != 0)) {
		memset(out, 0, sizeof *out);
		return fz_fail(e, FZ_NOTFOUND, "receipt", "%s", nomatch);
	}
	return FZ_OK;
}

enum fz_err app_complaint_track(struct app_ctx *ctx, const char *receipt, const char *phone4,
				struct complaint *out, struct fz_error *e)
{
	char key[65];
	int64_t failed = 0;
	memset(out, 0, sizeof *out);
	client_key(ctx->client_addr, key);
	enum fz_err rc = ctx->st->ops->complaint_lookup_count(
		ctx->st, key, ctx->now - COMPLAINT_TRACK_WINDOW, &failed, e);
	if (rc)
		return rc;
	if (failed >= COMPLAINT_TRACK_FAIL_MAX)
		return fz_fail(e, FZ_RATELIMIT, "rate",
			       "查询未果的次数过多：同一网络地址一小时内最多可查询未果 %d 次，"
			       "请一小时后再查询，或拨打司法局电话询问办理进度",
			       COMPLAINT_TRACK_FAIL_MAX);
	rc = track_once(ctx, receipt, phone4, out, e);
	if (rc == FZ_INVALID || rc == FZ_NOTFOUND)
		lookup_failed(ctx, key);
	return rc;
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
