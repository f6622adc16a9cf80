/* powerlist.c - the power-and-responsibility list (权责清单) as use
 * cases: drafting and publishing a version (authorised, in one write
 * transaction with its audit record and, for a publication, its ledger
 * leaf), and what the portal reads: the version in force on a day, the
 * history, the comparison of two versions, the agencies with their
 * officers. */
#include "app/powerlist.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/ledger.h"
#include "app/tx.h"
#include "base/date.h"
#include "domain/certificate.h"
#include "ledger/leaf.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

void app_power_list_encode(const struct power_list *pl, struct buf *b)
{
	canon_str(b, "fazhi.power_list.v1");
	canon_int(b, pl->id);
	canon_int(b, pl->agency_id);
	canon_int(b, pl->version);
	canon_str(b, pl->effective_on);
	canon_str(b, pl->published_on);
	canon_int(b, pl->published_at);
	canon_int(b, pl->published_by);
	canon_str(b, pl->publisher ? pl->publisher : "");
	canon_str(b, pl->backdate_reason ? pl->backdate_reason : "");
	canon_str(b, pl->note ? pl->note : "");
	canon_int(b, (int64_t)pl->n_items);
	for (size_t i = 0; i < pl->n_items; i++) {
		const struct power_item *it = &pl->items[i];
		canon_int(b, it->seq);
		canon_str(b, it->code);
		canon_str(b, it->name);
		canon_str(b, it->kind);
		canon_str(b, it->basis);
		canon_int(b, it->unit_id);
		canon_str(b, it->unit ? it->unit : "");
		canon_str(b, it->duty);
		canon_str(b, it->accountability);
		canon_str(b, it->guide ? it->guide : "");
	}
}

/* The agency, in the caller's scope (FZ_NOTFOUND outside it). */
static enum fz_err agency_in_scope(struct app_ctx *ctx, int64_t agency_id, struct agency *ag,
				   struct fz_error *e)
{
	enum fz_err rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &ctx->scope, agency_id, ag, e);
	if (rc == FZ_NOTFOUND)
		return fz_fail(e, FZ_NOTFOUND, "agency_id", "执法主体不存在或不在您的管理范围内");
	return rc;
}

/* Checks the powers and fills each one's unit name from the record: a
 * unit named by id must be a unit of the agency. Copies into the arena. */
static enum fz_err items_prepare(struct app_ctx *ctx, int64_t agency_id,
				 const struct power_item *in, size_t n, struct power_item **out,
				 struct fz_error *e)
{
	enum fz_err rc = power_items_check(in, n, e);
	if (rc)
		return rc;
	struct power_item *v = arena_calloc(ctx->a, n + 1, sizeof *v);
	if (!v)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		v[i] = in[i];
		v[i].seq = (int64_t)i + 1;
		v[i].unit = "";
		if (!v[i].guide)
			v[i].guide = "";
		if (in[i].unit_id) {
			struct unit u;
			rc = ctx->st->ops->unit_get(ctx->st, ctx->a, &scope_all, in[i].unit_id, &u, e);
			if (rc == FZ_NOTFOUND || (!rc && u.agency_id != agency_id))
				return fz_fail(e, FZ_INVALID, "items",
					       "第 %zu 项（%s）的实施机构不是本执法主体的内设机构", i + 1,
					       in[i].code);
			if (rc)
				return rc;
			v[i].unit = u.name;
		}
	}
	*out = v;
	return FZ_OK;
}

static enum fz_err reread(struct app_ctx *ctx, int64_t id, struct power_list *out,
			  struct fz_error *e)
{
	return out ? ctx->st->ops->power_list_get(ctx->st, ctx->a, id, out, e) : FZ_OK;
}

enum fz_err app_power_draft_create(struct app_ctx *ctx, int64_t agency_id, const char *note,
				   const struct power_item *items, size_t n_items,
				   struct power_list *out, struct fz_error *e)
{
	struct agency ag;
	struct power_list pl = { .agency_id = agency_id, .note = note ? note : "" };
	struct power_item *v = NULL;
	size_t n = n_items;
	enum fz_err rc = app_require(ctx, PERM_POWER_DRAFT, "power_list.draft", e);
	if (rc)
		return rc;
	if (strlen(pl.note) > POWER_TEXT_MAX)
		return fz_fail(e, FZ_INVALID, "note", "修订说明过长");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = agency_in_scope(ctx, agency_id, &ag, e)))
		goto abort;
	if (!items) {
		struct power_list cur;
		rc = ctx->st->ops->power_list_in_force(ctx->st, ctx->a, agency_id, "9999-12-31",
						       &cur, e);
		if (rc && rc != FZ_NOTFOUND)
			goto abort;
		items = rc ? NULL : cur.items;
		n = rc ? 0 : cur.n_items;
		fz_error_clear(e);
	}
	if ((rc = items_prepare(ctx, agency_id, items, n, &v, e)))
		goto abort;
	pl.created_by = ctx->user ? ctx->user->id : 0;
	if ((rc = ctx->st->ops->power_list_insert(ctx->st, &pl, e)))
		goto abort;
	if ((rc = ctx->st->ops->power_items_replace(ctx->st, pl.id, v, n, e)))
		goto abort;
	char msg[160];
	snprintf(msg, sizeof msg, "%s 权责清单第 %lld 版草稿，%zu 项职权", ag.name,
		 (long long)pl.version, n);
	if ((rc = app_tx_finish(ctx, "power_list.draft", "power_list", pl.id, msg, NULL, e)))
		return rc;
	return reread(ctx, pl.id, out, e);
abort:
	app_tx_abort(ctx);
	return rc;
}

/* The version list_id for a write: exists, its agency in scope, still a
 * draft. */
static enum fz_err draft_for_write(struct app_ctx *ctx, int64_t list_id, struct power_list *pl,
				   struct fz_error *e)
{
	struct agency ag;
	enum fz_err rc = ctx->st->ops->power_list_get(ctx->st, ctx->a, list_id, pl, e);
	if (rc)
		return rc;
	if ((rc = agency_in_scope(ctx, pl->agency_id, &ag, e)))
		return rc == FZ_NOTFOUND ? fz_fail(e, FZ_NOTFOUND, "id", "权责清单版本不存在") : rc;
	if (pl->published)
		return fz_fail(e, FZ_FORBIDDEN, "id",
			       "已发布的权责清单不能修改，请起草新版本（第 %lld 版已于 %s 发布）",
			       (long long)pl->version, pl->published_on);
	return FZ_OK;
}

enum fz_err app_power_draft_update(struct app_ctx *ctx, int64_t list_id, const char *note,
				   const struct power_item *items, size_t n_items,
				   struct power_list *out, struct fz_error *e)
{
	struct power_list pl;
	struct power_item *v = NULL;
	enum fz_err rc = app_require(ctx, PERM_POWER_DRAFT, "power_list.update", e);
	if (rc)
		return rc;
	if (note && strlen(note) > POWER_TEXT_MAX)
		return fz_fail(e, FZ_INVALID, "note", "修订说明过长");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = draft_for_write(ctx, list_id, &pl, e)))
		goto abort;
	if (items && (rc = items_prepare(ctx, pl.agency_id, items, n_items, &v, e)))
		goto abort;
	if (note && (rc = ctx->st->ops->power_list_note_set(ctx->st, list_id, note, e)))
		goto abort;
	if (items && (rc = ctx->st->ops->power_items_replace(ctx->st, list_id, v, n_items, e)))
		goto abort;
	char msg[120];
	snprintf(msg, sizeof msg, "第 %lld 版草稿：%zu 项职权", (long long)pl.version,
		 items ? n_items : pl.n_items);
	if ((rc = app_tx_finish(ctx, "power_list.update", "power_list", list_id, msg, NULL, e)))
		return rc;
	return reread(ctx, list_id, out, e);
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_power_publish(struct app_ctx *ctx, int64_t list_id, const char *effective_on,
			      const char *reason, struct power_list *out, struct fz_error *e)
{
	struct power_list pl, prev;
	enum fz_err rc = app_require(ctx, PERM_POWER_PUBLISH, "power_list.publish", e);
	if (rc)
		return rc;
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	if ((rc = draft_for_write(ctx, list_id, &pl, e)))
		goto abort;
	if (pl.n_items == 0) {
		rc = fz_fail(e, FZ_INVALID, "items", "草稿中没有职权事项，不能发布");
		goto abort;
	}
	rc = ctx->st->ops->power_list_in_force(ctx->st, ctx->a, pl.agency_id, "9999-12-31", &prev,
					       e);
	if (rc && rc != FZ_NOTFOUND)
		goto abort;
	const char *prev_on = rc ? "" : prev.effective_on;
	fz_error_clear(e);
	if ((rc = power_publish_check(effective_on, ctx->today, reason, prev_on, e)))
		goto abort;
	snprintf(pl.effective_on, sizeof pl.effective_on, "%s", effective_on);
	snprintf(pl.published_on, sizeof pl.published_on, "%s", ctx->today);
	pl.published_at = ctx->now;
	pl.published_by = ctx->user ? ctx->user->id : 0;
	pl.publisher = ctx->actor ? ctx->actor : "";
	/* the reason is kept only when it explains a backdated date */
	pl.backdate_reason = strcmp(effective_on, ctx->today) < 0 && reason ? reason : "";
	pl.published = true;
	if ((rc = ctx->st->ops->power_list_publish(ctx->st, &pl, e)))
		goto abort;
	/* the leaf digests the version as stored */
	struct power_list stored;
	if ((rc = ctx->st->ops->power_list_get(ctx->st, ctx->a, list_id, &stored, e)))
		goto abort;
	enum ledger_hash_alg alg;
	if ((rc = app_ledger_alg(ctx, &alg, e)))
		goto abort;
	struct buf b = BUF_INIT;
	unsigned char d[LEDGER_DIGEST_MAX];
	app_power_list_encode(&stored, &b);
	size_t len = buf_failed(&b) ? 0 : ledger_digest(alg, b.data, b.len, d);
	buf_release(&b);
	if (!len) {
		rc = fz_fail(e, FZ_NOMEM, NULL, NULL);
		goto abort;
	}
	if ((rc = app_ledger_append(ctx, LEDGER_POWER_LIST, list_id, d, len, NULL, e)))
		goto abort;
	char msg[200];
	snprintf(msg, sizeof msg, "第 %lld 版，%zu 项职权，%s 起生效%s", (long long)pl.version,
		 pl.n_items, pl.effective_on, pl.backdate_reason[0] ? "（溯及既往，已说明理由）" : "");
	if ((rc = app_tx_finish(ctx, "power_list.publish", "power_list", list_id, msg, NULL, e)))
		return rc;
	return reread(ctx, list_id, out, e);
abort:
	app_tx_abort(ctx);
	return rc;
}

enum fz_err app_power_list_get(struct app_ctx *ctx, int64_t id, bool public,
			       struct power_list *out, struct fz_error *e)
{
	enum fz_err rc;
	if (!public && (rc = app_require(ctx, PERM_POWER_DRAFT, "power_list.read", e)))
		return rc;
	if ((rc = ctx->st->ops->power_list_get(ctx->st, ctx->a, id, out, e)))
		return rc;
	if (public) {
		if (!out->published)
			return fz_fail(e, FZ_NOTFOUND, "id", "权责清单版本不存在或尚未发布");
		return FZ_OK;
	}
	struct agency ag;
	rc = agency_in_scope(ctx, out->agency_id, &ag, e);
	return rc == FZ_NOTFOUND ? fz_fail(e, FZ_NOTFOUND, "id", "权责清单版本不存在") : rc;
}

enum fz_err app_power_list_versions(struct app_ctx *ctx, int64_t agency_id, bool public,
				    struct page pg, struct power_list_list *out,
				    struct fz_error *e)
{
	enum fz_err rc;
	struct agency ag;
	memset(out, 0, sizeof *out);
	if (!public && ((rc = app_require(ctx, PERM_POWER_DRAFT, "power_list.read", e)) ||
			(rc = agency_in_scope(ctx, agency_id, &ag, e))))
		return rc;
	return ctx->st->ops->power_list_list(ctx->st, ctx->a, agency_id, public, pg, out, e);
}

enum fz_err app_power_in_force(struct app_ctx *ctx, int64_t agency_id, const char *on,
			       struct power_list *out, struct fz_error *e)
{
	int y, m, d;
	if (!on || !*on)
		on = ctx->today;
	else if (strlen(on) != 10 || !date_parse(on, &y, &m, &d))
		return fz_fail(e, FZ_INVALID, "on", "日期应为有效日期（年-月-日）");
	return ctx->st->ops->power_list_in_force(ctx->st, ctx->a, agency_id, on, out, e);
}

enum fz_err app_power_compare(struct app_ctx *ctx, int64_t a_id, int64_t b_id,
			      struct power_list *older, struct power_list *newer,
			      struct power_diff *diff, struct fz_error *e)
{
	struct power_list x, y;
	enum fz_err rc;
	if ((rc = app_power_list_get(ctx, a_id, true, &x, e)))
		return rc == FZ_NOTFOUND ? fz_fail(e, FZ_NOTFOUND, "from", "%s", e->message) : rc;
	if ((rc = app_power_list_get(ctx, b_id, true, &y, e)))
		return rc == FZ_NOTFOUND ? fz_fail(e, FZ_NOTFOUND, "to", "%s", e->message) : rc;
	if (x.agency_id != y.agency_id)
		return fz_fail(e, FZ_INVALID, "to", "只能比较同一执法主体的两个版本");
	if (x.version > y.version) {
		struct power_list t = x;
		x = y;
		y = t;
	}
	*older = x;
	*newer = y;
	return power_compare(ctx->a, x.items, x.n_items, y.items, y.n_items, diff, e);
}

enum fz_err app_power_draft_of(struct app_ctx *ctx, int64_t agency_id, struct power_list *out,
			       struct fz_error *e)
{
	struct agency ag;
	enum fz_err rc;
	if ((rc = app_require(ctx, PERM_POWER_DRAFT, "power_list.read", e)) ||
	    (rc = agency_in_scope(ctx, agency_id, &ag, e)))
		return rc;
	return ctx->st->ops->power_list_draft_of(ctx->st, ctx->a, agency_id, out, e);
}

/* --- the portal's agencies --- */

enum fz_err app_public_agencies(struct app_ctx *ctx, struct page pg,
				struct public_agency_list *out, struct fz_error *e)
{
	/* A county has tens of agencies, a province's portal a few
	 * thousand: read them all (pages of 200), keep the active ones and
	 * page those, so the total counts what the public sees. */
	struct agency *all = NULL;
	size_t n = 0, cap = 0;
	memset(out, 0, sizeof *out);
	for (struct page p = { 0, 200 };; p.offset += 200) {
		struct agency_list l;
		enum fz_err rc = ctx->st->ops->agency_list(ctx->st, ctx->a, &scope_all, NULL, p, &l, e);
		if (rc)
			return rc;
		for (size_t i = 0; i < l.n; i++) {
			if (!l.items[i].active)
				continue;
			if (n == cap) {
				size_t nc = cap ? 2 * cap : 64;
				struct agency *v = arena_calloc(ctx->a, nc, sizeof *v);
				if (!v)
					return fz_fail(e, FZ_NOMEM, NULL, NULL);
				if (n)
					memcpy(v, all, n * sizeof *v);
				all = v;
				cap = nc;
			}
			all[n++] = l.items[i];
		}
		if (l.n < 200 || p.offset + 200 >= l.total || p.offset > 100000)
			break;
	}
	out->total = (int64_t)n;
	if (pg.offset >= (int64_t)n)
		return FZ_OK;
	size_t from = (size_t)pg.offset, k = n - from;
	if (pg.limit > 0 && k > (size_t)pg.limit)
		k = (size_t)pg.limit;
	out->items = arena_calloc(ctx->a, k + 1, sizeof *out->items);
	if (!out->items)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < k; i++) {
		out->items[i].agency = all[from + i];
		enum fz_err rc = ctx->st->ops->agency_public_counts(
			ctx->st, all[from + i].id, ctx->today, &out->items[i].counts, e);
		if (rc)
			return rc;
	}
	out->n = k;
	return FZ_OK;
}

enum fz_err app_public_agency(struct app_ctx *ctx, int64_t id, struct public_agency *out,
			      struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	enum fz_err rc = ctx->st->ops->agency_get(ctx->st, ctx->a, &scope_all, id, &out->agency, e);
	if (rc == FZ_NOTFOUND || (!rc && !out->agency.active))
		return fz_fail(e, FZ_NOTFOUND, "id", "执法主体不存在");
	if (rc)
		return rc;
	return ctx->st->ops->agency_public_counts(ctx->st, id, ctx->today, &out->counts, e);
}

enum fz_err app_public_officers(struct app_ctx *ctx, int64_t agency_id, struct page pg,
				struct certificate_list *out, struct fz_error *e)
{
	struct certificate_filter f = { .agency_id = agency_id, .status = CERT_VALID,
					.today = ctx->today };
	return ctx->st->ops->certificate_list(ctx->st, ctx->a, &scope_all, &f, pg, out, e);
}
