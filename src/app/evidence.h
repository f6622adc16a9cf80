/* evidence.h - evidence files of a case as use cases: store an uploaded
 * file content-addressed in the data directory (data_dir/evidence/<first
 * 2 hex>/<digest>, the same content once), register it with the case and
 * append its digest to the ledger in one transaction; list and open them
 * within the caller's scope. */
#ifndef FZ_APP_EVIDENCE_H
#define FZ_APP_EVIDENCE_H

#include <limits.h>

#include "app/app.h"
#include "app/ledger.h"
#include "domain/evidence.h"

/* Default upload limit: 2 GiB (app_config.evidence_max overrides). */
#define EVIDENCE_MAX_DEFAULT ((int64_t)2 << 30)
/* Evidence bytes one agency may store unless configured otherwise. */
#define EVIDENCE_QUOTA_DEFAULT ((int64_t)20 << 30)

/* The largest upload ctx allows. */
int64_t app_evidence_max(const struct app_ctx *ctx);

/* A file being received: a temporary file in data_dir/tmp, digested
 * while it is written. app_evidence_upload_begin opens it; write appends
 * (FZ_TOOLARGE past the limit, FZ_IO on a write error); abort removes it.
 * After app_evidence_add (success or not) the temporary file is gone. */
struct evidence_upload {
	char tmp_path[PATH_MAX];
	int fd;                       /* -1 when closed */
	struct ledger_digest_ctx dc;
	int64_t size;
	int64_t max;
	unsigned char digest[LEDGER_DIGEST_MAX]; /* set by finish */
	size_t digest_len;
	unsigned char head[16];       /* the first bytes written (their kind) */
	size_t head_len;
};
enum fz_err app_evidence_upload_begin(const char *data_dir, enum ledger_hash_alg alg, int64_t max,
				      struct evidence_upload *up, struct fz_error *e)
	FZ_MUST_CHECK;
enum fz_err app_evidence_upload_write(struct evidence_upload *up, const void *data, size_t len,
				      struct fz_error *e) FZ_MUST_CHECK;
/* Flushes the file to disk and computes the digest. */
enum fz_err app_evidence_upload_finish(struct evidence_upload *up, struct fz_error *e)
	FZ_MUST_CHECK;
/* Closes and removes the temporary file (safe to call twice). */
void app_evidence_upload_abort(struct evidence_upload *up);

/* What the client says about the file. */
struct evidence_meta {
	const char *file_name;
	const char *media_type;
	const char *record_kind;  /* "text_record" or "av_record" */
};

/* Registers a finished upload with case case_id (PERM_CASE_ACT, the case
 * in scope and not closed): moves the file to its content address, writes
 * the evidence row, its ledger leaf and the audit record together. The
 * temporary file is removed whatever happens. out (may be NULL) gets the
 * row (its strings are meta's); *leaf_index (may be NULL) the leaf. */
/* Whether the case's agency has room for size more bytes of evidence
 * (its quota: agencies.evidence_quota, else cfg->evidence_quota, else
 * EVIDENCE_QUOTA_DEFAULT); FZ_TOOLARGE with a Chinese message when not.
 * For refusing an upload before its body is read; app_evidence_add
 * checks again when it commits. FZ_OK when ctx may not add evidence to
 * the case or cannot see it (that is answered later). */
enum fz_err app_evidence_room(struct app_ctx *ctx, int64_t case_id, int64_t size,
			      struct fz_error *e) FZ_MUST_CHECK;
enum fz_err app_evidence_add(struct app_ctx *ctx, int64_t case_id,
			     const struct evidence_meta *meta, struct evidence_upload *up,
			     struct evidence *out, int64_t *leaf_index, struct fz_error *e)
	FZ_MUST_CHECK;
/* The same from bytes in memory (demo, tests, CLI). */
enum fz_err app_evidence_add_bytes(struct app_ctx *ctx, int64_t case_id,
				   const struct evidence_meta *meta, const void *data, size_t len,
				   struct evidence *out, struct fz_error *e) FZ_MUST_CHECK;

/* A case's evidence (PERM_CASE_READ; the case in scope). */
enum fz_err app_evidence_list(struct app_ctx *ctx, int64_t case_id, struct page pg,
			      struct evidence_list *out, struct fz_error *e) FZ_MUST_CHECK;
/* Opens evidence id of case case_id for reading (PERM_CASE_READ): *fd is
 * the open file (the caller closes it), out its row. FZ_NOTFOUND when the
 * row is missing, outside the scope or of another case; FZ_IO when the
 * stored file is missing. */
enum fz_err app_evidence_open(struct app_ctx *ctx, int64_t case_id, int64_t id,
			      struct evidence *out, int *fd, struct fz_error *e) FZ_MUST_CHECK;

/* Moves a finished upload to the content address of hex (its digest)
 * under data_dir, path set to it; *created is false when the same content
 * was there already (the upload is then dropped). Call inside the write
 * transaction that records it, and unlink path when that fails and
 * *created. Shared by evidence and complaint attachments. */
enum fz_err app_evidence_place(const char *data_dir, struct evidence_upload *up, const char *hex,
			       char path[PATH_MAX], bool *created, struct fz_error *e)
	FZ_MUST_CHECK;

/* The content address of a digest (hex) under data_dir. */
enum fz_err app_evidence_path(const char *data_dir, const char *digest_hex, char out[PATH_MAX],
			      struct fz_error *e) FZ_MUST_CHECK;

#endif
