/* money.c - yuan text to fen and back; see money.h. Strict on input
 * because an amount typed wrongly changes whether a hearing or a legal
 * review is required. */
#include "domain/money.h"

#include <stdio.h>

bool money_parse_yuan(const char *s, int64_t *fen)
{
	if (!s || *s < '0' || *s > '9')
		return false;
	if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		return false; /* leading zero */
	int64_t yuan = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++) {
		yuan = yuan * 10 + (*p - '0');
		if (yuan > MONEY_MAX_FEN / 100)
			return false;
	}
	int64_t cents = 0;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		cents = (*p++ - '0') * 10;
		if (*p >= '0' && *p <= '9')
			cents += *p++ - '0';
	}
	if (*p)
		return false;
	int64_t total = yuan * 100 + cents;
	if (total > MONEY_MAX_FEN)
		return false;
	*fen = total;
	return true;
}

void money_format_yuan(int64_t fen, char out[MONEY_TEXT_MAX])
{
	out[0] = '\0';
	if (fen < 0 || fen > MONEY_MAX_FEN)
		return;
	if (fen % 100 == 0)
		snprintf(out, MONEY_TEXT_MAX, "%lld", (long long)(fen / 100));
	else
		snprintf(out, MONEY_TEXT_MAX, "%lld.%02lld", (long long)(fen / 100),
			 (long long)(fen % 100));
}

/* 大写金额, following the banks' rules for filling in amounts: digits
 * 零壹贰…玖 with 拾佰仟 inside groups of four and 万 / 亿 between them;
 * a run of zeros inside the amount is written as one 零 and trailing zeros
 * not at all; 整 after whole yuan (or after 角 when no 分 follows). */
void money_format_upper(int64_t fen, char out[MONEY_UPPER_MAX])
{
	static const char *const digit[] = { "零", "壹", "贰", "叁", "肆",
					     "伍", "陆", "柒", "捌", "玖" };
	static const char *const unit[] = { "", "拾", "佰", "仟" };
	static const char *const group[] = { "", "万", "亿", "万" };
	size_t len = 0;
	out[0] = '\0';
	if (fen < 0 || fen > MONEY_MAX_FEN)
		return;
#define PUT(s) (len += (size_t)snprintf(out + len, MONEY_UPPER_MAX - len, "%s", (s)))
	int64_t yuan = fen / 100;
	int jiao = (int)(fen / 10 % 10), cents = (int)(fen % 10);
	int groups[4];
	for (int g = 0; g < 4; g++) {
		groups[g] = (int)(yuan % 10000);
		yuan /= 10000;
	}
	bool any = false, zero = false;
	for (int g = 3; g >= 0; g--) {
		for (int k = 3; k >= 0; k--) {
			int d = groups[g] / (k == 3 ? 1000 : k == 2 ? 100 : k == 1 ? 10 : 1) % 10;
			if (!d) {
				zero = any;
				continue;
			}
			if (zero)
				PUT("零");
			PUT(digit[d]);
			PUT(unit[k]);
			any = true;
			zero = false;
		}
		if (groups[g])
			PUT(group[g]);
	}
	if (any)
		PUT("元");
	if (!jiao && !cents) {
		PUT(any ? "整" : "零元整");
		return;
	}
	if (jiao) {
		PUT(digit[jiao]);
		PUT("角");
	} else if (any) {
		PUT("零");
	}
	if (cents) {
		PUT(digit[cents]);
		PUT("分");
	} else {
		PUT("整");
	}
#undef PUT
}
