/* benchmark.h - discretion benchmarks (裁量基准) in use: proposing a tier
 * and range from the facts, and, when a case is decided, checking the
 * decided fine against the case's matter so that a decision outside the
 * benchmark must carry a reason and shows as flagged to the reviewer. */
#ifndef FZ_APP_BENCHMARK_H
#define FZ_APP_BENCHMARK_H

#include "app/app.h"
#include "domain/benchmark.h"
#include "domain/case.h"

/* The benchmark set in force. */
const struct benchmark_set *app_benchmarks(struct app_ctx *ctx);

/* Reads the facts from event fields (all optional): illegal_gains and
 * goods_value (元), quantity, harm (none|minor|serious|grave),
 * first_offence and corrected_promptly (1/0), aggravating and mitigating
 * (counts). FZ_INVALID naming the field for a bad value. */
enum fz_err benchmark_facts_from_fields(const struct case_field *fields, size_t n,
					struct benchmark_facts *out, struct fz_error *e);

/* For a deciding event on a case with a matter: checks the decided fine
 * ("amount") under the decided tier ("tier", else the proposed one) and
 * returns the event's fields with benchmark_tier, benchmark_range and
 * benchmark_outside (1/0, with benchmark_message when outside) added, in
 * ctx->a. A case without a matter gets its fields back unchanged. */
enum fz_err app_benchmark_annotate(struct app_ctx *ctx, const struct enf_case *c,
				   const struct case_field *fields, size_t n,
				   const struct case_field **out, size_t *nout,
				   struct fz_error *e);

#endif
