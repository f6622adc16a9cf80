/* num.c - strict integer parsing of outside input. */
#include "base/num.h"

bool num_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	bool neg = false;
	uint64_t v = 0;

	if (!s || !*s)
		return false;
	if (*s == '-') {
		if (min >= 0)
			return false;
		neg = true;
		s++;
	}
	if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] != '\0'))
		return false;
	uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		unsigned d = (unsigned)(*s - '0');
		if (v > (limit - d) / 10)
			return false;
		v = v * 10 + d;
	}
	int64_t val;
	if (neg)
		val = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	else
		val = (int64_t)v;
	if (neg && val == 0)
		return false; /* "-0" */
	if (val < min || val > max)
		return false;
	*out = val;
	return true;
}

int64_t num_id(const char *s)
{
	int64_t id;
	return num_parse_i64(s, 1, INT64_MAX, &id) ? id : 0;
}

int num_digits(const char *s, int n, int max)
{
	int v = 0;
	if (!s)
		return -1;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

bool num_list_has(const char *list, int64_t id)
{
	for (const char *p = list ? list : ""; *p;) {
		int64_t v = 0;
		const char *q = p;
		while (*q >= '0' && *q <= '9') {
			if (v > (INT64_MAX - (*q - '0')) / 10)
				return false;
			v = v * 10 + (*q++ - '0');
		}
		if (q == p)
			return false;
		if (v == id)
			return true;
		p = q;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return false;
}

size_t num_format_i64(int64_t v, char out[NUM_I64_CHARS])
{
	char digits[20];
	size_t n = 0, len = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		out[len++] = '-';
	while (n)
		out[len++] = digits[--n];
	out[len] = '\0';
	return len;
}
