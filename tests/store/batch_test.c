/* batch_test.c - the group's batches (store_group.h): a writer whose
 * work is done leaves it in the writer's open transaction for the one
 * waiting at the gate, and is answered only when the batch is committed
 * and synced; a later writer's rollback undoes only its own work; a batch
 * lost with its transaction fails everyone in it, with nothing kept; a
 * batch whose next writers went away is ended by a writer waiting in it.
 * Each test orders its threads by conditions (who waits at the gate, who
 * is ready), never by how long something takes. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "contract.h"
#include "store/sqlite_internal.h"
#include "store/store_group.h"
#include "store/store_pool.h"
#include "t.h"

static void nap(void)
{
	struct timespec ms = { 0, 1000000 };
	nanosleep(&ms, NULL);
}

/* Waits until n writers wait at the pool's gate. */
static void wait_for_waiters(struct store_pool *p, int n)
{
	struct store_group_stats gs;
	for (;;) {
		store_pool_group_stats(p, &gs);
		if (gs.waiting >= n)
			return;
		nap();
	}
}

static bool setting_is(struct store_pool *p, const char *key, const char *want)
{
	struct store *st = store_pool_acquire(p);
	struct arena *a = arena_new();
	char *v = NULL;
	enum fz_err rc = st->ops->setting_get(st, a, key, &v, NULL);
	bool is = want ? rc == FZ_OK && v && strcmp(v, want) == 0 : rc == FZ_NOTFOUND;
	arena_free(a);
	store_pool_release(p, st);
	return is;
}

/* The first writer: begins, writes a, says it is ready, and commits when
 * told to go. */
struct first {
	struct store_pool *p;
	bool lose; /* its transaction is lost under it before its commit */
	atomic_bool ready, go;
	enum fz_err rc;
};

static void *first_run(void *arg)
{
	struct first *f = arg;
	struct store *st = store_pool_acquire(f->p);
	f->rc = st->ops->begin(st, true, NULL);
	if (!f->rc)
		f->rc = st->ops->setting_set(st, "a", "1", NULL);
	atomic_store(&f->ready, true);
	while (!atomic_load(&f->go))
		nap();
	if (!f->rc && f->lose)
		sqlite3_exec(sq(st)->c->db, "ROLLBACK", NULL, NULL, NULL);
	if (!f->rc)
		f->rc = st->ops->commit(st, NULL);
	store_pool_release(f->p, st);
	return NULL;
}

/* The second writer: waits at the gate while the first holds it, then
 * writes b and ends as told: a rollback, or a commit after SQLite has
 * rolled the whole transaction back (as it does after a full disk). */
struct second {
	struct store_pool *p;
	bool lose; /* the transaction is lost under it */
	enum fz_err begin_rc, rc;
};

static void *second_run(void *arg)
{
	struct second *w = arg;
	struct store *st = store_pool_acquire(w->p);
	w->begin_rc = st->ops->begin(st, true, NULL);
	if (!w->begin_rc && st->ops->setting_set(st, "b", "1", NULL) == FZ_OK) {
		if (w->lose) {
			sqlite3_exec(sq(st)->c->db, "ROLLBACK", NULL, NULL, NULL);
			w->rc = st->ops->commit(st, NULL);
		} else {
			st->ops->rollback(st);
		}
	}
	store_pool_release(w->p, st);
	return NULL;
}

static struct store_pool *batch_pool(void)
{
	const char *dir = t_tmpdir();
	struct store *st = contract_open(dir);
	if (!st)
		return NULL;
	st->ops->close(st);
	struct store_pool *p = NULL;
	return store_pool_open(contract_location(dir), 2, &p, NULL) == FZ_OK ? p : NULL;
}

/* Runs the first writer to its commit with the second waiting at the
 * gate, so that the first leaves its work in a batch for the second. */
static void run_pair(struct store_pool *p, struct first *f, struct second *w)
{
	pthread_t ta, tb;
	f->p = w->p = p;
	REQUIRE(pthread_create(&ta, NULL, first_run, f) == 0);
	while (!atomic_load(&f->ready))
		nap();
	REQUIRE(pthread_create(&tb, NULL, second_run, w) == 0);
	wait_for_waiters(p, 1);
	atomic_store(&f->go, true);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
}

TEST(store_batch_keeps_the_work_left_in_it_when_the_next_writer_rolls_back)
{
	struct store_pool *p = batch_pool();
	REQUIRE(p);
	struct first f = { 0 };
	struct second w = { .lose = false };
	run_pair(p, &f, &w);
	CHECK_INT(f.rc, FZ_OK);
	CHECK_INT(w.begin_rc, FZ_OK);
	/* the first's answer came once the batch was committed: a is on
	 * record, b (rolled back in its own savepoint) is not */
	CHECK(setting_is(p, "a", "1"));
	CHECK(setting_is(p, "b", NULL));
	struct store_group_stats gs;
	store_pool_group_stats(p, &gs);
	CHECK_INT(gs.batches, 1);
	CHECK_INT(gs.batched, 1);
	CHECK_INT(gs.closed, 1); /* by the second's rollback */
	store_pool_close(p);
}

TEST(store_batch_lost_with_its_transaction_fails_every_writer_in_it)
{
	struct store_pool *p = batch_pool();
	REQUIRE(p);
	struct first f = { 0 };
	struct second w = { .lose = true };
	run_pair(p, &f, &w);
	/* the first is told nothing was kept and it may run again (what the
	 * app does with FZ_BUSY); the second sees its transaction gone */
	CHECK_INT(f.rc, FZ_BUSY);
	CHECK_INT(w.rc, FZ_DB);
	CHECK(setting_is(p, "a", NULL));
	CHECK(setting_is(p, "b", NULL));
	/* and the writer's connection is usable again */
	struct store *st = store_pool_acquire(p);
	CHECK_INT(st->ops->begin(st, true, NULL), FZ_OK);
	CHECK_INT(st->ops->setting_set(st, "c", "1", NULL), FZ_OK);
	CHECK_INT(st->ops->commit(st, NULL), FZ_OK);
	store_pool_release(p, st);
	CHECK(setting_is(p, "c", "1"));
	store_pool_close(p);
}

TEST(store_batch_is_never_a_transaction_already_lost)
{
	struct store_pool *p = batch_pool();
	REQUIRE(p);
	/* the first's transaction is gone when it commits, a writer waiting:
	 * it must not be left as a batch (the second's savepoint would begin
	 * a new transaction and the first be told it was saved) */
	struct first f = { .lose = true };
	struct second w = { .lose = false };
	run_pair(p, &f, &w);
	CHECK_INT(f.rc, FZ_DB);
	CHECK_INT(w.begin_rc, FZ_OK);
	CHECK(setting_is(p, "a", NULL));
	CHECK(setting_is(p, "b", NULL));
	struct store_group_stats gs;
	store_pool_group_stats(p, &gs);
	CHECK_INT(gs.batches, 0);
	store_pool_close(p);
}

/* A stand-in writer for the group alone: ending a batch tells its
 * tickets it was done, and counts. */
struct fake_writer {
	struct store_group *g;
	int closes;
};

static void fake_close(void *arg)
{
	struct fake_writer *w = arg;
	w->closes++;
	store_group_batch_complete(w->g, store_group_batch_take(w->g), STORE_BATCH_DONE, false);
}

struct gate_waiter {
	struct store_group *g;
	atomic_bool done;
	bool got;
};

static void *gate_waiter_run(void *arg)
{
	struct gate_waiter *w = arg;
	w->got = store_group_gate_enter(w->g, 50);
	if (w->got)
		store_group_gate_leave(w->g);
	atomic_store(&w->done, true);
	return NULL;
}

TEST(store_batch_left_by_writers_that_gave_up_is_ended_by_one_in_it)
{
	struct store_group *g = NULL;
	REQUIRE(store_group_new(&g, NULL) == FZ_OK);
	struct fake_writer fw = { .g = g };
	store_group_writer_set(g, &fw, fake_close);
	REQUIRE(store_group_gate_enter(g, 1000));
	/* a writer waits at the gate; this one leaves its work for it. On a
	 * slow machine the writer may give up before this one sees it
	 * waiting: then the scene is set again. */
	struct gate_waiter w;
	struct store_batch_ticket ticket;
	for (;;) {
		w.g = g;
		w.got = false;
		atomic_init(&w.done, false);
		pthread_t t;
		REQUIRE(pthread_create(&t, NULL, gate_waiter_run, &w) == 0);
		struct store_group_stats gs;
		do {
			nap();
			store_group_stats(g, &gs);
		} while (gs.waiting < 1 && !atomic_load(&w.done));
		bool passed = store_group_batch_pass(g, &ticket);
		/* that writer gives up (its gate's timeout) before the gate is
		 * left: nobody is coming to end the batch */
		pthread_join(t, NULL);
		if (passed)
			break;
	}
	CHECK(store_group_batch_open(g));
	CHECK(!w.got);
	store_group_gate_leave(g);
	CHECK_INT(store_group_batch_wait(g, &ticket), STORE_BATCH_DONE);
	CHECK_INT(fw.closes, 1);
	CHECK(!store_group_batch_open(g));
	store_group_free(g);
}

TEST(store_batch_is_not_passed_without_a_writer_waiting)
{
	struct store_group *g = NULL;
	REQUIRE(store_group_new(&g, NULL) == FZ_OK);
	struct store_batch_ticket ticket;
	/* no writer connection: each writer commits its own */
	REQUIRE(store_group_gate_enter(g, 1000));
	CHECK(!store_group_batch_pass(g, &ticket));
	struct fake_writer fw = { .g = g };
	store_group_writer_set(g, &fw, fake_close);
	/* a writer, but nobody waiting at the gate */
	CHECK(!store_group_batch_pass(g, &ticket));
	CHECK(!store_group_batch_open(g));
	store_group_gate_leave(g);
	store_group_free(g);
}
