/* surcharge.h - the late-payment surcharge on a fine (加处罚款,
 * 行政处罚法 art 72(1)): a rate of the fine per day after the payment
 * deadline, the total capped at a share of the fine (the whole fine by
 * law; 行政强制法 art 45 says the same). Money in fen, no floating point. */
#ifndef FZ_DOMAIN_SURCHARGE_H
#define FZ_DOMAIN_SURCHARGE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct surcharge {
	int days;            /* days late: 0 when paid by the due date */
	int64_t amount_fen;  /* the surcharge, capped */
	bool capped;         /* the cap was reached */
	int64_t cap_fen;     /* the cap: fine * cap_percent / 100 */
};

/* The surcharge on fine_fen when the fine, due on `due` (the last day to
 * pay in time, from the payment clock), is paid on `until` (or still
 * unpaid today: pass today). Each day after due counts; per day
 * rate_permille_per_day / 1000 of the fine (30 = 3 %), summed and rounded
 * to the nearest fen (halves up), then capped at cap_percent of the fine.
 * FZ_INVALID (field "fine", "due", "until", "rate" or "cap") for a
 * negative or too large fine, a bad date, a rate outside 0..1000 or a cap
 * outside 0..100. */
enum fz_err surcharge_compute(int64_t fine_fen, const char *due, const char *until,
			      int rate_permille_per_day, int cap_percent, struct surcharge *out,
			      struct fz_error *e) FZ_MUST_CHECK;

#endif
