/* contract.h - what the storage contract suite needs from a backend, and
 * the fixture its tests share. Every backend (SQLite now, PostgreSQL
 * later) provides the four hooks in its own contract_<backend>.c and runs
 * the same tests/store/ suite. */
#ifndef FZ_TESTS_STORE_CONTRACT_H
#define FZ_TESTS_STORE_CONTRACT_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "base/arena.h"
#include "store/store.h"
#include "store/store_pool.h"

/* A fresh, migrated database kept under dir (a t_tmpdir()). NULL, after
 * printing why, when it cannot be made. Close with st->ops->close. */
struct store *contract_open(const char *dir);
/* The database under dir opened again, as another process would. */
struct store *contract_reopen(const char *dir);
/* What store_pool_open takes for the database under dir. Static. */
const char *contract_location(const char *dir);
/* Runs sql straight against the database under dir, bypassing the store,
 * as someone with a database client and the file would. 0 on success;
 * otherwise nonzero with the database's message in msg. */
int contract_raw_exec(const char *dir, const char *sql, char *msg, size_t size);

/* The organisation most tests start from:
 *   宁夏 640000 > 中卫市 640500 > 海原县 640522: agencies haiyuan_justice,
 *                                              haiyuan_market (units, people)
 *              > 银川市 640100 > 兴庆区 640104: agency xingqing_city
 *   新疆 650000 > 乌鲁木齐市 650100 > 天山区 650102: agency tianshan */
struct store_fx {
	char dir[256]; /* where the database lives, for contract_raw_exec */
	struct store *st;
	struct arena *a;
	int64_t haiyuan_justice, haiyuan_market, xingqing_city, tianshan;
	int64_t market_unit;     /* 稽查科 of haiyuan_market */
	int64_t officer, officer2; /* officers of haiyuan_market */
};

/* Opens a store under a new t_tmpdir() and loads the organisation; false
 * (with a test failure recorded) when that fails. */
bool store_fx_open(struct store_fx *fx);
void store_fx_close(struct store_fx *fx);

/* Helpers that record a test failure and return 0 when the insert fails. */
int64_t store_fx_agency(struct store_fx *fx, const char *name, const char *uscc,
		       const char *division);
int64_t store_fx_person(struct store_fx *fx, int64_t agency, const char *name, int kind,
		       bool reviewer);
int64_t store_fx_user(struct store_fx *fx, const char *username, int64_t agency, unsigned roles);
int64_t store_fx_certificate(struct store_fx *fx, const char *number, int64_t person,
			    int64_t agency, const char *valid_until);
/* A penalty case of agency, numbered "海原<kind_code>〔2025〕n号", with title
 * and party as given; c (when not NULL) receives what was stored, strings
 * in fx->a. */
int64_t store_fx_case(struct store_fx *fx, int64_t agency, const char *kind_code,
		      const char *title, const char *party, struct enf_case *c);

static inline struct scope sc_all(void) { return (struct scope){ .kind = SCOPE_ALL }; }
static inline struct scope sc_agency(int64_t id)
{
	return (struct scope){ .kind = SCOPE_AGENCY, .agency_id = id };
}
static inline struct scope sc_division(const char *prefix)
{
	struct scope sc = { .kind = SCOPE_DIVISION };
	snprintf(sc.division_prefix, sizeof sc.division_prefix, "%s", prefix);
	return sc;
}

#define PAGE_ALL ((struct page){ 0, 200 })

#endif
