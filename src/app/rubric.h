/* rubric.h - the bureau's rubric (评查标准) as a setting it edits: each
 * save is a new version of its division's rubric (035_rubric_versions.sql,
 * never changed afterwards); a round takes the text of the version current
 * when it is created and keeps it, so a file scored under an older
 * version keeps its items and its score. Until the bureau saves one, the
 * rubric the binary carries applies (version 0). */
#ifndef FZ_APP_RUBRIC_H
#define FZ_APP_RUBRIC_H

#include <stddef.h>

#include "app/app.h"
#include "domain/evaluation.h"
#include "store/store.h"

/* The rubric in force for the caller's division: its latest version, or
 * the shipped one as version 0 (id 0). parsed (may be NULL) receives it
 * parsed. Needs oversight.manage. */
enum fz_err app_rubric_current(struct app_ctx *ctx, struct rubric_version *out,
			       struct rubric *parsed, struct fz_error *e) FZ_MUST_CHECK;

/* One row of the editing form, as typed. section "veto", "form",
 * "content"; a row with every field empty is skipped (the form's spare
 * rows). points are ignored for a veto item. */
struct rubric_row {
	const char *section, *code, *points, *text;
};
struct rubric_input {
	const char *name;
	const char *excellent, *pass; /* the grade thresholds, as typed */
	const struct rubric_row *rows;
	size_t nrows;
};

/* Saves in as the division's next version, audited (rubric.save) in one
 * transaction. Everything the rubric's rules refuse is FZ_INVALID with a
 * Chinese message naming the form's row ("第 3 项：…") or the field
 * (e->field "name", "excellent", "pass", "rowN" for row N from 1, or
 * "rows" for the totals: form items must sum to 20 points, content items
 * to 80), and nothing is written. */
enum fz_err app_rubric_save(struct app_ctx *ctx, const struct rubric_input *in,
			    struct rubric_version *out, struct fz_error *e) FZ_MUST_CHECK;

#endif
