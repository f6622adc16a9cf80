/* fixture.h - a fresh database with a small organisation for app-layer
 * tests: 宁夏 → 中卫市 → 海原县 (justice bureau + two agencies) and 中宁县
 * (one agency), and contexts that act as a user with given roles. */
#ifndef FZ_TESTS_APP_FIXTURE_H
#define FZ_TESTS_APP_FIXTURE_H

#include "app/app.h"
#include "domain/case.h"

struct fx {
	const char *dir;
	char db[512];
	char data_dir[512];   /* <dir>/data: documents, evidence */
	struct store *st;
	struct arena *a;
	struct app_config cfg;
	struct app_ctx cli;   /* the shell operator */
	int64_t justice;      /* 海原县司法局 (640522) */
	int64_t natres;       /* 海原县自然资源局 */
	int64_t market;       /* 海原县市场监督管理局 */
	int64_t neighbour;    /* 中宁县市场监督管理局 (640521) */
	int64_t officer_a;    /* person, natres, officer */
	int64_t officer_b;    /* person, market, officer */
	int64_t assistant;    /* person, natres, assistant */
};

/* Opens and seeds; returns false (after recording a failure) on error. */
bool fx_open(struct fx *f);
void fx_close(struct fx *f);
/* A context acting as a (not stored) user with roles in agency_id. */
void fx_as(struct fx *f, struct app_ctx *ctx, unsigned roles, int64_t agency_id);
/* Creates a stored account and returns its id (0 on failure). */
int64_t fx_user(struct fx *f, const char *username, unsigned roles, int64_t agency_id,
		const char *password);
/* A new officer of 自然资源局 with a valid certificate for 自然资源
 * (2024-01-01 to 2029-12-31); returns the person id, 0 on failure. */
int64_t fx_certified_officer(struct fx *f, int n);
/* A case written straight through the store (no gates: for tests of
 * what is counted from a record), with title; its id, 0 on failure
 * (recorded as a test failure). */
int64_t fx_case(struct fx *f, int64_t agency, enum case_kind kind, const char *procedure,
		const char *title);
/* An event of case_id written straight through the store: up to two
 * fields (k2 NULL: one, k1 NULL: none), n officers; corrects the event
 * given (0: none). Its id, 0 on failure (recorded). */
int64_t fx_event(struct fx *f, int64_t case_id, const char *step, const char *on,
		 int64_t corrects, const char *k1, const char *v1, const char *k2, const char *v2,
		 const int64_t *officers, size_t n);
/* Runs the migrations after number `after` again on f's database (its
 * user_version set back, then opened once); false on failure (recorded). */
bool fx_migrate_again(struct fx *f, int after);
/* The rows of sql over f's database as text: columns joined by "|",
 * a line a row, at most cap bytes with its NUL; out. */
char *fx_rows_text(struct fx *f, const char *sql, char *out, size_t cap);
/* The built-in procedure definitions with config.txt changed (its first
 * `from` replaced by `to`), written into a directory under f's and
 * loaded as `serve --procedures DIR` loads them; NULL on failure
 * (recorded). Free with proc_registry_free. */
struct proc_registry *fx_procedures_with(struct fx *f, const char *from, const char *to);
/* Number of audit records, and of rows in a table (raw count). */
int64_t fx_audit_count(struct fx *f);
int64_t fx_count(struct fx *f, const char *table);
/* A valid synthetic USCC / resident id number for index n. */
void fx_uscc(int n, char out[19]);
void fx_resident_id(int n, char out[19]);

#endif
