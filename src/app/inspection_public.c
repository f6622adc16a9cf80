/* inspection_public.c - the portal's random inspection draws: read from
 * the record (the case's random_draw event with both full lists, as
 * app/draw.c wrote it), masked for publication, and re-run over what is
 * published so that the page shows only a result the published inputs
 * reproduce (inspection_public.h). */
#include "app/inspection_public.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "domain/draw_public.h"
#include "domain/redact.h"

static const struct scope scope_all = { .kind = SCOPE_ALL };

/* The minute of ctx's clock in the form publish_at is recorded in. */
static void minute_now(const struct app_ctx *ctx, char out[20])
{
	time_format_local(ctx->now, out);
	out[16] = '\0';
}

/* Whether draw is still under its embargo at ctx's time. */
static bool embargoed(const struct app_ctx *ctx, const struct case_event *draw)
{
	const char *at = case_event_field(draw, "publish_at");
	char now[20];
	if (!at || !*at)
		return false;
	minute_now(ctx, now);
	return strcmp(at, now) > 0;
}

/* The plan's name as published: the party's name masked when the party
 * is a natural person (the title is free text staff wrote). */
static const char *title_public(struct app_ctx *ctx, const struct enf_case *c,
				struct fz_error *e)
{
	struct redact_ctx rc;
	struct buf out = BUF_INIT;
	redact_ctx_init(&rc, c->party_kind == PARTY_ORGANISATION ? REDACT_PARTY_ORGANISATION
								 : REDACT_PARTY_PERSON);
	rc.party_name = c->party_name && *c->party_name ? c->party_name : NULL;
	const char *t = c->title ? c->title : "";
	const char *s = NULL;
	if (redact_text(&rc, t, strlen(t), &out, NULL, e) == FZ_OK && !buf_failed(&out))
		s = arena_strdup(ctx->a, buf_cstr(&out));
	buf_release(&out);
	return s;
}

/* The recorded rows "target: id,id" (app/draw.c), row k into *target and
 * *ids; false when the record has fewer rows. */
static bool recorded_row(const char *assignment, size_t k, const char **target, size_t *tlen,
			 const char **ids, size_t *ilen)
{
	const char *line = assignment;
	for (size_t i = 0; i < k && line; i++) {
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	if (!line || !*line)
		return false;
	const char *end = strchr(line, '\n');
	if (!end)
		end = line + strlen(line);
	const char *sep = NULL;
	for (const char *p = line; p + 1 < end; p++)
		if (p[0] == ':' && p[1] == ' ')
			sep = p;
	if (!sep)
		return false;
	*target = line;
	*tlen = (size_t)(sep - line);
	*ids = sep + 2;
	*ilen = (size_t)(end - sep - 2);
	return true;
}

/* Whether the re-run over the published lists is the recorded draw: row
 * for row, the published target at the position of the recorded one and
 * the same inspectors. sorted is the original target list sorted. */
static bool rerun_matches(const struct draw_result *r, const char *const *sorted, size_t n,
			  const char *assignment)
{
	size_t nrec = 0;
	for (const char *p = assignment; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		nrec++;
	if (nrec != r->nrows)
		return false;
	for (size_t i = 0; i < r->nrows; i++) {
		const char *t, *ids;
		size_t tlen, ilen;
		if (!recorded_row(assignment, i, &t, &tlen, &ids, &ilen))
			return false;
		/* "NN-…": the position in the sorted original list, from 1 */
		size_t pos = strtoul(r->rows[i].target, NULL, 10);
		if (pos < 1 || pos > n || strlen(sorted[pos - 1]) != tlen ||
		    memcmp(sorted[pos - 1], t, tlen) != 0)
			return false;
		const char *q = ids;
		for (size_t k = 0; k < r->per_target; k++) {
			size_t l = strlen(r->rows[i].inspectors[k]);
			if (memcmp(q, r->rows[i].inspectors[k], l) != 0 ||
			    (q[l] != ',' && q + l != ids + ilen))
				return false;
			q += l + 1;
		}
		if (q - 1 != ids + ilen)
			return false;
	}
	return true;
}

static int by_bytes(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Fills out from the case's record; FZ_NOTFOUND when event id is not a
 * draw. */
static enum fz_err draw_view(struct app_ctx *ctx, int64_t id, int64_t case_id,
			     struct public_draw *out, struct fz_error *e)
{
	struct enf_case c;
	struct case_event_list evs;
	const struct case_event *draw = NULL, *open = NULL;
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if ((rc = ctx->st->ops->case_get(ctx->st, ctx->a, &scope_all, case_id, &c, e)) ||
	    (rc = ctx->st->ops->case_events(ctx->st, ctx->a, &scope_all, case_id, &evs, e)))
		return rc;
	for (size_t i = 0; i < evs.n; i++) {
		if (evs.items[i].id == id && strcmp(evs.items[i].step, "random_draw") == 0)
			draw = &evs.items[i];
		if (!open && strcmp(evs.items[i].step, "open") == 0)
			open = &evs.items[i];
	}
	if (!draw || embargoed(ctx, draw))
		return fz_fail(e, FZ_NOTFOUND, "id", "没有这次随机抽取");
	const char *seed = case_event_field(draw, "seed");
	const char *tlist = case_event_field(draw, "target_list");
	const char *ilist = case_event_field(draw, "inspector_list");
	const char *assignment = case_event_field(draw, "assignment");
	const char *version = case_event_field(draw, "version");
	if (!seed || !tlist || !ilist || !assignment)
		return fz_fail(e, FZ_NOTFOUND, "id", "这次随机抽取的记录不完整，无法公开");

	struct draw_list orig;
	if ((rc = draw_list_parse(ctx->a, "检查对象名单", tlist, strlen(tlist), &orig, e)) ||
	    (rc = draw_list_parse(ctx->a, "执法人员名单", ilist, strlen(ilist), &out->inspectors,
				  e)) ||
	    (rc = draw_public_targets(ctx->a, &orig, &out->targets, &out->nmasked, e)))
		return rc;
	const char **sorted = arena_calloc(ctx->a, orig.n, sizeof *sorted);
	if (!sorted)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	memcpy(sorted, orig.ids, orig.n * sizeof *sorted);
	qsort(sorted, orig.n, sizeof *sorted, by_bytes);

	/* count and per_target from the record's rows */
	size_t count = 0, per = 1;
	for (const char *p = assignment; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		count++;
	const char *t, *ids;
	size_t tlen, ilen;
	if (recorded_row(assignment, 0, &t, &tlen, &ids, &ilen))
		for (size_t k = 0; k < ilen; k++)
			per += ids[k] == ',';
	struct draw_input in = {
		.seed_hex = seed, .targets = out->targets, .inspectors = out->inspectors,
		.count = count, .per_target = per,
	};
	if ((rc = draw_run(ctx->a, &in, &out->rerun, e)))
		return rc;
	out->matches = rerun_matches(&out->rerun, sorted, orig.n, assignment);
	struct buf text = BUF_INIT;
	draw_format(&out->rerun, &text);
	out->output = buf_failed(&text) ? NULL : arena_strdup(ctx->a, buf_cstr(&text));
	buf_release(&text);

	/* officers are published by name (事前公开); an id not found shows
	 * as itself */
	size_t nn = out->rerun.nrows * out->rerun.per_target;
	out->inspector_names = arena_calloc(ctx->a, nn + 1, sizeof *out->inspector_names);
	if (!out->output || !out->inspector_names)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < nn; i++) {
		const char *pid = out->rerun.rows[i / out->rerun.per_target]
					  .inspectors[i % out->rerun.per_target];
		struct person p;
		int64_t v = strtoll(pid, NULL, 10);
		out->inspector_names[i] =
			v > 0 && ctx->st->ops->person_get(ctx->st, ctx->a, &scope_all, v, &p, NULL) ==
					 FZ_OK
				? p.name
				: pid;
	}

	out->id = id;
	out->case_number = c.number;
	out->agency_name = c.agency_name ? c.agency_name : "";
	out->title = title_public(ctx, &c, e);
	if (!out->title)
		return e && e->code ? e->code : fz_fail(e, FZ_NOMEM, NULL, NULL);
	const char *basis = open ? case_event_field(open, "basis") : NULL;
	out->basis = basis ? basis : "";
	memcpy(out->opened_on, c.opened_on, sizeof out->opened_on);
	memcpy(out->drawn_on, draw->on, sizeof out->drawn_on);
	const char *at = case_event_field(draw, "publish_at");
	snprintf(out->publish_at, sizeof out->publish_at, "%s", at ? at : "");
	out->seed = seed;
	out->version = version ? (int)strtol(version, NULL, 10) : DRAW_VERSION;
	out->recorded_digest = case_event_field(draw, "lists_digest");
	if (!out->recorded_digest)
		out->recorded_digest = "";
	return FZ_OK;
}

enum fz_err app_public_draws(struct app_ctx *ctx, struct page pg, struct public_draw_list *out,
			     struct fz_error *e)
{
	struct draw_ref_list refs;
	char now[20];
	memset(out, 0, sizeof *out);
	minute_now(ctx, now);
	enum fz_err rc = ctx->st->ops->draw_events(ctx->st, ctx->a, pg, now, &refs, e);
	if (rc)
		return rc;
	out->items = arena_calloc(ctx->a, refs.n + 1, sizeof *out->items);
	if (!out->items)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	for (size_t i = 0; i < refs.n; i++)
		if ((rc = draw_view(ctx, refs.items[i].event_id, refs.items[i].case_id,
				    &out->items[out->n], e)) == FZ_OK)
			out->n++;
		else if (rc != FZ_NOTFOUND)
			return rc;
	out->total = refs.total;
	return FZ_OK;
}

enum fz_err app_public_draw(struct app_ctx *ctx, int64_t id, struct public_draw *out,
			    struct fz_error *e)
{
	struct case_event ev;
	memset(out, 0, sizeof *out);
	enum fz_err rc = id > 0 ? ctx->st->ops->case_event_get(ctx->st, ctx->a, id, &ev, NULL)
				: FZ_NOTFOUND;
	if (rc == FZ_NOTFOUND || (rc == FZ_OK && strcmp(ev.step, "random_draw") != 0))
		return fz_fail(e, FZ_NOTFOUND, "id", "没有这次随机抽取");
	if (rc)
		return fz_fail(e, rc, NULL, NULL);
	return draw_view(ctx, id, ev.case_id, out, e);
}
