/* api_fixture.h - the demo county (cli/demo.h) behind an in-process
 * server, for API tests: sign in as any demo account by name, send JSON,
 * read answers with jansson, check error envelopes, count rows. */
#ifndef FZ_TESTS_HTTP_API_FIXTURE_H
#define FZ_TESTS_HTTP_API_FIXTURE_H

#include <jansson.h>
#include <stdint.h>

#include "cli/demo.h"
#include "harness.h"

#define T_DEMO_USERS 9 /* sysadmin secadmin auditor supervisor officer1
                        * officer2 reviewer1 head1 head2 */

struct t_demo {
	struct t_server ts;
	struct demo_summary sum;
	char tokens[T_DEMO_USERS][65]; /* "" until first used */
};

/* Starts ts over the demo county and fills sum: seeded once per test
 * process through the app layer, then copied for each test. False after
 * t_fail. */
bool t_demo_server_start(struct t_server *ts, struct demo_summary *sum);
/* Starts the server over the demo county. False after t_fail. */
bool t_demo_start(struct t_demo *d);
void t_demo_stop(struct t_demo *d);
/* The session token of a demo account (signs in on first use), or NULL
 * after t_fail. */
const char *t_demo_token(struct t_demo *d, const char *username);
/* Forgets the token of username, e.g. after its sessions ended. */
void t_demo_forget(struct t_demo *d, const char *username);

/* One API request as username (NULL = anonymous) with a JSON body (may
 * be NULL). Free the answer with t_resp_free. */
struct http_resp t_api(struct t_demo *d, const char *username, const char *method,
		       const char *path, const char *body);
/* The answer's body parsed, or NULL (after t_fail) when it is not JSON.
 * The caller json_decref()s it. */
json_t *t_json(const struct http_resp *r);
/* An integer member of the answer's top-level object; -1 when absent. */
int64_t t_json_int(const struct http_resp *r, const char *key);
/* The id of the first item ("items") of the list username reads at
 * path; -1 when there is none. */
int64_t t_first_id(struct t_demo *d, const char *username, const char *path);
/* Copies a string member of the answer's top-level object into out
 * ("" when absent) and returns out. */
const char *t_json_str(const struct http_resp *r, const char *key, char *out, size_t n);

/* Checks status and the error envelope: error.code == code and
 * error.field == field (field NULL: no field member), and a message. */
void t_check_error(const char *file, int line, const struct http_resp *r, long status,
		   const char *code, const char *field);
#define CHECK_ERROR(r, status, code, field) \
	t_check_error(__FILE__, __LINE__, &(r), (status), (code), (field))

/* Rows in the whole database, read through the store: "divisions",
 * "agencies", "units", "people", "users", "certificates". -1 on error. */
int64_t t_demo_count(struct t_demo *d, const char *what);

#endif
