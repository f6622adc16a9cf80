/* bundle.h - a case file as one self-contained bundle: the record of its
 * export (how many records of each kind the case had), every version of
 * its header, its events, evidence records and files, documents and their
 * PDFs (each as its canonical encoding), the inclusion proof of every
 * leaf, and the signed checkpoint they are proved against. Export reads
 * the database; verification needs nothing but the bundle, read once from
 * start to end in constant memory (docs/LEDGER.md, "Case bundles"). */
#ifndef FZ_APP_BUNDLE_H
#define FZ_APP_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "app/app.h"
#include "base/err.h"

#define BUNDLE_MAGIC "fazhi-case-bundle/v2"
/* The longest line a bundle may have (an item's encoding in hex). */
#define BUNDLE_LINE_MAX (16u << 20)

struct bundle_summary {
	char number[128];  /* case number */
	int64_t headers, events, evidence, documents;
	int64_t export_leaf; /* the leaf that records this export */
	int64_t tree_size;   /* the checkpoint's */
	bool made_checkpoint;
};

/* Writes the bundle of case case_id to out. Needs PERM_CASE_READ and the
 * case in ctx's scope (FZ_NOTFOUND outside it, as every read). Records
 * the export (a case_exports row, its leaf and an audit entry
 * "case.export"), then signs a checkpoint covering it (the key is in
 * data_dir, which is also where the files are read). Each item's proof
 * comes from the stored interior nodes (app/ledger_proof.h): O(log n)
 * reads per item, whatever the log's size. */
enum fz_err app_bundle_export(struct app_ctx *ctx, const char *data_dir, int64_t case_id,
			      FILE *out, struct bundle_summary *sum, struct fz_error *e)
	FZ_MUST_CHECK;

struct bundle_report {
	bool ok;
	char problem[512]; /* the first thing that does not hold */
	char number[128];
	char hash[8];
	int64_t headers, events, evidence, documents, tree_size;
	int64_t file_bytes; /* bytes of files hashed */
	char root[2 * 64 + 1];
	char pubkey[2 * 32 + 1];
};

/* Checks the bundle read from in, offline and in one pass: every content
 * digest recomputed (records from their encodings, files from their
 * bytes as they stream by), every leaf hash, every inclusion proof
 * against the checkpoint's root, the checkpoint's signature, and that the
 * bundle is the whole case: the counts its export record states, headers
 * and events gapless in order, nothing twice, nothing from another case,
 * every document tied to one of the case's events. r->ok false names the
 * first failure. Memory stays bounded by BUNDLE_LINE_MAX whatever the
 * files' sizes. */
void bundle_verify(FILE *in, struct bundle_report *r);

#endif
