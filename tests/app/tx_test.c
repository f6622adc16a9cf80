/* tx_test.c - writes under contention: a write that meets a busy database
 * waits and retries, whole; what still cannot get the lock within its
 * wait fails with FZ_BUSY, keeping nothing, never with a storage error;
 * and many writers on one file with a short busy timeout leave gapless
 * numbers and a ledger that verifies. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/case.h"
#include "app/ledger.h"
#include "app/ledger_verify.h"
#include "app/tx.h"
#include "domain/roles.h"
#include "fixture.h"
#include "t.h"

struct tx {
	struct fx f;
	struct app_ctx officer;
	int64_t people[2];
};

static bool tx_open(struct tx *x)
{
	if (!fx_open(&x->f))
		return false;
	x->people[0] = fx_certified_officer(&x->f, 41);
	x->people[1] = fx_certified_officer(&x->f, 42);
	int64_t uid = fx_user(&x->f, "txofficer", ROLE_OFFICER, x->f.natres, "Right#Pass1");
	if (!x->people[0] || !x->people[1] || !uid)
		return false;
	fx_as(&x->f, &x->officer, ROLE_OFFICER, x->f.natres);
	x->officer.user->id = uid;
	x->officer.user->username = "txofficer";
	x->officer.user->person_id = x->people[0];
	x->officer.actor = "txofficer";
	return true;
}

/* Opens a penalty case as ctx. */
static enum fz_err open_case(struct tx *x, struct app_ctx *ctx, struct enf_case *c,
			     struct fz_error *e)
{
	static const struct case_field open_f[] = { { "facts", "未经批准占用集体土地建设厂房" },
						    { "source", "巡查发现" } };
	struct case_input in = { .procedure = "penalty_general", .domain = "自然资源",
				 .title = "非法占用土地案", .party_kind = PARTY_ORGANISATION,
				 .party_name = "海原县某建材有限公司",
				 .party_address = "海原县海城镇", .act_date = "2025-11-01" };
	struct case_step_input open = { .reason = "补录：测试数据按发生日期录入", .step = "open",
					.on = "2025-12-01", .fields = open_f, .nfields = 2,
					.officers = x->people, .nofficers = 2 };
	return app_case_open(ctx, &in, &open, c, NULL, e);
}

/* The n of "…〔2025〕n号", or 0. */
static int number_of(const char *number)
{
	const char *p = number ? strstr(number, "〕") : NULL;
	return p ? (int)strtol(p + strlen("〕"), NULL, 10) : 0;
}

static void check_ledger(struct tx *x)
{
	struct ledger_verify_report r;
	struct fz_error e = { 0 };
	CHECK_INT(app_ledger_verify(&x->f.cli, x->f.data_dir, NULL, &r, &e), FZ_OK);
	CHECK(r.ok);
	CHECK_STR(r.problem, "");
}

/* A second connection that holds the write lock until released. */
static struct store *lock_hold(struct tx *x)
{
	struct store *st = NULL;
	struct fz_error e = { 0 };
	if (store_sqlite_open(x->f.db, false, &st, &e) ||
	    st->ops->begin(st, true, &e) != FZ_OK) {
		t_fail(__FILE__, __LINE__, "lock: %s", e.message);
		if (st)
			st->ops->close(st);
		return NULL;
	}
	return st;
}

TEST(app_write_past_its_wait_is_busy_in_chinese_and_keeps_nothing)
{
	struct tx x;
	struct fz_error e = { 0 };
	struct enf_case c;
	REQUIRE(tx_open(&x));
	int64_t audits = fx_audit_count(&x.f), leaves = fx_count(&x.f, "ledger_leaves");
	struct store *holder = lock_hold(&x);
	REQUIRE(holder);
	x.f.cfg.write_wait_ms = 20;
	x.f.st->ops->busy_timeout(x.f.st, 1);
	long before = app_tx_retries();
	CHECK_INT(open_case(&x, &x.officer, &c, &e), FZ_BUSY);
	CHECK_INT(e.code, FZ_BUSY);
	CHECK_STR(e.message, "系统繁忙，本次操作未保存，请稍后重试");
	CHECK(app_tx_retries() > before);
	holder->ops->rollback(holder);
	holder->ops->close(holder);
	CHECK_INT(fx_count(&x.f, "cases"), 0);
	CHECK_INT(fx_count(&x.f, "case_events"), 0);
	CHECK_INT(fx_count(&x.f, "ledger_leaves"), leaves);
	CHECK_INT(fx_audit_count(&x.f), audits);
	/* the lock gone, the same write goes through and takes number 1:
	 * the busy attempt consumed none */
	REQUIRE(open_case(&x, &x.officer, &c, &e) == FZ_OK);
	CHECK_INT(number_of(c.number), 1);
	check_ledger(&x);
	fx_close(&x.f);
}

struct waiter {
	struct app_ctx ctx;
	struct tx *x;
	struct enf_case c;
	enum fz_err rc;
	struct fz_error e;
	atomic_bool done;
};

static void *waiter_run(void *arg)
{
	struct waiter *w = arg;
	w->rc = open_case(w->x, &w->ctx, &w->c, &w->e);
	atomic_store(&w->done, true);
	return NULL;
}

static void pause_briefly(void)
{
	struct timespec ts = { 0, 1000000 };
	nanosleep(&ts, NULL);
}

TEST(app_write_waits_through_busy_retries_until_the_lock_is_free)
{
	struct tx x;
	REQUIRE(tx_open(&x));
	struct store *holder = lock_hold(&x);
	REQUIRE(holder);
	/* a wait far longer than any machine needs: the test ends when the
	 * lock is released, not when a clock runs out */
	x.f.cfg.write_wait_ms = 600000;
	x.f.st->ops->busy_timeout(x.f.st, 1);
	struct waiter w = { .ctx = x.officer, .x = &x };
	atomic_init(&w.done, false);
	long before = app_tx_retries();
	pthread_t t;
	REQUIRE(pthread_create(&t, NULL, waiter_run, &w) == 0);
	/* the writer has met the lock and gone round at least three times */
	while (app_tx_retries() < before + 3 && !atomic_load(&w.done))
		pause_briefly();
	CHECK(!atomic_load(&w.done));
	CHECK_INT(holder->ops->commit(holder, NULL), FZ_OK);
	pthread_join(t, NULL);
	holder->ops->close(holder);
	CHECK_INT(w.rc, FZ_OK);
	CHECK_INT(number_of(w.c.number), 1);
	CHECK_INT(fx_count(&x.f, "cases"), 1);
	check_ledger(&x);
	fx_close(&x.f);
}

enum { WRITERS = 8, OPENS = 4 };

struct writer {
	struct tx *x;
	int ok, busy, other;
	char message[300];
};

static void *writer_run(void *arg)
{
	struct writer *w = arg;
	struct store *st;
	struct fz_error e = { 0 };
	if (store_sqlite_open(w->x->f.db, false, &st, &e)) {
		w->other++;
		snprintf(w->message, sizeof w->message, "open: %s", e.message);
		return NULL;
	}
	/* a busy timeout far below one transaction's length: most writers
	 * meet the lock held and go through the app's retry */
	st->ops->busy_timeout(st, 1);
	struct arena *a = arena_new();
	struct app_ctx ctx = w->x->officer;
	ctx.st = st;
	ctx.a = a;
	for (int k = 0; k < OPENS; k++) {
		struct enf_case c;
		enum fz_err rc = open_case(w->x, &ctx, &c, &e);
		if (rc == FZ_OK) {
			w->ok++;
		} else if (rc == FZ_BUSY && e.code == FZ_BUSY &&
			   strcmp(e.message, fz_err_message(FZ_BUSY)) == 0) {
			w->busy++;
		} else {
			w->other++;
			snprintf(w->message, sizeof w->message, "%s: %s", fz_err_name(rc),
				 e.message);
		}
		arena_reset(a);
	}
	arena_free(a);
	st->ops->close(st);
	return NULL;
}

TEST(app_concurrent_writers_on_a_short_busy_timeout_succeed_or_are_busy_never_fail)
{
	struct tx x;
	REQUIRE(tx_open(&x));
	/* short enough that some writers may give up (FZ_BUSY is then the
	 * only allowed failure), long enough that most get through */
	x.f.cfg.write_wait_ms = 2000;
	struct writer w[WRITERS];
	pthread_t t[WRITERS];
	for (int i = 0; i < WRITERS; i++)
		w[i] = (struct writer){ .x = &x };
	for (int i = 0; i < WRITERS; i++)
		REQUIRE(pthread_create(&t[i], NULL, writer_run, &w[i]) == 0);
	int ok = 0, busy = 0;
	for (int i = 0; i < WRITERS; i++) {
		pthread_join(t[i], NULL);
		CHECK_INT(w[i].other, 0);
		if (w[i].other)
			printf("  writer %d: %s\n", i, w[i].message);
		ok += w[i].ok;
		busy += w[i].busy;
	}
	printf("  %d writes committed, %d answered busy, %ld retries\n", ok, busy,
	       app_tx_retries());
	CHECK_INT(ok + busy, WRITERS * OPENS);
	CHECK(ok > 0);
	/* exactly the committed cases, numbered 1..ok without a gap, each
	 * with its opening event, and a ledger that verifies */
	CHECK_INT(fx_count(&x.f, "cases"), ok);
	CHECK_INT(fx_count(&x.f, "case_events"), ok);
	int seen[WRITERS * OPENS + 1] = { 0 };
	const struct scope all = { .kind = SCOPE_ALL };
	struct case_list l;
	REQUIRE(x.f.st->ops->case_list(x.f.st, x.f.a, &all, NULL, (struct page){ 0, 200 }, &l,
				       NULL) == FZ_OK);
	for (size_t i = 0; i < l.n; i++) {
		int n = number_of(l.items[i].number);
		if (n >= 1 && n <= ok)
			seen[n]++;
		else
			t_fail(__FILE__, __LINE__, "number \"%s\"", l.items[i].number);
	}
	for (int n = 1; n <= ok; n++)
		if (seen[n] != 1)
			t_fail(__FILE__, __LINE__, "number %d seen %d times", n, seen[n]);
	check_ledger(&x);
	fx_close(&x.f);
}
