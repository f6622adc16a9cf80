/* complaint_internal.h - what the complaint use cases share (app/
 * complaint.c, complaint_attach.c, complaint_track.c): a checked
 * attachment, the digest of the filing address and the rate limit on it.
 * Private to src/app/. */
#ifndef FZ_APP_COMPLAINT_INTERNAL_H
#define FZ_APP_COMPLAINT_INTERNAL_H

#include <limits.h>

#include "app/complaint.h"

/* A file checked for attaching: its row (complaint_id set on storing). */
struct complaint_attach {
	struct complaint_attachment row;
	struct evidence_upload *up;
	char path[PATH_MAX];
	bool created;
};

/* The filing address as a digest: counted for the rate limit, never shown. */
void complaint_client_key(const char *addr, char out[65]);

/* FZ_RATELIMIT when the address of digest key filed COMPLAINT_RATE_MAX
 * complaints within the window, else FZ_OK. */
enum fz_err complaint_rate_check_key(struct app_ctx *ctx, const char *key, struct fz_error *e)
	FZ_MUST_CHECK;

/* Checks the files (count, sizes, kind by content, names) into att[0..n). */
enum fz_err complaint_files_check(struct app_ctx *ctx, struct complaint_file *files, size_t n,
				  struct complaint_attach *att, struct fz_error *e) FZ_MUST_CHECK;

#endif
