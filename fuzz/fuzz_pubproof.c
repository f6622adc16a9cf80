/* fuzz_pubproof.c - libFuzzer driver: verify-publication's parser on
 * hostile proof files never crashes, never reads past its input, names
 * every failure, and accepts a file only with at least one proved record.
 * The checkpoint's signature is not checked here (no key), so that
 * mutations reach the records and proofs; a seed of a real file passes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/bundle_publication.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pubproof_report r;
	/* a copy of exactly size bytes: a read past it is caught by ASan */
	char *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	pubproof_verify(copy, size, NULL, &r);
	enum ledger_hash_alg alg;
	bool has_alg = pubproof_alg(copy, size, &alg);
	free(copy);
	if (!r.ok && !r.problem[0])
		abort(); /* a failure is always named */
	if (r.ok && (r.problem[0] || r.nrec == 0 || r.tree_size <= 0 || !has_alg))
		abort();
	return 0;
}
