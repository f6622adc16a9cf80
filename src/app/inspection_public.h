/* inspection_public.h - the portal's random inspections (双随机一公开,
 * issue 10 §1): each inspection plan (an inspection case) and the result
 * of its draw, with the target list masked by the publication's
 * redaction rules (domain/draw_public.h) and the seed, so that anyone can
 * re-run the draw with `fazhi draw` over the published lists and get the
 * published assignment. No sign-in; every draw is published, an
 * embargoed one (app/draw.h) from its publish_at on: before it, the list,
 * its total and the draw's own pages know nothing of it. */
#ifndef FZ_APP_INSPECTION_PUBLIC_H
#define FZ_APP_INSPECTION_PUBLIC_H

#include "app/app.h"
#include "domain/draw.h"

struct public_draw {
	int64_t id;                /* the draw's event id: the public id */
	const char *case_number;
	const char *agency_name;
	const char *title;         /* the plan's name (案由), redacted */
	const char *basis;         /* 检查依据 from the plan's opening, or "" */
	char opened_on[11];
	char drawn_on[11];
	char publish_at[17];       /* the embargo it had, "YYYY-MM-DD HH:MM"; "" none */
	const char *seed;
	int version;
	const char *recorded_digest;   /* over the unmasked lists, as recorded */
	struct draw_list targets;      /* published: "NN-name", in draw order */
	size_t nmasked;                /* of them, masked */
	struct draw_list inspectors;   /* person ids, as recorded */
	const char **inspector_names;  /* per rerun row and place: the name */
	/* The draw re-run over the published lists with the seed: what `fazhi
	 * draw` prints for them (output), and whether its rows are the
	 * recorded assignment position for position (matches). */
	struct draw_result rerun;
	const char *output;
	bool matches;
};

STORE_LIST(public_draw_list, struct public_draw);

/* A page of draws, newest first (all agencies). */
enum fz_err app_public_draws(struct app_ctx *ctx, struct page pg, struct public_draw_list *out,
			     struct fz_error *e) FZ_MUST_CHECK;
/* One draw by its id; FZ_NOTFOUND for any id that is not a draw. */
enum fz_err app_public_draw(struct app_ctx *ctx, int64_t id, struct public_draw *out,
			    struct fz_error *e) FZ_MUST_CHECK;

#endif
