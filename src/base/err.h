/* err.h - the one error enum of fazhi, and a detail record for the user.
 *
 * Every fallible function returns enum fz_err. When a caller passes a
 * struct fz_error, the failing function fills in the field that was wrong
 * and a message in Simplified Chinese fit to show to a person. */
#ifndef FZ_BASE_ERR_H
#define FZ_BASE_ERR_H

#include <stdarg.h>

#define FZ_MUST_CHECK __attribute__((warn_unused_result))
#define FZ_PRINTF(f, a) __attribute__((format(printf, f, a)))

enum fz_err {
	FZ_OK = 0,
	FZ_NOMEM,        /* allocation failed */
	FZ_INVALID,      /* input breaks a rule: bad field, bad format */
	FZ_UNAUTHORIZED, /* not signed in, or session expired */
	FZ_FORBIDDEN,    /* signed in, but the role may not do this */
	FZ_NOTFOUND,     /* no such object within the caller's scope */
	FZ_CONFLICT,     /* clashes with existing data (duplicate, stale state) */
	FZ_LOCKED,       /* account locked after repeated failures */
	FZ_TOOLARGE,     /* request body or field over its limit */
	FZ_RATELIMIT,    /* too many attempts from one client */
	FZ_BUSY,         /* storage busy (another writer held it past the
	                  * wait): nothing was written, retry later */
	FZ_IO,           /* file or network I/O failed */
	FZ_FULL,         /* the disk (or file-size limit) is full: nothing was
	                  * written; an administrator must free space */
	FZ_DB,           /* storage failed */
	FZ_INTERNAL,     /* a bug: should not happen */
	FZ_ERR_COUNT
};

struct fz_error {
	enum fz_err code;
	char field[64];    /* API field name that was wrong, "" if none */
	char message[256]; /* Chinese, for people; never contains secrets */
};

/* Fills e (which may be NULL) and returns code, so that callers can write
 * `return fz_fail(e, FZ_INVALID, "uscc", "统一社会信用代码校验位错误");`. */
enum fz_err fz_fail(struct fz_error *e, enum fz_err code, const char *field,
		    const char *fmt, ...) FZ_PRINTF(4, 5);
void fz_error_clear(struct fz_error *e);

/* Stable machine-readable name of a code: "invalid", "not_found" ... */
const char *fz_err_name(enum fz_err code);
/* A default Chinese message when a function gave none. */
const char *fz_err_message(enum fz_err code);
/* FZ_FULL when errno err says the storage is full (ENOSPC, EDQUOT,
 * EFBIG), FZ_IO otherwise. */
enum fz_err fz_err_from_errno(int err);

/* The HTTP status for a code (400, 401, 403, 404, 409, 413, 423, 429, 500,
 * 503, 507). */
int fz_err_http_status(enum fz_err code);
/* The process exit code for a code, as documented in README.md. */
int fz_err_exit_code(enum fz_err code);

#endif
