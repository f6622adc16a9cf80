/* fuzz_bundle.c - libFuzzer driver: verify-bundle on hostile bundles never
 * crashes, never reads past its input, and never accepts a bundle whose
 * checkpoint signature it could not check (a random input must be named
 * as a failure with a message). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	FILE *in = fmemopen((void *)data, size, "rb");
	if (!in)
		return 0;
	struct bundle_report r;
	bundle_verify(in, &r);
	fclose(in);
	if (!r.ok && !r.problem[0])
		abort(); /* a failure is always named */
	if (r.ok && (r.problem[0] || r.tree_size <= 0))
		abort();
	return 0;
}
