/* draw.c - makes a random inspection draw with a fresh seed and records
 * it through app_case_act, the one path for every step of a case. */
#include "app/draw.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/date.h"

/* The embargo's minute as recorded ("YYYY-MM-DD HH:MM"), NULL for none;
 * FZ_INVALID when it is malformed, not after now or past the bound. */
static enum fz_err embargo_check(struct app_ctx *ctx, const char *at, const char **out,
				 struct fz_error *e)
{
	int64_t t;
	char now[20], last[20];
	*out = NULL;
	if (!at || !*at)
		return FZ_OK;
	if (!time_parse_local(at, &t))
		return fz_fail(e, FZ_INVALID, "publish_at",
			       "公开时间应为“年-月-日 时:分”（北京时间），例如 2027-01-15 09:00");
	int days = app_draw_embargo_max_days(ctx->cfg);
	int64_t bound = ctx->now + (int64_t)days * 86400;
	time_format_local(ctx->now, now);
	time_format_local(bound, last);
	now[16] = last[16] = '\0';
	if (t <= ctx->now)
		return fz_fail(e, FZ_INVALID, "publish_at",
			       "公开时间应晚于现在（%s）；不推迟公开的，请不填公开时间", now);
	if (t > bound)
		return fz_fail(e, FZ_INVALID, "publish_at",
			       "抽取结果最迟在抽取后 %d 天内公开：公开时间不能晚于 %s", days, last);
	char *norm = arena_strndup(ctx->a, at, 16);
	if (!norm)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	norm[10] = ' ';
	*out = norm;
	return FZ_OK;
}

static const char *joined(struct app_ctx *ctx, const char *const *ids, size_t n, char sep)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(&b, sep);
		buf_adds(&b, ids[i]);
	}
	const char *s = buf_failed(&b) ? NULL : arena_strdup(ctx->a, buf_cstr(&b));
	buf_release(&b);
	return s;
}

enum fz_err app_case_draw(struct app_ctx *ctx, int64_t case_id, const struct case_draw_input *in,
			  struct draw_result *result, struct case_check *check,
			  struct fz_error *e)
{
	unsigned char raw[DRAW_SEED_DEFAULT_BYTES];
	char seed[2 * DRAW_SEED_DEFAULT_BYTES + 1];
	enum fz_err rc;

	if (in->ninspectors > 100000)
		return fz_fail(e, FZ_INVALID, "inspectors", "检查人员名单过长");
	const char *publish_at;
	if ((rc = embargo_check(ctx, in->publish_at, &publish_at, e)))
		return rc;
	if ((rc = crypto_random(raw, sizeof raw)))
		return fz_fail(e, rc, NULL, "无法生成随机种子");
	crypto_hex(raw, sizeof raw, seed);

	const char **inspectors = arena_calloc(ctx->a, in->ninspectors + 1, sizeof *inspectors);
	if (!inspectors)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < in->ninspectors; i++)
		inspectors[i] = arena_printf(ctx->a, "%lld", (long long)in->inspectors[i]);
	struct draw_input din = {
		.seed_hex = seed,
		.targets = { in->targets, in->ntargets },
		.inspectors = { inspectors, in->ninspectors },
		.count = in->count,
		.per_target = in->per_target,
	};
	struct draw_result r;
	if ((rc = draw_run(ctx->a, &din, &r, e)))
		return rc;

	/* What was drawn, in the forms the gates and a re-run read. */
	const char **drawn_targets = arena_calloc(ctx->a, r.nrows + 1, sizeof *drawn_targets);
	const char **drawn_people = arena_calloc(ctx->a, r.nrows * r.per_target + 1,
						 sizeof *drawn_people);
	struct buf assignment = BUF_INIT;
	size_t np = 0;
	if (!drawn_targets || !drawn_people)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < r.nrows; i++) {
		drawn_targets[i] = r.rows[i].target;
		buf_addf(&assignment, "%s%s: ", i ? "\n" : "", r.rows[i].target);
		for (size_t k = 0; k < r.per_target; k++) {
			const char *id = r.rows[i].inspectors[k];
			buf_addf(&assignment, "%s%s", k ? "," : "", id);
			bool dup = false;
			for (size_t j = 0; j < np; j++)
				dup = dup || strcmp(drawn_people[j], id) == 0;
			if (!dup)
				drawn_people[np++] = id;
		}
	}
	const char *assign = buf_failed(&assignment) ? NULL
						     : arena_strdup(ctx->a, buf_cstr(&assignment));
	buf_release(&assignment);
	struct case_field fields[] = {
		{ "seed", r.seed },
		{ "version", arena_printf(ctx->a, "%d", r.version) },
		{ "lists_digest", r.lists_digest },
		{ "target_list", joined(ctx, in->targets, in->ntargets, '\n') },
		{ "inspector_list", joined(ctx, inspectors, in->ninspectors, '\n') },
		{ "targets", joined(ctx, drawn_targets, r.nrows, ',') },
		{ "inspectors", joined(ctx, drawn_people, np, ',') },
		{ "assignment", assign },
		{ "publish_at", publish_at },
	};
	size_t nfields = sizeof fields / sizeof fields[0] - (publish_at ? 0 : 1);
	for (size_t i = 0; i < nfields; i++)
		if (!fields[i].value)
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
	struct case_step_input step = {
		.step = "random_draw",
		.on = in->on,
		.fields = fields,
		.nfields = nfields,
	};
	if ((rc = app_case_act_draw(ctx, case_id, &step, NULL, check, e)))
		return rc;
	if (result)
		*result = r;
	return FZ_OK;
}
