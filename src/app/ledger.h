/* ledger.h - the one ledger as a use case: append a leaf for a case
 * event, an evidence file or a document inside the caller's write
 * transaction, make signed checkpoints, and digest objects with the
 * ledger's hash (SM3 by default, SHA-256 when chosen at init). */
#ifndef FZ_APP_LEDGER_H
#define FZ_APP_LEDGER_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "base/buf.h"
#include "domain/case.h"
#include "domain/catalogue.h"
#include "domain/complaint.h"
#include "domain/consultation.h"
#include "domain/decision_catalogue.h"
#include "domain/evidence.h"
#include "domain/publication.h"
#include "ledger/hash.h"

/* What a leaf stands for. The number is part of the leaf's data: never
 * renumber. */
enum ledger_kind {
	LEDGER_CASE_EVENT = 1,
	LEDGER_EVIDENCE = 2,
	LEDGER_DOCUMENT = 3,
	LEDGER_CASE_HEADER = 4, /* a version of a case's header (case_headers) */
	LEDGER_CASE_EXPORT = 5, /* a case bundle exported (case_exports) */
	LEDGER_KEY_ROTATION = 6, /* the signing key rotated (ledger_key_rotations) */
	LEDGER_PUBLICATION = 7, /* a decision published or withdrawn
	                         * (publication_events) */
	LEDGER_POWER_LIST = 8,  /* a version of an agency's power list
	                         * (权责清单) published (power_lists; the
	                         * encoding in app/powerlist.h) */
	LEDGER_COMPLAINT = 9,   /* a complaint filed, accepted or refused,
	                         * answered, returned, closed (complaint_events) */
	LEDGER_OVERSIGHT = 10,  /* an evaluation, check or rectification fact
	                         * (oversight_records) */
	LEDGER_DECISION_CATALOGUE = 11, /* a decision catalogue's entry: an item
	                                 * listed, the approval, an adjustment
	                                 * (decision_catalogue_entries) */
	LEDGER_COMMENT = 12,    /* a public comment on a draft received, hidden,
	                         * shown again or its adoption recorded
	                         * (public_comment_events) */
};
#define LEDGER_KIND_MAX 12

/* What a kind is called (ledger_kinds.c, the one table): its Chinese name
 * wherever people read it ("证据材料") and its word in the API
 * ("evidence"); NULL for a number that is no kind. */
const char *ledger_kind_name(int kind);
const char *ledger_kind_code(int kind);

/* Longest digest of any ledger hash (SM3 and SHA-256 both give 32). */
#define LEDGER_DIGEST_MAX 64

/* --- the hash: a property of each database --- */

/* The hash recorded in ctx's database (read from it at each call: two
 * databases open in one process each keep their own). */
enum fz_err app_ledger_alg(struct app_ctx *ctx, enum ledger_hash_alg *alg, struct fz_error *e)
	FZ_MUST_CHECK;
enum fz_err app_ledger_store_alg(struct store *st, enum ledger_hash_alg *alg, struct fz_error *e)
	FZ_MUST_CHECK;
/* The name of ctx's hash for display ("sm3", "sha256"), "" when it
 * cannot be read. */
const char *app_ledger_hash_label(struct app_ctx *ctx);
/* Checks that the database records a hash this binary knows. */
enum fz_err app_ledger_open(struct store *st, struct fz_error *e) FZ_MUST_CHECK;
/* Records alg as the database's hash (fazhi init --hash); FZ_FORBIDDEN
 * once the ledger has a leaf. */
enum fz_err app_ledger_hash_choose(struct app_ctx *ctx, enum ledger_hash_alg alg,
				   struct fz_error *e) FZ_MUST_CHECK;

/* Digests len bytes with alg into out; returns the digest's length. */
size_t ledger_digest(enum ledger_hash_alg alg, const void *data, size_t len,
		     unsigned char out[LEDGER_DIGEST_MAX]);

/* Streaming digest for files: init, update with each chunk, final. The
 * context holds an OpenSSL digest context: always call ledger_digest_final
 * or ledger_digest_abort to release it. */
struct ledger_digest_ctx {
	void *md;    /* EVP_MD_CTX *, opaque */
	size_t size; /* digest length */
};
enum fz_err ledger_digest_init(struct ledger_digest_ctx *dc, enum ledger_hash_alg alg)
	FZ_MUST_CHECK;
enum fz_err ledger_digest_update(struct ledger_digest_ctx *dc, const void *data, size_t len)
	FZ_MUST_CHECK;
/* Writes the digest to out and sets *out_len (32); releases the context. */
enum fz_err ledger_digest_final(struct ledger_digest_ctx *dc, unsigned char out[LEDGER_DIGEST_MAX],
				size_t *out_len) FZ_MUST_CHECK;
/* Releases the context without a result (error paths). */
void ledger_digest_abort(struct ledger_digest_ctx *dc);

/* --- appending --- */

/* Appends one leaf (kind, ref_id, ctx->now, digest) to the ledger. Must be
 * called inside the caller's write transaction, so that the object and
 * its leaf are written together or not at all. digest is the object's
 * content digest made with the database's hash. On FZ_OK *leaf_index (may
 * be NULL) is the leaf's 0-based index in the log. */
enum fz_err app_ledger_append(struct app_ctx *ctx, enum ledger_kind kind, int64_t ref_id,
			      const unsigned char *digest, size_t digest_len,
			      int64_t *leaf_index, struct fz_error *e) FZ_MUST_CHECK;

/* app_ledger_append for a case event just stored (id, seq and at set). */
enum fz_err app_ledger_append_event(struct app_ctx *ctx, const struct case_event *ev,
				    struct fz_error *e) FZ_MUST_CHECK;
/* app_ledger_append for a document just stored (id set). */
enum fz_err app_ledger_append_document(struct app_ctx *ctx, const struct case_document *d,
				       struct fz_error *e) FZ_MUST_CHECK;
/* Logs the case's header when the row's bound fields (number, agency,
 * procedure, kind, domain, matter, title, the party, act date, opened,
 * closed, who opened it and when) differ from its latest logged version:
 * a new case_headers row and its leaf. Call it in the write transaction
 * that inserted or changed the row. */
enum fz_err app_ledger_case_header(struct app_ctx *ctx, int64_t case_id, struct fz_error *e)
	FZ_MUST_CHECK;

/* --- canonical encodings (docs/LEDGER.md, "Content digests") --- */

/* Each appends to b (check buf_status once). The content digest of a
 * record is the ledger hash of its encoding.
 *   event:    "fazhi.case_event.v2", case_id, seq, step, on, at, actor_id,
 *             actor, corrects, reason, number of fields, each field's key
 *             and value sorted by key (bytewise), number of officers, each
 *             officer's person id ascending;
 *   evidence: "fazhi.evidence.v1", case_id, digest (the file's, hex),
 *             size, file_name, media_type, record_kind, uploaded_by,
 *             uploaded_at;
 *   document: "fazhi.document.v2", case_id, event_id, agency_id, kind,
 *             title, number, digest (the PDF's, hex), size, pages,
 *             created_at;
 *   header:   "fazhi.case_header.v1", case_id, seq, at, number, agency_id,
 *             procedure, kind, domain, matter, title, party_kind,
 *             party_name, party_id, party_address, act_date, opened_on,
 *             closed (0/1), created_by, created_at;
 *   export:   "fazhi.case_export.v1", case_id, at, actor_id, actor,
 *             headers, events, evidence, documents. */
void app_ledger_event_encode(const struct case_event *ev, struct buf *b);
void app_ledger_evidence_encode(const struct evidence *ev, struct buf *b);
void app_ledger_document_encode(const struct case_document *d, struct buf *b);
void app_ledger_header_encode(const struct case_header *h, struct buf *b);
void app_ledger_export_encode(const struct case_export *x, struct buf *b);
/*   publication: "fazhi.publication_event.v1", publication_id, action,
 *             on, at, actor_id, actor, title, text, reason, basis. */
void app_ledger_publication_encode(const struct publication_event *ev, struct buf *b);
size_t app_ledger_publication_digest(enum ledger_hash_alg alg, const struct publication_event *ev,
				     unsigned char out[LEDGER_DIGEST_MAX]);
/*   complaint: "fazhi.complaint_event.v1", complaint_id, action, on, at,
 *             actor_id, actor, agency_id, text, state. */
void app_ledger_complaint_encode(const struct complaint_event *ev, struct buf *b);
size_t app_ledger_complaint_digest(enum ledger_hash_alg alg, const struct complaint_event *ev,
				     unsigned char out[LEDGER_DIGEST_MAX]);
/*   comment: "fazhi.public_comment_event.v1", comment_id, case_id, action,
 *             on, at, actor_id, actor, text (submit: the comment as sent —
 *             never the sender's name or contact; else the reason). */
void app_ledger_comment_encode(const struct comment_event *ev, struct buf *b);
size_t app_ledger_comment_digest(enum ledger_hash_alg alg, const struct comment_event *ev,
				 unsigned char out[LEDGER_DIGEST_MAX]);
/*   oversight: "fazhi.oversight_record.v1", subject, subject_id, action,
 *             on, at, actor_id, actor, body. */
void app_ledger_dcat_encode(const struct decision_catalogue_entry *en, struct buf *b);
size_t app_ledger_dcat_digest(enum ledger_hash_alg alg, const struct decision_catalogue_entry *en,
			      unsigned char out[LEDGER_DIGEST_MAX]);
void app_ledger_oversight_encode(const struct oversight_record *r, struct buf *b);
size_t app_ledger_oversight_digest(enum ledger_hash_alg alg, const struct oversight_record *r,
				   unsigned char out[LEDGER_DIGEST_MAX]);

/* The digests of the encodings above; return the length, 0 when out of
 * memory. */
size_t app_ledger_event_digest(enum ledger_hash_alg alg, const struct case_event *ev,
			       unsigned char out[LEDGER_DIGEST_MAX]);
size_t app_ledger_evidence_digest(enum ledger_hash_alg alg, const struct evidence *ev,
				  unsigned char out[LEDGER_DIGEST_MAX]);
size_t app_ledger_document_digest(enum ledger_hash_alg alg, const struct case_document *d,
				  unsigned char out[LEDGER_DIGEST_MAX]);
size_t app_ledger_header_digest(enum ledger_hash_alg alg, const struct case_header *h,
				unsigned char out[LEDGER_DIGEST_MAX]);
size_t app_ledger_export_digest(enum ledger_hash_alg alg, const struct case_export *x,
				unsigned char out[LEDGER_DIGEST_MAX]);

/* The signing key's files in the data directory. */
#define LEDGER_KEY_FILE "ledger.key" /* Ed25519 private key, PEM, 0600 */
#define LEDGER_PUB_FILE "ledger.pub" /* its public key, PEM */
#define LEDGER_SM2_KEY_FILE "ledger-sm2.key" /* SM2 private key, when configured */
#define LEDGER_SM2_PUB_FILE "ledger-sm2.pub"
#define LEDGER_WITNESSES_FILE "witnesses" /* witness verifier keys, one a line */

/* Creates data_dir (0700) when missing and a key pair in it when there is
 * none; *created says whether a key was made. */
enum fz_err app_ledger_key_init(const char *data_dir, bool *created, struct fz_error *e)
	FZ_MUST_CHECK;

/* The signing key's path: ctx->cfg->ledger_key_file, or
 * data_dir/ledger.key. */
enum fz_err app_ledger_key_path(struct app_ctx *ctx, char out[PATH_MAX], struct fz_error *e)
	FZ_MUST_CHECK;

/* Sets the log's origin (the first line of every checkpoint; "" or NULL
 * keeps it) and the signatures each checkpoint carries ("ed25519",
 * "ed25519,sm2"; NULL keeps them); audited ("ledger.configure"). An
 * origin already used by a checkpoint is FZ_FORBIDDEN to change. */
enum fz_err app_ledger_log_configure(struct app_ctx *ctx, const char *origin, const char *sigs,
				     struct fz_error *e) FZ_MUST_CHECK;

/* Sets the RFC 3161 time-stamping authority asked for a token on every
 * checkpoint ("" or NULL: none); audited ("ledger.configure"). */
enum fz_err app_ledger_tsa_configure(struct app_ctx *ctx, const char *url, struct fz_error *e)
	FZ_MUST_CHECK;

/* Signs a checkpoint of the whole ledger with the key in
 * ctx->cfg->data_dir, stores it and audits it ("ledger.checkpoint").
 * When the ledger has not grown since the latest checkpoint nothing is
 * made: *made is false and out is that latest one (zeroed when none). */
enum fz_err app_ledger_checkpoint(struct app_ctx *ctx, bool *made,
				  struct ledger_checkpoint_row *out, struct fz_error *e)
	FZ_MUST_CHECK;

/* What the portal publishes: the latest checkpoint (FZ_NOTFOUND when
 * none yet) and the ledger's current size. Public: no permission. */
enum fz_err app_ledger_latest(struct app_ctx *ctx, struct ledger_checkpoint_row *out,
			      int64_t *size, struct fz_error *e) FZ_MUST_CHECK;

/* FZ_OK when every logged table's rows all have their leaf; otherwise
 * FZ_CONFLICT naming the first rows without one (fazhi init reports it:
 * rows are never logged after the fact, which would date them now). */
enum fz_err app_ledger_unlogged_check(struct app_ctx *ctx, struct fz_error *e) FZ_MUST_CHECK;

#endif
