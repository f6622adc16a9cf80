/* bundle.h - a case file as one self-contained bundle: its events (their
 * canonical encodings), evidence records and files, documents, the
 * inclusion proof of every leaf, and the signed checkpoint they are
 * proved against. Export reads the database; verification needs nothing
 * but the bundle (docs/LEDGER.md, "Case bundles"). */
#ifndef FZ_APP_BUNDLE_H
#define FZ_APP_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "app/app.h"
#include "base/err.h"

#define BUNDLE_MAGIC "fazhi-case-bundle/v1"

struct bundle_summary {
	char number[128];  /* case number */
	int64_t events, evidence, documents;
	int64_t tree_size; /* the checkpoint's */
	bool made_checkpoint;
};

/* Writes the bundle of case case_id to out. Makes a checkpoint first when
 * the latest one does not cover every leaf of the case (the key is in
 * data_dir, which is also where the files are read). */
enum fz_err app_bundle_export(struct app_ctx *ctx, const char *data_dir, int64_t case_id,
			      FILE *out, struct bundle_summary *sum, struct fz_error *e)
	FZ_MUST_CHECK;

struct bundle_report {
	bool ok;
	char problem[512]; /* the first thing that does not hold */
	char number[128];
	char hash[8];
	int64_t events, evidence, documents, tree_size;
	char root[2 * 64 + 1];
	char pubkey[2 * 32 + 1];
};

/* Checks the bundle held in data[0..len) offline: every content digest
 * recomputed (events from their encodings, files from their bytes),
 * every leaf hash, every inclusion proof against the checkpoint's root,
 * and the checkpoint's signature. r->ok false names the first failure. */
void bundle_verify(const unsigned char *data, size_t len, struct bundle_report *r);

#endif
