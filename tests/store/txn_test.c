/* txn_test.c - contract: transactions commit whole or not at all, writers
 * take turns instead of failing, and a write the store acknowledged is
 * still there after the process is killed. */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "contract.h"
#include "t.h"

static int64_t agencies_named(struct store *st, struct arena *a, const char *q)
{
	struct scope all = sc_all();
	struct agency_filter f = { .q = q };
	struct agency_list l;
	if (st->ops->agency_list(st, a, &all, &f, PAGE_ALL, &l, NULL) != FZ_OK)
		return -1;
	return l.total;
}

static struct agency new_agency(const char *name, const char *uscc)
{
	return (struct agency){ .name = (char *)name, .uscc = (char *)uscc,
				.division_code = "640522", .kind = "department", .active = true };
}

TEST(store_rollback_discards_every_write)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(fx.st->ops->begin(fx.st, true, NULL), FZ_OK);
	struct agency a1 = new_agency("回滚测试甲", "R1"), a2 = new_agency("回滚测试乙", "R2");
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &a1, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &a2, NULL), FZ_OK);
	CHECK_INT(agencies_named(fx.st, fx.a, "回滚测试"), 2);
	fx.st->ops->rollback(fx.st);
	CHECK_INT(agencies_named(fx.st, fx.a, "回滚测试"), 0);
	/* rollback with no transaction open does nothing */
	fx.st->ops->rollback(fx.st);
	store_fx_close(&fx);
}

TEST(store_failed_statement_leaves_the_transaction_usable)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(fx.st->ops->begin(fx.st, true, NULL), FZ_OK);
	struct agency a1 = new_agency("事务甲", "T1");
	struct agency dup = new_agency("事务重复", "T1");
	struct agency a2 = new_agency("事务乙", "T2");
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &a1, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &dup, NULL), FZ_CONFLICT);
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &a2, NULL), FZ_OK);
	CHECK_INT(fx.st->ops->commit(fx.st, NULL), FZ_OK);
	CHECK_INT(agencies_named(fx.st, fx.a, "事务"), 2);
	store_fx_close(&fx);
}

TEST(store_transactions_do_not_nest)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	CHECK_INT(fx.st->ops->begin(fx.st, false, NULL), FZ_OK);
	struct fz_error e = { 0 };
	CHECK(fx.st->ops->begin(fx.st, true, &e) != FZ_OK);
	CHECK_INT(fx.st->ops->commit(fx.st, NULL), FZ_OK);
	CHECK(fx.st->ops->commit(fx.st, &e) != FZ_OK);
	store_fx_close(&fx);
}

TEST(store_uncommitted_writes_are_invisible_to_other_connections)
{
	struct store_fx fx;
	REQUIRE(store_fx_open(&fx));
	struct store *other = contract_reopen(fx.dir);
	REQUIRE(other);
	CHECK_INT(fx.st->ops->begin(fx.st, true, NULL), FZ_OK);
	struct agency ag = new_agency("未提交的局", "U1");
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &ag, NULL), FZ_OK);
	CHECK_INT(agencies_named(other, fx.a, "未提交"), 0);
	CHECK_INT(fx.st->ops->commit(fx.st, NULL), FZ_OK);
	CHECK_INT(agencies_named(other, fx.a, "未提交"), 1);
	other->ops->close(other);
	store_fx_close(&fx);
}

struct second_writer {
	struct store *st;
	enum fz_err begin, insert, commit;
	atomic_bool trying;          /* about to begin */
	const atomic_bool *committed; /* the first writer's commit is done */
	bool began_after_commit;
};

static void *second_writer_run(void *arg)
{
	struct second_writer *w = arg;
	atomic_store(&w->trying, true);
	w->begin = w->st->ops->begin(w->st, true, NULL);
	w->began_after_commit = atomic_load(w->committed);
	struct agency ag = new_agency("第二个写者", "W2");
	w->insert = w->st->ops->agency_insert(w->st, &ag, NULL);
	w->commit = w->st->ops->commit(w->st, NULL);
	return NULL;
}

/* BEGIN IMMEDIATE: the second writer waits at begin (within the busy
 * timeout) rather than failing half-way through its transaction: its
 * begin returns only after the first writer committed. Ordered by flags,
 * not by the clock, so a slow machine cannot make it pass or fail. */
TEST(store_second_writer_waits_for_the_first)
{
	struct store_fx fx;
	atomic_bool committed = false;
	REQUIRE(store_fx_open(&fx));
	struct second_writer w = { .st = contract_reopen(fx.dir), .committed = &committed };
	REQUIRE(w.st);
	REQUIRE(fx.st->ops->begin(fx.st, true, NULL) == FZ_OK);
	pthread_t t;
	REQUIRE(pthread_create(&t, NULL, second_writer_run, &w) == 0);
	while (!atomic_load(&w.trying))
		sched_yield();
	/* give its begin a moment to meet the lock (how long does not
	 * matter: the order is what is checked) */
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	struct agency ag = new_agency("第一个写者", "W1");
	CHECK_INT(fx.st->ops->agency_insert(fx.st, &ag, NULL), FZ_OK);
	atomic_store(&committed, true); /* set before: the commit releases the lock */
	CHECK_INT(fx.st->ops->commit(fx.st, NULL), FZ_OK);
	pthread_join(t, NULL);
	CHECK_INT(w.begin, FZ_OK);
	CHECK_INT(w.insert, FZ_OK);
	CHECK_INT(w.commit, FZ_OK);
	CHECK(w.began_after_commit);
	CHECK_INT(agencies_named(fx.st, fx.a, "写者"), 2);
	w.st->ops->close(w.st);
	store_fx_close(&fx);
}

/* The child commits through the store and is killed with SIGKILL before
 * it can close anything; the parent must find both writes. */
TEST(store_acknowledged_write_survives_kill)
{
	const char *dir = t_tmpdir();
	struct store *st = contract_open(dir);
	REQUIRE(st);
	st->ops->close(st);

	pid_t pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		struct store *c = contract_reopen(dir);
		if (!c)
			_exit(1);
		struct division d = { .code = "640000", .name = "宁夏回族自治区",
				      .level = DIVISION_PROVINCE };
		struct agency ag = new_agency("持久化测试局", "K1");
		snprintf(ag.division_code, sizeof ag.division_code, "640000");
		if (c->ops->division_put(c, &d, NULL) || c->ops->begin(c, true, NULL) ||
		    c->ops->agency_insert(c, &ag, NULL) || c->ops->commit(c, NULL))
			_exit(2);
		struct audit_entry ent = { .action = "agency.create", .result = "ok" };
		if (c->ops->audit_append(c, &ent, NULL, 0, NULL))
			_exit(3);
		kill(getpid(), SIGKILL);
		_exit(4);
	}
	int status = 0;
	REQUIRE(waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	if (WIFEXITED(status))
		t_fail(__FILE__, __LINE__, "child exited with %d", WEXITSTATUS(status));

	struct arena *a = arena_new();
	st = contract_reopen(dir);
	REQUIRE(st && a);
	CHECK_INT(agencies_named(st, a, "持久化测试局"), 1);
	struct audit_list l;
	CHECK_INT(st->ops->audit_list(st, a, NULL, PAGE_ALL, &l, NULL), FZ_OK);
	CHECK_INT(l.total, 1);
	st->ops->close(st);
	arena_free(a);
}
