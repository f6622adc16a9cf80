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
