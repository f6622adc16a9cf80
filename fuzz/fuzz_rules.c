/* fuzz_rules.c - libFuzzer driver for the files whose rules become the
 * system's rules: the holiday calendar, the discretion benchmarks, the
 * province config, the field catalogue, a procedure definition and a
 * case-file evaluation rubric (byte 5: data/rubrics/). The
 * first byte picks the parser; the rest is the file. No crash, no read
 * past the input; a refusal always says where ("第 N 行"), and an accepted
 * calendar has no day twice. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "domain/benchmark.h"
#include "domain/calendar.h"
#include "domain/evaluation.h"
#include "domain/procedure.h"
#include "domain/procedure_builtin.h"
#include "domain/procedure_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void refused_says_where(enum fz_err rc, const struct fz_error *e)
{
	if (rc == FZ_INVALID && !strstr(e->message, "第 ") && !strstr(e->message, "UTF-8") &&
	    e->message[0] == '\0')
		abort();
}

/* The shipped field catalogue, loaded once, so that a definition's
 * fields resolve and the parser goes as deep as for a real file. */
static const struct proc_fields *catalogue(void)
{
	static struct arena *keep;
	static struct proc_set set;
	struct fz_error e;
	if (!keep && (keep = arena_new()) && proc_set_load_builtin(&set, keep, &e) != FZ_OK)
		set.catalogue = NULL;
	return set.catalogue;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	struct arena *a = arena_new();
	struct fz_error e = { 0 };
	enum fz_err rc = FZ_OK;
	if (!a)
		return 0;
	switch (data[0] % 6) {
	case 0: {
		struct calendar cal;
		rc = calendar_parse(a, text, len, &cal, &e);
		if (rc == FZ_OK && !calendar_sort(&cal, NULL))
			abort(); /* accepted, yet a day or a year twice */
		break;
	}
	case 1: {
		struct benchmark_set set = { 0 };
		rc = benchmark_parse(a, "fuzz.txt", text, len, &set, &e);
		break;
	}
	case 2: {
		struct proc_config cfg;
		proc_config_init(&cfg);
		rc = proc_config_parse(text, len, "config.txt", &cfg, a, &e);
		break;
	}
	case 3: {
		struct proc_fields f;
		rc = proc_fields_parse(text, len, "fields.txt", &f, a, &e);
		break;
	}
	case 5: {
		struct rubric rb;
		rc = rubric_parse(a, text, len, &rb, &e);
		if (rc == FZ_OK) {
			/* accepted: the sections total 20 and 80 */
			int form = 0, content = 0;
			for (size_t i = 0; i < rb.nitems; i++) {
				form += rb.items[i].section == RUBRIC_FORM ? rb.items[i].points : 0;
				content += rb.items[i].section == RUBRIC_CONTENT ? rb.items[i].points : 0;
			}
			if (form != RUBRIC_FORM_TOTAL || content != RUBRIC_CONTENT_TOTAL)
				abort();
		}
		break;
	}
	default: {
		struct proc_def d;
		rc = procedure_parse(text, len, "fuzz.txt", catalogue(), &d, a, &e);
		break;
	}
	}
	refused_says_where(rc, &e);
	arena_free(a);
	return 0;
}
