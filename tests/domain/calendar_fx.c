/* calendar_fx.c - loads data/calendar/cn.txt from the source tree for
 * the calendar and clock tests. */
#include "calendar_fx.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/date.h"
#include "t.h"

const struct calendar *calendar_fx_cn(void)
{
	static struct calendar cal;
	static struct arena *a;
	if (a)
		return &cal;
	char path[1024];
	snprintf(path, sizeof path, "%s/data/calendar/cn.txt", t_source_root());
	FILE *f = fopen(path, "rb");
	if (!f) {
		t_fail(__FILE__, __LINE__, "cannot open %s", path);
		return NULL;
	}
	size_t cap = 1 << 20, len;
	char *text = malloc(cap);
	len = text ? fread(text, 1, cap, f) : 0;
	fclose(f);
	struct fz_error e = { 0 };
	a = arena_new();
	enum fz_err rc = a ? calendar_parse(a, text, len, &cal, &e) : FZ_NOMEM;
	free(text);
	if (rc != FZ_OK) {
		t_fail(__FILE__, __LINE__, "cn.txt does not parse: %s", e.message);
		arena_free(a);
		a = NULL;
		return NULL;
	}
	return &cal;
}

int64_t calendar_fx_day(const char *date)
{
	int y, m, d;
	if (!date_parse(date, &y, &m, &d))
		abort();
	return date_to_days(y, m, d);
}
