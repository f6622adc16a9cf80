/* draw_public.h - a random inspection draw (双随机) as the portal
 * publishes it: the target list masked by the publication's redaction
 * rules (a natural person's name becomes surname + 某, an ID number or a
 * phone is deleted; legal persons, businesses and codes keep their
 * names), in a form that `fazhi draw` re-runs to the same assignment.
 *
 * Why it still re-runs: the construction (draw.h) sorts the ids and
 * works on positions. Each published id is its position in the sorted
 * original list, zero-padded to one width, a hyphen and the masked name
 * ("03-马某"): the published ids sort in the same order, are unique even
 * when two masked names are alike, and the same seed then draws the same
 * positions. The lists digest of the published lists differs from the
 * recorded one (which is over the unmasked names) and is shown beside
 * it. */
#ifndef FZ_DOMAIN_DRAW_PUBLIC_H
#define FZ_DOMAIN_DRAW_PUBLIC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "domain/draw.h"

/* How a target id is published. */
enum draw_target_kind {
	DRAW_TARGET_KEPT,    /* an organisation or a business (字号): as is */
	DRAW_TARGET_SCANNED, /* a code or number: the redaction's scan decides
	                      * (an ID number, a phone is deleted) */
	DRAW_TARGET_PERSON,  /* a natural person's name: surname + 某 */
};

/* DRAW_TARGET_KEPT for a valid USCC or 组织机构代码 and a name ending in an
 * organisation's word (公司, 店, 厂, 合作社, 超市 ... ); DRAW_TARGET_SCANNED
 * for a resident ID number and any id without a Han character;
 * DRAW_TARGET_PERSON for other Han text (the cautious reading: a name
 * nobody marked). */
enum draw_target_kind draw_target_kind(const char *id);

/* The published target list for the recorded targets (any order): in
 * the draw's sorted order, each "NN-masked" as above, in the arena;
 * *nmasked counts the ids that the redaction changed. FZ_INVALID for a
 * list draw_run would refuse; FZ_NOMEM. */
enum fz_err draw_public_targets(struct arena *a, const struct draw_list *targets,
				struct draw_list *out, size_t *nmasked,
				struct fz_error *e) FZ_MUST_CHECK;

/* The draw as `fazhi draw` prints it, line for line (cmd_draw.c). */
void draw_format(const struct draw_result *r, struct buf *out);

#endif
