/* full_test.c - a write that meets a full disk (issue 11 §4). The process
 * runs for a moment under a file-size limit (RLIMIT_FSIZE, with SIGXFSZ
 * ignored: a write past it fails with EFBIG, as one on a full disk fails
 * with ENOSPC), writes until the store refuses, and then shows that the
 * refusal is FZ_FULL with the message a person can act on, that every
 * write acknowledged before it is there, that the refused one left nothing,
 * and that the database writes again once there is room. `make crash-test`
 * does the same through the HTTP API on a real, small tmpfs. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "contract.h"
#include "t.h"

static off_t file_size(const char *dir, const char *name)
{
	char path[512];
	struct stat sb;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return stat(path, &sb) == 0 ? sb.st_size : 0;
}

static enum fz_err append(struct store_fx *fx, int i, const char *filler, struct fz_error *e)
{
	char id[32];
	snprintf(id, sizeof id, "%d", i);
	struct audit_entry ent = { .actor_id = 1, .actor = "full", .client_addr = "10.0.0.9",
				   .action = "disk.fill", .object_type = "test",
				   .object_id = id, .result = "ok", .message = (char *)filler };
	return fx->st->ops->audit_append(fx->st, &ent, NULL, 0, e);
}

static int64_t filled(struct store_fx *fx)
{
	struct audit_filter f = { .action = "disk.fill" };
	struct audit_list l;
	if (fx->st->ops->audit_list(fx->st, fx->a, &f, (struct page){ 0, 1 }, &l, NULL) != FZ_OK)
		return -1;
	return l.total;
}

TEST(store_write_on_a_full_disk_is_refused_as_full_and_keeps_every_acknowledged_write)
{
	struct store_fx fx;
	if (!store_fx_open(&fx))
		return;
	static char filler[8192];
	memset(filler, 'x', sizeof filler - 1);

	off_t big = file_size(fx.dir, "fazhi.db");
	off_t wal = file_size(fx.dir, "fazhi.db-wal");
	if (wal > big)
		big = wal;
	struct rlimit old;
	REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
	struct rlimit lim = old;
	lim.rlim_cur = (rlim_t)big + 256 * 1024;
	void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
	REQUIRE(setrlimit(RLIMIT_FSIZE, &lim) == 0);
	/* nothing printed until the limit is lifted: the test's own output
	 * may be a file longer than the limit */
	struct fz_error e = { 0 };
	enum fz_err rc = FZ_OK;
	int acked = 0;
	while (acked < 100000 && (rc = append(&fx, acked, filler, &e)) == FZ_OK)
		acked++;
	REQUIRE(setrlimit(RLIMIT_FSIZE, &old) == 0);
	signal(SIGXFSZ, old_handler);

	CHECK_INT(rc, FZ_FULL);
	CHECK(acked > 0);
	CHECK_CONTAINS(e.message, "存储空间已满");
	CHECK_INT(fz_err_http_status(FZ_FULL), 507);
	CHECK_INT(filled(&fx), acked); /* all acknowledged, not the refused one */

	/* room again: the next write goes through, the file is whole */
	struct fz_error e2 = { 0 };
	CHECK_INT(append(&fx, acked, "after", &e2), FZ_OK);
	CHECK_INT(filled(&fx), acked + 1);
	char msg[256];
	/* a malformed json() fails the statement, and runs only when the
	 * check says something other than ok */
	CHECK_INT(contract_raw_exec(fx.dir,
				    "SELECT CASE WHEN (SELECT group_concat(integrity_check) "
				    "FROM pragma_integrity_check) = 'ok' THEN 1 "
				    "ELSE json('integrity check failed') END",
				    msg, sizeof msg),
		  0);
	char dir[sizeof fx.dir];
	memcpy(dir, fx.dir, sizeof dir);
	store_fx_close(&fx);

	struct store *st = contract_reopen(dir);
	REQUIRE(st != NULL);
	st->ops->close(st);
}
