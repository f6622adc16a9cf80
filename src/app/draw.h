/* draw.h - the random inspection draw (双随机一公开) on an inspection case:
 * the server makes the seed, runs the reproducible draw and records it as
 * the case's random_draw step, with both full lists, so that anyone can
 * re-run it with `fazhi draw` and get the same result. */
#ifndef FZ_APP_DRAW_H
#define FZ_APP_DRAW_H

#include "app/case.h"
#include "domain/draw.h"

struct case_draw_input {
	const char *const *targets;   /* 检查对象 ids (e.g. USCCs) */
	size_t ntargets;
	const int64_t *inspectors;    /* person ids of the agency's officers */
	size_t ninspectors;
	size_t count;                 /* targets to draw */
	size_t per_target;            /* inspectors per target, >= 2 */
	const char *on;               /* day of the draw; NULL = today */
	/* Embargo: the portal shows the draw only from this China Standard
	 * Time minute, "YYYY-MM-DD HH:MM" (or with a T, as a datetime-local
	 * input sends it); NULL or "" = public as soon as it is recorded.
	 * It must be later than the recording and at most
	 * app_draw_embargo_max_days() after it, so that an embargo delays a
	 * draw's publication but can never hide it for good; it is recorded
	 * with the draw (field publish_at) and, like the draw, cannot be
	 * corrected. */
	const char *publish_at;
};

/* Draws and records. The event's fields: seed, lists_digest, version,
 * target_list and inspector_list (everything drawn from, one id per
 * line), targets and inspectors (what was drawn, comma-separated) and
 * assignment (one line per target: "target: inspector,inspector"), and
 * publish_at when the draw is embargoed ("YYYY-MM-DD HH:MM").
 * Nothing is written when the draw, the embargo or a gate fails. */
enum fz_err app_case_draw(struct app_ctx *ctx, int64_t case_id, const struct case_draw_input *in,
			  struct draw_result *result, struct case_check *check,
			  struct fz_error *e);

#endif
