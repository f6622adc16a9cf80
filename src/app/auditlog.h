/* auditlog.h - reading, exporting and purging the audit log (auditor and
 * shell only). Reading changes nothing; an export and a purge are
 * themselves audited. */
#ifndef FZ_APP_AUDITLOG_H
#define FZ_APP_AUDITLOG_H

#include "app/app.h"
#include "base/buf.h"

enum fz_err app_audit_list(struct app_ctx *ctx, const struct audit_filter *f, struct page pg,
			   struct audit_list *out, struct fz_error *e);
enum fz_err app_audit_changes(struct app_ctx *ctx, int64_t audit_id,
			      struct audit_change_list *out, struct fz_error *e);
/* Writes every matching record (up to 100000) as CSV (UTF-8 with BOM, so
 * that spreadsheet programs read the Chinese correctly) into out. */
enum fz_err app_audit_export_csv(struct app_ctx *ctx, const struct audit_filter *f,
				 struct buf *out, struct fz_error *e);
/* Deletes records older than before; refused inside the retention. */
enum fz_err app_audit_purge(struct app_ctx *ctx, int64_t before, int64_t *deleted,
			    struct fz_error *e);

#endif
