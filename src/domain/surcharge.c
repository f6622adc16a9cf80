/* surcharge.c - late-payment surcharge arithmetic; see surcharge.h. The
 * days are capped before multiplying so that the product cannot overflow:
 * once the uncapped sum reaches the cap, further days change nothing. */
#include "domain/surcharge.h"

#include <limits.h>
#include <string.h>

#include "base/date.h"
#include "domain/money.h"

enum fz_err surcharge_compute(int64_t fine_fen, const char *due, const char *until,
			      int rate_permille_per_day, int cap_percent, struct surcharge *out,
			      struct fz_error *e)
{
	memset(out, 0, sizeof *out);
	if (fine_fen < 0 || fine_fen > MONEY_MAX_FEN)
		return fz_fail(e, FZ_INVALID, "fine", "罚款金额无效");
	if (rate_permille_per_day < 0 || rate_permille_per_day > 1000)
		return fz_fail(e, FZ_INVALID, "rate", "加处罚款比例应在每日 0‰ 至 1000‰ 之间");
	if (cap_percent < 0 || cap_percent > 100)
		return fz_fail(e, FZ_INVALID, "cap", "加处罚款上限应在罚款数额的 0%% 至 100%% 之间");
	int late = date_diff_days(due, until);
	if (late == INT_MIN)
		return fz_fail(e, FZ_INVALID, date_parse(due, NULL, NULL, NULL) ? "until" : "due",
			       "日期应为 YYYY-MM-DD 格式的有效日期");
	out->cap_fen = fine_fen * cap_percent / 100;
	if (late <= 0)
		return FZ_OK;
	out->days = late;
	/* Days beyond this many cannot raise the sum above the cap. */
	int64_t full_days = rate_permille_per_day ? 1000 * 100 / rate_permille_per_day + 1 : 0;
	int64_t days = late < full_days ? late : full_days;
	/* fine <= 10^13 and rate * days <= 101000: the product fits in 63 bits */
	int64_t sum = (fine_fen * rate_permille_per_day * days + 500) / 1000;
	if (sum >= out->cap_fen) {
		sum = out->cap_fen;
		out->capped = true;
	}
	out->amount_fen = sum;
	return FZ_OK;
}
