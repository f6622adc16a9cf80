/* fuzz_redact.c - libFuzzer driver for the redaction engine: no crash, no
 * read past the input; an accepted text gives valid UTF-8 no longer than
 * the bound redact.h promises, the same output a second time, and an
 * invalid one appends nothing; the same holds for the text cut at a 0x1F
 * byte into two fields of one publication. The first byte picks the party
 * kind and the policy, so that every scanner and both address modes run. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "domain/redact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct redact_person persons[] = {
		{ "张三", false }, { "张三丰", false }, { "李小花", true }, { "Smith", false },
	};
	static const char *const keep[] = { "王五", "29000112009012" };
	if (size == 0)
		return 0;
	struct redact_ctx ctx;
	redact_ctx_init(&ctx, data[0] & 1 ? REDACT_PARTY_ORGANISATION : REDACT_PARTY_PERSON);
	ctx.policy.mask_party_name = !(data[0] & 2);
	ctx.policy.address_keep_county = !(data[0] & 4);
	if (data[0] & 8)
		ctx.policy.name_suffix = "某某";
	ctx.party_name = data[0] & 16 ? "马建国" : NULL;
	ctx.persons = persons;
	ctx.npersons = sizeof persons / sizeof *persons;
	ctx.keep = keep;
	ctx.nkeep = 2;
	const char *in = (const char *)data + 1;
	size_t len = size - 1;

	struct buf out = BUF_INIT, again = BUF_INIT;
	struct redact_report r;
	enum fz_err rc = redact_text(&ctx, in, len, &out, &r, NULL);
	if (rc == FZ_OK) {
		size_t spans = 0;
		for (int c = 0; c < REDACT_CATEGORY_COUNT; c++)
			spans += r.counts[c];
		if (!utf8_valid(out.data ? out.data : "", out.len))
			abort();
		if (out.len > len + spans * REDACT_REPLACEMENT_MAX)
			abort();
		if (redact_text(&ctx, in, len, &again, NULL, NULL) != FZ_OK || again.len != out.len ||
		    (out.len && memcmp(out.data, again.data, out.len) != 0))
			abort();
	} else if (out.len != 0) {
		abort();
	} else if (rc == FZ_INVALID && utf8_valid(in, len) && len < 257 * 15) {
		/* valid text is refused only for more than 256 persons, and
		 * each needs a label, a colon and a name: "证人：甲乙" */
		abort();
	}
	buf_release(&out);
	buf_release(&again);

	/* the text split at a 0x1F byte as two fields of one publication */
	const char *cut = memchr(in, 0x1F, len);
	if (cut) {
		struct buf a = BUF_INIT, b = BUF_INIT;
		struct redact_field f[2] = { { in, (size_t)(cut - in), &a },
					     { cut + 1, len - (size_t)(cut - in) - 1, &b } };
		rc = redact_fields(&ctx, f, 2, &r, NULL);
		size_t spans = 0;
		for (int c = 0; c < REDACT_CATEGORY_COUNT; c++)
			spans += r.counts[c];
		if (rc == FZ_OK && (!utf8_valid(a.data ? a.data : "", a.len) ||
				    !utf8_valid(b.data ? b.data : "", b.len) ||
				    a.len + b.len > len - 1 + spans * REDACT_REPLACEMENT_MAX))
			abort();
		if (rc != FZ_OK && (a.len || b.len))
			abort();
		buf_release(&a);
		buf_release(&b);
	}
	return 0;
}
