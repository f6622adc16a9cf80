/* evaluation_internal.h - what the evaluation use cases share (app/
 * evaluation.c, app/rectify.c): the record of a fact with its ledger leaf,
 * the supervisor's division, date checks. Private to src/app/. */
#ifndef FZ_APP_EVALUATION_INTERNAL_H
#define FZ_APP_EVALUATION_INTERNAL_H

#include "app/evaluation.h"
#include "domain/draw.h"

#define DRAW_SEED_DEFAULT_BYTES_EVAL DRAW_SEED_DEFAULT_BYTES

/* Appends an oversight record and its kind-10 leaf inside the caller's
 * write transaction. */
enum fz_err eval_record(struct app_ctx *ctx, const char *subject, int64_t subject_id,
			const char *action, const char *on, const char *body, struct fz_error *e)
	FZ_MUST_CHECK;
const char *eval_division(struct app_ctx *ctx);
bool eval_division_sees(struct app_ctx *ctx, const char *division);
enum fz_err eval_date(const char *s, const char *field, const char *label, struct fz_error *e)
	FZ_MUST_CHECK;
bool eval_blank(const char *s);

#endif
