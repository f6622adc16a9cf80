/* penalty.c - penalty kinds and the penalty stated on an event; see
 * penalty.h. One table row per kind keeps names and labels together. */
#include "domain/penalty.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/money.h"

struct penalty_row {
	unsigned bit;
	const char *name;
	const char *label;
};

static const struct penalty_row penalty_rows[] = {
	{ PENALTY_WARNING, "warning", "警告" },
	{ PENALTY_CRITICISM, "criticism", "通报批评" },
	{ PENALTY_FINE, "fine", "罚款" },
	{ PENALTY_CONFISCATE_GAINS, "confiscate_gains", "没收违法所得" },
	{ PENALTY_CONFISCATE_PROPERTY, "confiscate_property", "没收非法财物" },
	{ PENALTY_SUSPEND_LICENCE, "suspend_licence", "暂扣许可证件" },
	{ PENALTY_LOWER_QUALIFICATION, "lower_qualification", "降低资质等级" },
	{ PENALTY_REVOKE_LICENCE, "revoke_licence", "吊销许可证件" },
	{ PENALTY_RESTRICT_BUSINESS, "restrict_business", "限制开展生产经营活动" },
	{ PENALTY_SUSPEND_BUSINESS, "suspend_business", "责令停产停业" },
	{ PENALTY_CLOSE, "close", "责令关闭" },
	{ PENALTY_RESTRICT_PRACTICE, "restrict_practice", "限制从业" },
	{ PENALTY_DETENTION, "detention", "行政拘留" },
	{ PENALTY_OTHER, "other", "其他行政处罚" },
};

#define PENALTY_ROWS (sizeof penalty_rows / sizeof penalty_rows[0])

static const struct penalty_row *penalty_row(unsigned bit)
{
	for (size_t i = 0; i < PENALTY_ROWS; i++)
		if (penalty_rows[i].bit == bit)
			return &penalty_rows[i];
	return NULL;
}

const char *penalty_kind_name(unsigned bit)
{
	const struct penalty_row *r = penalty_row(bit);
	return r ? r->name : NULL;
}

const char *penalty_kind_label(unsigned bit)
{
	const struct penalty_row *r = penalty_row(bit);
	return r ? r->label : NULL;
}

static bool penalty_is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t';
}

enum fz_err penalty_kinds_parse(const char *list, unsigned *out, struct fz_error *e)
{
	unsigned bits = 0;
	*out = 0;
	for (const char *p = list ? list : ""; *p;) {
		while (penalty_is_sep(*p))
			p++;
		const char *w = p;
		while (*p && !penalty_is_sep(*p))
			p++;
		size_t n = (size_t)(p - w);
		if (!n)
			continue;
		unsigned bit = 0;
		for (size_t i = 0; i < PENALTY_ROWS && !bit; i++)
			if (strlen(penalty_rows[i].name) == n &&
			    memcmp(penalty_rows[i].name, w, n) == 0)
				bit = penalty_rows[i].bit;
		if (!bit) {
			if (n <= 40 && utf8_valid(w, n))
				return fz_fail(e, FZ_INVALID, "penalty", "未知的处罚种类“%.*s”",
					       (int)n, w);
			return fz_fail(e, FZ_INVALID, "penalty", "包含未知的处罚种类");
		}
		bits |= bit;
	}
	*out = bits;
	return FZ_OK;
}

void penalty_kinds_format_labels(unsigned bits, struct buf *b)
{
	bool first = true;
	for (size_t i = 0; i < PENALTY_ROWS; i++) {
		if (!(bits & penalty_rows[i].bit))
			continue;
		if (!first)
			buf_adds(b, "、");
		buf_adds(b, penalty_rows[i].label);
		first = false;
	}
}

enum fz_err penalty_from_fields(const char *kinds, const char *amount, const char *confiscation,
				struct penalty *out, struct fz_error *e)
{
	enum fz_err rc;
	memset(out, 0, sizeof *out);
	if (!kinds || !*kinds)
		return fz_fail(e, FZ_INVALID, "penalty", "须写明处罚种类");
	if ((rc = penalty_kinds_parse(kinds, &out->kinds, e)))
		return rc;
	if (!out->kinds)
		return fz_fail(e, FZ_INVALID, "penalty", "须写明处罚种类");
	if (out->kinds & PENALTY_FINE) {
		if (!amount || !*amount)
			return fz_fail(e, FZ_INVALID, "amount", "处罚种类包含罚款，须写明罚款金额");
		if (!money_parse_yuan(amount, &out->fine_fen) || out->fine_fen <= 0)
			return fz_fail(e, FZ_INVALID, "amount", "罚款金额应为大于 0 的元数，最多两位小数");
	} else if (amount && *amount) {
		return fz_fail(e, FZ_INVALID, "amount", "处罚种类不含罚款，不应填写罚款金额");
	}
	if (confiscation && *confiscation) {
		if (!(out->kinds & PENALTY_CONFISCATE_MASK))
			return fz_fail(e, FZ_INVALID, "confiscation",
				       "处罚种类不含没收，不应填写没收金额");
		if (!money_parse_yuan(confiscation, &out->confiscation_fen))
			return fz_fail(e, FZ_INVALID, "confiscation",
				       "没收金额应为元数，最多两位小数");
	}
	return FZ_OK;
}

bool penalty_heavier(const struct penalty *decided, const struct penalty *notified, char *why,
		     size_t len)
{
	char a[MONEY_TEXT_MAX], b[MONEY_TEXT_MAX];
	unsigned extra = decided->kinds & ~notified->kinds;
	if (extra) {
		struct buf labels = BUF_INIT;
		penalty_kinds_format_labels(extra, &labels);
		snprintf(why, len, "决定的处罚种类“%s”未在告知书中告知", buf_cstr(&labels));
		buf_release(&labels);
		return true;
	}
	if (decided->fine_fen > notified->fine_fen) {
		money_format_yuan(decided->fine_fen, a);
		money_format_yuan(notified->fine_fen, b);
		snprintf(why, len, "决定的罚款 %s 元超过告知的 %s 元", a, b);
		return true;
	}
	if (decided->confiscation_fen > notified->confiscation_fen) {
		money_format_yuan(decided->confiscation_fen, a);
		money_format_yuan(notified->confiscation_fen, b);
		snprintf(why, len, "决定没收的金额 %s 元超过告知的 %s 元", a, b);
		return true;
	}
	return false;
}
