/* audit.c - audit records for every write, sign-in attempt and denial.
 * Writes are audited in the same transaction as the change they record. */
#include "app/audit.h"

#include <stdio.h>
#include <string.h>

static void diff_add(struct app_ctx *ctx, struct audit_diff *d, const char *field,
		     const char *before, const char *after)
{
	if (d->n >= AUDIT_DIFF_MAX)
		return;
	struct audit_change *c = &d->items[d->n++];
	c->field = field;
	c->before = before ? arena_strdup(ctx->a, before) : NULL;
	c->after = after ? arena_strdup(ctx->a, after) : NULL;
}

void audit_diff_str(struct app_ctx *ctx, struct audit_diff *d, const char *field,
		    const char *before, const char *after)
{
	if (before == after)
		return;
	if (before && after && strcmp(before, after) == 0)
		return;
	diff_add(ctx, d, field, before, after);
}

void audit_diff_int(struct app_ctx *ctx, struct audit_diff *d, const char *field,
		    long long before, long long after)
{
	if (before == after)
		return;
	char b[24], a[24];
	snprintf(b, sizeof b, "%lld", before);
	snprintf(a, sizeof a, "%lld", after);
	diff_add(ctx, d, field, b, a);
}

void audit_diff_bool(struct app_ctx *ctx, struct audit_diff *d, const char *field,
		     int before, int after)
{
	if (!before == !after)
		return;
	diff_add(ctx, d, field, before ? "true" : "false", after ? "true" : "false");
}

static void audit_fill(struct app_ctx *ctx, struct audit_entry *ent, const char *action,
		       const char *object_type, int64_t object_id, const char *result,
		       const char *message)
{
	memset(ent, 0, sizeof *ent);
	ent->at = ctx->now;
	ent->actor_id = ctx->user ? ctx->user->id : 0;
	ent->actor = (char *)(ctx->actor ? ctx->actor : "");
	ent->client_addr = (char *)(ctx->client_addr ? ctx->client_addr : "");
	ent->action = (char *)action;
	ent->object_type = (char *)(object_type ? object_type : "");
	ent->object_id = object_id ? arena_printf(ctx->a, "%lld", (long long)object_id) : "";
	if (!ent->object_id)
		ent->object_id = "";
	ent->result = (char *)result;
	ent->message = (char *)(message ? message : "");
}

enum fz_err app_audit(struct app_ctx *ctx, const char *action, const char *object_type,
		      int64_t object_id, const char *result, const char *message,
		      const struct audit_diff *diff, struct fz_error *e)
{
	struct audit_entry ent;
	audit_fill(ctx, &ent, action, object_type, object_id, result, message);
	return ctx->st->ops->audit_append(ctx->st, &ent, diff ? diff->items : NULL,
					  diff ? diff->n : 0, e);
}

enum fz_err app_audit_now(struct app_ctx *ctx, const char *action, const char *object_type,
			  int64_t object_id, const char *result, const char *message)
{
	struct fz_error e;
	enum fz_err rc = app_tx_begin(ctx, &e);
	if (rc)
		goto fail;
	rc = app_audit(ctx, action, object_type, object_id, result, message, NULL, &e);
	if (rc) {
		app_tx_abort(ctx);
		goto fail;
	}
	rc = app_tx_commit(ctx, &e);
	if (rc)
		goto fail;
	return FZ_OK;
fail:
	/* The audit log is the record of last resort: say so loudly. */
	fprintf(stderr, "fazhi: audit write failed (%s): %s\n", action, e.message);
	return rc;
}
