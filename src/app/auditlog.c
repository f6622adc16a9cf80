/* auditlog.c - the auditor's view of the audit log: filter, page, export
 * as CSV, and purge past the retention period. */
#include "app/auditlog.h"

#include <string.h>

#include "app/audit.h"
#include "base/mask.h"
#include "app/authz.h"
#include "base/date.h"

#define EXPORT_MAX 100000
#define EXPORT_PAGE 200

enum fz_err app_audit_list(struct app_ctx *ctx, const struct audit_filter *f, struct page pg,
			   struct audit_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_AUDIT_READ, "audit.read", e);
	if (rc)
		return rc;
	return ctx->st->ops->audit_list(ctx->st, ctx->a, f, pg, out, e);
}

/* A recorded value as a reader without person.write sees it: phone
 * fields and anything shaped like a resident ID masked. */
static const char *audit_value_masked(struct app_ctx *ctx, const char *field, const char *v)
{
	char m[MASK_MAX];
	if (!v || !*v || v[0] == '(') /* absent, or "(hidden)", "(set)" */
		return v;
	if (field && strstr(field, "phone"))
		mask_phone(v, m);
	else if (mask_looks_like_resident_id(v))
		mask_resident_id(v, m);
	else
		return v;
	return arena_strdup(ctx->a, m);
}

enum fz_err app_audit_changes(struct app_ctx *ctx, int64_t audit_id,
			      struct audit_change_list *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_AUDIT_READ, "audit.read", e);
	if (rc)
		return rc;
	if ((rc = ctx->st->ops->audit_changes(ctx->st, ctx->a, audit_id, out, e)))
		return rc;
	/* Masking follows the reader: who may not see a resident ID or a
	 * phone number whole in the API does not see it whole here either. */
	bool personal = ctx->cli || (ctx->user && authz_allows(ctx->user->roles,
								PERM_PERSON_WRITE));
	for (size_t i = 0; i < out->n && !personal; i++) {
		struct audit_change *c = &out->items[i];
		c->before = audit_value_masked(ctx, c->field, c->before);
		c->after = audit_value_masked(ctx, c->field, c->after);
	}
	return FZ_OK;
}

enum fz_err app_audit_export_csv(struct app_ctx *ctx, const struct audit_filter *f,
				 struct buf *out, struct fz_error *e)
{
	enum fz_err rc = app_require(ctx, PERM_AUDIT_READ, "audit.export", e);
	if (rc)
		return rc;
	buf_adds(out, "\xEF\xBB\xBF"); /* UTF-8 BOM */
	buf_adds(out, "编号,时间,操作人,客户端地址,操作,对象类型,对象编号,结果,说明\r\n");
	int64_t rows = 0;
	for (int64_t offset = 0; rows < EXPORT_MAX; offset += EXPORT_PAGE) {
		struct audit_list list;
		struct page pg = { .offset = offset, .limit = EXPORT_PAGE };
		struct arena *tmp = arena_new();
		if (!tmp)
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		rc = ctx->st->ops->audit_list(ctx->st, tmp, f, pg, &list, e);
		if (rc) {
			arena_free(tmp);
			return rc;
		}
		for (size_t i = 0; i < list.n; i++) {
			const struct audit_entry *x = &list.items[i];
			char when[20];
			time_format_local(x->at, when);
			const char *fields[] = { when, x->actor, x->client_addr, x->action,
						 x->object_type, x->object_id, x->result,
						 x->message };
			buf_addf(out, "%lld", (long long)x->id);
			for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
				buf_addc(out, ',');
				buf_csv_field(out, fields[k]);
			}
			buf_adds(out, "\r\n");
		}
		rows += (int64_t)list.n;
		size_t n = list.n;
		arena_free(tmp);
		if (n < EXPORT_PAGE)
			break;
	}
	if ((rc = buf_status(out)))
		return fz_fail(e, rc, NULL, "导出内容过大，请缩小时间范围");
	(void)app_audit_now(ctx, "audit.export", "audit", 0, "ok",
			    arena_printf(ctx->a, "%lld rows", (long long)rows));
	return FZ_OK;
}

enum fz_err app_audit_purge(struct app_ctx *ctx, int64_t before, int64_t *deleted,
			    struct fz_error *e)
{
	enum fz_err rc;
	if (!ctx->cli)
		return fz_fail(e, FZ_FORBIDDEN, NULL, "审计记录只能由服务器管理员在命令行清除");
	if ((rc = app_tx_begin(ctx, e)))
		return rc;
	rc = ctx->st->ops->audit_purge(ctx->st, before, ctx->now, ctx->cfg->audit_retention_days,
				       deleted, e);
	if (rc) {
		app_tx_abort(ctx);
		(void)app_audit_now(ctx, "audit.purge", "audit", 0, "denied", e->message);
		return rc;
	}
	char when[20];
	time_format_local(before, when);
	if ((rc = app_audit(ctx, "audit.purge", "audit", 0, "ok",
			    arena_printf(ctx->a, "before %s: %lld rows", when, (long long)*deleted),
			    NULL, e))) {
		app_tx_abort(ctx);
		return rc;
	}
	return app_tx_commit(ctx, e);
}
