/* fuzz_json.c - libFuzzer driver: JSON request bodies as every API handler
 * reads them (http/jsonin.c). The first byte picks which fields are asked
 * for, as one handler would (required and optional strings, integers in a
 * range, booleans, tri-state booleans); the rest is the body. Never a
 * crash or a read past the body; a body accepted gives each required
 * string non-empty, valid UTF-8 within its length in characters, each
 * integer within its range, and leaves no unknown field; a body refused
 * is refused with a message. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "http/http.h"
#include "http/jsonin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_str(const char *s, size_t max, bool required)
{
	if (!s) {
		if (required)
			abort();
		return;
	}
	size_t n = strlen(s);
	if (!utf8_valid(s, n) || utf8_count(s) > max || (required && n == 0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	struct req r;
	memset(&r, 0, sizeof r);
	r.a = arena_new();
	if (!r.a)
		return 0;
	/* the server hands handlers a NUL-terminated copy of the body */
	char *body = malloc(size);
	if (!body) {
		arena_free(r.a);
		return 0;
	}
	memcpy(body, data + 1, size - 1);
	body[size - 1] = '\0';
	r.body = body;
	r.body_len = size - 1;
	r.method = "POST";
	r.path = "/api/v1/fuzz";
	struct jsonin in;
	jsonin_begin(&in, &r);
	const char *a = NULL, *b = NULL, *c = NULL;
	int64_t n = 0, m = 0;
	switch (data[0] % 4) {
	case 0: /* sign-in */
		a = jsonin_str(&in, "username", 64);
		b = jsonin_str(&in, "password", 128);
		break;
	case 1: /* an agency */
		a = jsonin_str(&in, "name", 100);
		b = jsonin_str_opt(&in, "code", 32);
		n = jsonin_int(&in, "division_id", 1, INT64_MAX);
		(void)jsonin_bool_opt(&in, "active", true);
		break;
	case 2: /* a step with an integer range and a tri-state */
		a = jsonin_str(&in, "step", 64);
		c = jsonin_str_opt(&in, "on", 10);
		m = jsonin_int_opt(&in, "amount", 0, 100000000, -1);
		(void)jsonin_bool_tri(&in, "admin");
		(void)jsonin_has(&in, "fields");
		break;
	default: /* a publication confirmed */
		a = jsonin_str_opt(&in, "title", 200);
		b = jsonin_str_opt(&in, "text", 100000);
		c = jsonin_str_opt(&in, "end_on", 10);
		(void)jsonin_bool(&in, "confirm");
		break;
	}
	if (jsonin_ok(&in)) {
		switch (data[0] % 4) {
		case 0:
			check_str(a, 64, true);
			check_str(b, 128, true);
			break;
		case 1:
			check_str(a, 100, true);
			check_str(b, 32, false);
			if (n < 1)
				abort();
			break;
		case 2:
			check_str(a, 64, true);
			check_str(c, 10, false);
			if (m < -1 || m > 100000000)
				abort();
			break;
		default:
			check_str(a, 200, false);
			check_str(b, 100000, false);
			check_str(c, 10, false);
			break;
		}
	} else if (!in.err.message[0]) {
		abort(); /* a refusal always says why */
	}
	if (r.json)
		json_decref(r.json);
	free(body);
	arena_free(r.a);
	return 0;
}
