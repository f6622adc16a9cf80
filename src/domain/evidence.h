/* evidence.h - an evidence file of a case (证据材料) as a plain struct, and
 * the rules its metadata keeps. The bytes live in the data directory,
 * content-addressed by digest; this is what the evidence table says about
 * them. Strings are owned by whoever allocated the struct. */
#ifndef FZ_DOMAIN_EVIDENCE_H
#define FZ_DOMAIN_EVIDENCE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

/* Lowercase hex of the longest ledger digest, with its NUL. */
#define EVIDENCE_DIGEST_HEX 129

/* The law's two kinds of record (行政执法全过程记录): 文字记录 and 音像记录. */
#define EVIDENCE_TEXT_RECORD "text_record"
#define EVIDENCE_AV_RECORD "av_record"

struct evidence {
	int64_t id;
	int64_t case_id;
	char digest[EVIDENCE_DIGEST_HEX]; /* hex of the file's ledger hash */
	int64_t size;                     /* bytes */
	const char *file_name;            /* as uploaded, UTF-8, no path */
	const char *media_type;           /* "image/jpeg", "text/plain" ... */
	const char *record_kind;          /* EVIDENCE_TEXT_RECORD or _AV_RECORD */
	int64_t uploaded_by;              /* user id, 0 = the shell */
	int64_t uploaded_at;
};

/* True for "text_record" and "av_record". */
bool evidence_record_kind_valid(const char *kind);
/* The Chinese name of a record kind (文字记录 / 音像记录), "" otherwise. */
const char *evidence_record_kind_label(const char *kind);

/* Checks the metadata a client gave: file name (1-200 bytes of UTF-8, no
 * '/', '\\' or control characters, no bidirectional controls, not "." or
 * ".."), media type (exactly one of the allowed types in evidence.c, lower
 * case, without parameters), record kind. Fills e naming file_name,
 * media_type or record_kind. */
enum fz_err evidence_meta_check(const char *file_name, const char *media_type,
				const char *record_kind, struct fz_error *e) FZ_MUST_CHECK;

#endif
