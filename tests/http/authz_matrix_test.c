/* authz_matrix_test.c - who may call what, written out route by route
 * and proven with real requests: for every route and each of the seven
 * roles (demo accounts holding just that role) plus anonymous, an allowed
 * call gets anything but 401/403, a refused one gets 403 (anonymous: 401
 * for the API, a 303 to sign-in for pages). The table is independent of
 * app/authz.c on purpose: a change of permissions must change it too.
 *
 * A route without a row fails the suite, naming the route: add its row
 * below (columns as in the header comment). */
#include <stdio.h>
#include <string.h>

#include "api_fixture.h"
#include "http/router.h"
#include "t.h"

/* allow: one character per principal, in this order, 'x' allowed and '.'
 * refused; spaces are ignored:
 *   officer reviewer head supervisor sysadmin secadmin auditor anonymous */
struct matrix_row {
	const char *method;
	const char *pattern;
	const char *allow;
};

#define ALL "xxxx xxx x"
#define SIGNED_IN "xxxx xxx ."

static const struct matrix_row matrix[] = {
	/* method   pattern                                   o r h s  y c a  - */
	{ "GET", "/healthz",                                   ALL },
	{ "GET", "/static/fazhi.css",                          ALL },
	{ "GET", "/static/upload.js",                          ALL },
	{ "POST", "/api/v1/session",                           ALL },
	{ "DELETE", "/api/v1/session",                         SIGNED_IN },
	{ "GET", "/api/v1/me",                                 SIGNED_IN },
	{ "PUT", "/api/v1/me/password",                        SIGNED_IN },
	{ "GET", "/api/v1/openapi.json",                       ALL },
	{ "GET", "/api/v1/divisions",                          "xxxx xx. ." },
	{ "PUT", "/api/v1/divisions",                          ".... x.. ." },
	{ "GET", "/api/v1/divisions/{code:str}",               "xxxx xx. ." },
	{ "GET", "/api/v1/agencies",                           "xxxx xx. ." },
	{ "POST", "/api/v1/agencies",                          ".... x.. ." },
	{ "GET", "/api/v1/agencies/{id}",                      "xxxx xx. ." },
	{ "PATCH", "/api/v1/agencies/{id}",                    ".... x.. ." },
	{ "GET", "/api/v1/units",                              "xxxx x.. ." },
	{ "GET", "/api/v1/org/tree",                           "xxxx xx. ." },
	{ "POST", "/api/v1/units",                             "..x. x.. ." },
	{ "GET", "/api/v1/units/{id}",                         "xxxx x.. ." },
	{ "PATCH", "/api/v1/units/{id}",                       "..x. x.. ." },
	{ "GET", "/api/v1/officers",                           "xxxx x.. ." },
	{ "POST", "/api/v1/officers",                          "..xx x.. ." },
	{ "GET", "/api/v1/officers/{id}",                      "xxxx x.. ." },
	{ "PATCH", "/api/v1/officers/{id}",                    "..xx x.. ." },
	{ "GET", "/api/v1/reviewer-ratios",                    "xxxx x.. ." },
	{ "GET", "/api/v1/indicators",                         "xxxx ... ." },
	{ "GET", "/api/v1/stats/annual",                       "xxxx ... ." },
	{ "GET", "/api/v1/dashboard",                          "xxxx ... ." },
	{ "GET", "/api/v1/users",                              ".... xx. ." },
	{ "POST", "/api/v1/users",                             ".... x.. ." },
	{ "GET", "/api/v1/users/{id}",                         ".... xx. ." },
	{ "PATCH", "/api/v1/users/{id}",                       ".... x.. ." },
	{ "PUT", "/api/v1/users/{id}/roles",                   ".... .x. ." },
	{ "POST", "/api/v1/users/{id}/password-reset",         ".... x.. ." },
	{ "GET", "/api/v1/benchmarks",                         "xxxx ... ." },
	{ "POST", "/api/v1/benchmarks/{matter:str}/propose",   "xxxx ... ." },
	{ "GET", "/api/v1/policy",                             ".... .x. ." },
	{ "PUT", "/api/v1/policy",                             ".... .x. ." },
	{ "GET", "/api/v1/certificates",                       "xxxx ... ." },
	{ "POST", "/api/v1/certificates",                      "...x ... ." },
	{ "GET", "/api/v1/certificates/{id}",                  "xxxx ... ." },
	{ "PATCH", "/api/v1/certificates/{id}",                "...x ... ." },
	{ "POST", "/api/v1/certificates/{id}/suspend",         "...x ... ." },
	{ "POST", "/api/v1/certificates/{id}/resume",          "...x ... ." },
	{ "POST", "/api/v1/certificates/{id}/revoke",          "...x ... ." },
	{ "GET", "/api/v1/certificates/{id}/reviews",          "xxxx ... ." },
	{ "POST", "/api/v1/certificates/{id}/reviews",         "...x ... ." },
	{ "GET", "/api/v1/public/certificates/{number:str}",   ALL },
	{ "GET", "/api/v1/public/publications",                ALL },
	{ "GET", "/api/v1/public/publications/{id}",           ALL },
	{ "GET", "/api/v1/public/publications/{id}/proof",     ALL },
	{ "GET", "/api/v1/public/withdrawals",                 ALL },
	{ "GET", "/api/v1/public/open-data/publications.csv",  ALL },
	{ "GET", "/api/v1/public/open-data/publications.json", ALL },
	{ "GET", "/api/v1/public/open-data/publications.xlsx", ALL },
	{ "GET", "/api/v1/publications",                       "xxxx ... ." },
	{ "GET", "/api/v1/publications/{id}",                  "xxxx ... ." },
	{ "POST", "/api/v1/publications/{id}/confirm",         "xxx. ... ." },
	{ "POST", "/api/v1/publications/{id}/withdraw",        "xxx. ... ." },
	{ "GET", "/api/v1/public/search",                      ALL },
	/* ex-ante publicity; the power list: reviewer and head draft, head publishes */
	{ "GET", "/api/v1/public/inspections",                 ALL },
	{ "GET", "/api/v1/public/inspections/{id}",            ALL },
	{ "GET", "/api/v1/public/agencies",                    ALL },
	{ "GET", "/api/v1/public/agencies/{id}",               ALL },
	{ "GET", "/api/v1/public/agencies/{id}/officers",      ALL },
	{ "GET", "/api/v1/public/agencies/{id}/powers",        ALL },
	{ "GET", "/api/v1/public/agencies/{id}/power-lists",   ALL },
	{ "GET", "/api/v1/public/power-lists/compare",         ALL },
	{ "GET", "/api/v1/public/power-lists/{id}",            ALL },
	{ "GET", "/api/v1/public/decision-catalogues",         ALL },
	{ "GET", "/api/v1/public/decision-catalogues/{id}",    ALL },
	{ "GET", "/api/v1/public/decision-catalogues/{id}/pdf", ALL },
	{ "GET", "/api/v1/public/decision-catalogues/{id}/xlsx", ALL },
	{ "GET", "/api/v1/power-lists",                        ".xx. ... ." },
	{ "POST", "/api/v1/power-lists",                       ".xx. ... ." },
	{ "GET", "/api/v1/power-lists/{id}",                   ".xx. ... ." },
	{ "PATCH", "/api/v1/power-lists/{id}",                 ".xx. ... ." },
	{ "POST", "/api/v1/power-lists/{id}/publish",          "..x. ... ." },
	{ "GET", "/api/v1/audit",                              ".... ..x ." },
	{ "GET", "/api/v1/audit/export",                       ".... ..x ." },
	{ "GET", "/api/v1/audit/{id}/changes",                 ".... ..x ." },
	/* cases: business roles read, the 三员 never see case content */
	{ "GET", "/api/v1/procedures",                         "xxxx ... ." },
	{ "GET", "/api/v1/procedures/{id:str}",                "xxxx ... ." },
	{ "GET", "/api/v1/cases",                              "xxxx ... ." },
	{ "POST", "/api/v1/cases",                             "xxx. ... ." },
	{ "GET", "/api/v1/cases/{id}",                         "xxxx ... ." },
	{ "GET", "/api/v1/cases/{id}/events",                  "xxxx ... ." },
	{ "GET", "/api/v1/cases/{id}/deadlines",               "xxxx ... ." },
	{ "GET", "/api/v1/cases/{id}/documents",               "xxxx ... ." },
	{ "GET", "/api/v1/cases/{id}/documents/latest",        "xxxx ... ." },
	{ "GET", "/api/v1/cases/{id}/versions",                "xxxx ... ." },
	{ "GET", "/api/v1/cases/{id}/versions/diff",           "xxxx ... ." },
	{ "GET", "/api/v1/cases/{id}/accountability",          "xxxx ... ." },
	{ "GET", "/api/v1/decision-catalogues",                "xxxx ... ." },
	{ "POST", "/api/v1/decision-catalogues",               "x.x. ... ." },
	{ "GET", "/api/v1/decision-catalogues/{id}",           "xxxx ... ." },
	{ "GET", "/api/v1/decision-catalogues/{id}/pdf",       "xxxx ... ." },
	{ "GET", "/api/v1/decision-catalogues/{id}/xlsx",      "xxxx ... ." },
	{ "POST", "/api/v1/decision-catalogues/{id}/items",    "x.x. ... ." },
	{ "POST", "/api/v1/decision-catalogues/{id}/items/{item}/remove", "x.x. ... ." },
	{ "POST", "/api/v1/decision-catalogues/{id}/approve",  "..x. ... ." },
	{ "GET", "/api/v1/documents/{id}/pdf",                 "xxxx ... ." },
	{ "POST", "/api/v1/cases/{id}/steps",                  "xxxx ... ." },
	{ "POST", "/api/v1/cases/{id}/draw",                   "xxx. ... ." },
	{ "POST", "/api/v1/cases/{id}/evidence",               "xxx. ... ." },
	{ "GET", "/api/v1/cases/{id}/evidence",                "xxxx ... ." },
	{ "GET", "/api/v1/cases/{id}/evidence/{eid}",          "xxxx ... ." },
	{ "GET", "/api/v1/ledger/checkpoint",                  ALL },
	{ "GET", "/api/v1/ledger/checkpoints",                 ALL },
	{ "GET", "/api/v1/ledger/proof/inclusion",             ALL },
	{ "GET", "/api/v1/ledger/proof/consistency",           ALL },
	{ "GET", "/api/v1/ledger/leaves",                      ALL },
	{ "POST", "/api/v1/ledger/cosignatures",               ALL },
	{ "GET", "/api/v1/ledger/key-rotations",               ALL },
	{ "GET", "/ledger/checkpoint",                         ALL },
	{ "GET", "/api/v1/queues/review",                      "xxxx ... ." },
	{ "GET", "/api/v1/queues/approval",                    "xxxx ... ." },

	/* pages */
	{ "GET", "/",                                          ALL },
	{ "GET", "/login",                                     ALL },
	{ "POST", "/login",                                    ALL },
	{ "POST", "/logout",                                   ALL },
	{ "GET", "/workbench",                                 SIGNED_IN },
	{ "GET", "/password",                                  SIGNED_IN },
	{ "POST", "/password",                                 SIGNED_IN },
	{ "GET", "/certificates/check",                        ALL },
	{ "GET", "/care",                                      ALL },
	{ "GET", "/public/search",                             ALL },
	{ "GET", "/public/agencies",                           ALL },
	{ "GET", "/public/agencies/{id}",                      ALL },
	{ "GET", "/public/agencies/{id}/officers",             ALL },
	{ "GET", "/public/agencies/{id}/powers",               ALL },
	{ "GET", "/public/agencies/{id}/power-lists",          ALL },
	{ "GET", "/public/power-lists/compare",                ALL },
	{ "GET", "/public/power-lists/{id}",                   ALL },
	{ "GET", "/public/decision-catalogue",                 ALL },
	{ "GET", "/public/decision-catalogue/{id}",            ALL },
	{ "GET", "/public/power-lists/{id}/powers/{code:str}", ALL },
	{ "GET", "/public/procedures",                         ALL },
	{ "GET", "/public/benchmarks",                         ALL },
	{ "GET", "/public/review-catalogue",                   ALL },
	{ "GET", "/public/procedures/{id:str}",                ALL },
	{ "GET", "/public/procedures/{id:str}/chart.svg",      ALL },
	{ "GET", "/public/inspections",                        ALL },
	{ "GET", "/public/inspections/{id}",                   ALL },
	{ "GET", "/public/inspections/{id}/targets.txt",       ALL },
	{ "GET", "/public/inspections/{id}/inspectors.txt",    ALL },
	{ "GET", "/decision-catalogues",                       "xxxx ... ." },
	{ "POST", "/decision-catalogues",                      "x.x. ... ." },
	{ "GET", "/decision-catalogues/{id}",                  "xxxx ... ." },
	{ "POST", "/decision-catalogues/{id}/items",           "x.x. ... ." },
	{ "POST", "/decision-catalogues/{id}/items/{item}/remove", "x.x. ... ." },
	{ "POST", "/decision-catalogues/{id}/approve",         "..x. ... ." },
	{ "GET", "/power-lists",                               ".xx. ... ." },
	{ "POST", "/power-lists/new",                          ".xx. ... ." },
	{ "POST", "/power-lists/{id}/items",                   ".xx. ... ." },
	{ "POST", "/power-lists/{id}/publish",                 "..x. ... ." },
	{ "GET", "/ledger",                                    ALL },
	{ "GET", "/public/decisions",                          ALL },
	{ "GET", "/public/decisions/{id}",                     ALL },
	{ "GET", "/public/decisions/{id}/proof",               ALL },
	{ "GET", "/public/withdrawals",                        ALL },
	{ "GET", "/public/feed.atom",                          ALL },
	{ "GET", "/publications",                              "xxxx ... ." },
	{ "GET", "/publications/{id}",                         "xxxx ... ." },
	{ "POST", "/publications/{id}/confirm",                "xxx. ... ." },
	{ "POST", "/publications/{id}/withdraw",               "xxx. ... ." },
	{ "GET", "/agencies",                                  "xxxx xx. ." },
	{ "GET", "/agencies/new",                              ".... x.. ." },
	{ "POST", "/agencies/new",                             ".... x.. ." },
	{ "GET", "/agencies/{id}",                             "xxxx xx. ." },
	{ "GET", "/agencies/{id}/edit",                        ".... x.. ." },
	{ "POST", "/agencies/{id}/edit",                       ".... x.. ." },
	{ "POST", "/agencies/{id}/units",                      "..x. x.. ." },
	{ "GET", "/units",                                     "xxxx x.. ." },
	{ "GET", "/org",                                       "xxxx xx. ." },
	{ "GET", "/calendar",                                  ".... x.. ." },
	{ "POST", "/calendar",                                 ".... x.. ." },
	{ "GET", "/calendar/preview",                          ".... x.. ." },
	{ "POST", "/calendar/confirm",                         ".... x.. ." },
	{ "GET", "/officers",                                  "xxxx x.. ." },
	{ "GET", "/officers/new",                              "..xx x.. ." },
	{ "POST", "/officers/new",                             "..xx x.. ." },
	{ "GET", "/officers/{id}",                             "xxxx x.. ." },
	{ "GET", "/officers/{id}/edit",                        "..xx x.. ." },
	{ "POST", "/officers/{id}/edit",                       "..xx x.. ." },
	{ "GET", "/reviewer-ratios",                           "xxxx x.. ." },
	{ "GET", "/indicators",                                "xxxx ... ." },
	{ "GET", "/indicators/{id:str}",                       "xxxx ... ." },
	{ "GET", "/jobs",                                      ".... x.. ." },
	{ "GET", "/stats/annual",                              "xxxx ... ." },
	{ "GET", "/stats/annual.xlsx",                         "xxxx ... ." },
	{ "GET", "/stats/annual.csv",                          "xxxx ... ." },
	{ "POST", "/stats/annual/export",                      "xxxx ... ." },
	{ "GET", "/exports/{id}",                              "xxxx ... ." },
	{ "GET", "/exports/{id}/file",                         "xxxx ... ." },
	{ "GET", "/dashboard",                                 "xxxx ... ." },
	{ "GET", "/dashboard/export",                          "xxxx ... ." },
	{ "GET", "/alerts",                                    "xxxx ... ." },
	{ "GET", "/certificates",                              "xxxx ... ." },
	{ "GET", "/certificates/new",                          "...x ... ." },
	{ "POST", "/certificates/new",                         "...x ... ." },
	{ "GET", "/certificates/{id}",                         "xxxx ... ." },
	{ "GET", "/certificates/{id}/card",                    "xxxx ... ." },
	{ "GET", "/certificates/{id}/edit",                    "...x ... ." },
	{ "POST", "/certificates/{id}/edit",                   "...x ... ." },
	{ "GET", "/certificates/{id}/suspend",                 "...x ... ." },
	{ "POST", "/certificates/{id}/suspend",                "...x ... ." },
	{ "GET", "/certificates/{id}/resume",                  "...x ... ." },
	{ "POST", "/certificates/{id}/resume",                 "...x ... ." },
	{ "GET", "/certificates/{id}/revoke",                  "...x ... ." },
	{ "POST", "/certificates/{id}/revoke",                 "...x ... ." },
	{ "GET", "/certificates/{id}/review",                  "...x ... ." },
	{ "POST", "/certificates/{id}/review",                 "...x ... ." },
	{ "GET", "/users",                                     ".... xx. ." },
	{ "GET", "/users/new",                                 ".... x.. ." },
	{ "POST", "/users/new",                                ".... x.. ." },
	{ "GET", "/users/roles",                               ".... .x. ." },
	{ "GET", "/users/{id}/edit",                           ".... x.. ." },
	{ "POST", "/users/{id}/edit",                          ".... x.. ." },
	{ "POST", "/users/{id}/reset",                      ".... x.. ." },
	{ "GET", "/users/{id}/roles",                          ".... .x. ." },
	{ "POST", "/users/{id}/roles",                         ".... .x. ." },
	{ "GET", "/policy",                                    ".... .x. ." },
	{ "POST", "/policy",                                   ".... .x. ." },
	{ "GET", "/audit",                                     ".... ..x ." },
	{ "GET", "/audit/export.csv",                          ".... ..x ." },
	{ "GET", "/audit/{id}",                                ".... ..x ." },
	{ "GET", "/cases",                                     "xxxx ... ." },
	{ "GET", "/cases/new",                                 "xxx. ... ." },
	{ "POST", "/cases/new",                                "xxx. ... ." },
	{ "GET", "/cases/{id}",                                "xxxx ... ." },
	{ "GET", "/cases/{id}/documents",                      "xxxx ... ." },
	{ "GET", "/cases/{id}/versions",                       "xxxx ... ." },
	{ "POST", "/cases/{id}/evidence",                      "xxx. ... ." },
	{ "GET", "/cases/{id}/steps/{step:str}",               "xxxx ... ." },
	{ "POST", "/cases/{id}/steps/{step:str}",              "xxxx ... ." },
	{ "GET", "/cases/{id}/draw",                           "xxx. ... ." },
	{ "POST", "/cases/{id}/draw",                          "xxx. ... ." },
	{ "GET", "/queue/review",                              "xxxx ... ." },
	{ "GET", "/queue/approval",                            "xxxx ... ." },
	/* -- page rows: add one per page route -- */
	/* complaints (投诉举报): the public files and tracks; the bureau and
	 * the agencies' heads and legal reviewers handle, never officers */
	{ "GET", "/public/complaints/new",                     ALL },
	{ "POST", "/public/complaints/new",                    ALL },
	{ "GET", "/public/complaints/track",                   ALL },
	{ "POST", "/public/complaints/track",                  ALL },
	{ "GET", "/complaints",                                ".xxx ... ." },
	{ "POST", "/complaints",                               "...x ... ." },
	{ "GET", "/complaints/new",                            "...x ... ." },
	{ "GET", "/complaints/{id}",                           ".xxx ... ." },
	{ "POST", "/complaints/{id}/act",                      ".xxx ... ." },
	{ "GET", "/complaints/{id}/attachments/{att}",         ".xxx ... ." },
	{ "POST", "/api/v1/public/complaints",                 ALL },
	{ "POST", "/api/v1/public/complaints/track",           ALL },
	{ "GET", "/api/v1/complaints",                         ".xxx ... ." },
	{ "POST", "/api/v1/complaints",                        "...x ... ." },
	{ "GET", "/api/v1/complaints/{id}",                    ".xxx ... ." },
	{ "POST", "/api/v1/complaints/{id}/actions",           ".xxx ... ." },
	/* public comment, catalogues and review requests of normative
	 * documents: the public comments, reads and asks; the drafting unit's
	 * and the bureau's own checks are the app's (roles, scope) */
	{ "GET", "/public/consultations",                      ALL },
	{ "GET", "/public/consultations/{id}",                 ALL },
	{ "POST", "/public/consultations/{id}/comments",       ALL },
	{ "POST", "/cases/{id}/comments/{comment_id}",         "x.x. ... ." },
	{ "GET", "/api/v1/public/consultations",               ALL },
	{ "GET", "/api/v1/public/consultations/{id}",          ALL },
	{ "GET", "/api/v1/public/consultations/{id}/comments", ALL },
	{ "POST", "/api/v1/public/consultations/{id}/comments", ALL },
	{ "GET", "/api/v1/cases/{id}/comments",                "xxxx ... ." },
	{ "POST", "/api/v1/cases/{id}/comments/{comment_id}/actions", "x.x. ... ." },
	{ "GET", "/public/normative-documents",                ALL },
	{ "GET", "/public/normative-documents/{id}",           ALL },
	{ "GET", "/public/normative-plan",                     ALL },
	{ "GET", "/api/v1/public/normative-documents",         ALL },
	{ "GET", "/api/v1/public/normative-documents.xlsx",    ALL },
	{ "GET", "/api/v1/public/normative-documents/{id}",    ALL },
	{ "GET", "/api/v1/public/normative-plan",              ALL },
	{ "GET", "/api/v1/public/normative-plan.xlsx",         ALL },
	{ "POST", "/public/normative-documents/{id}/review-requests", ALL },
	{ "GET", "/public/review-requests",                    ALL },
	{ "GET", "/review-requests",                           "...x ... ." },
	{ "POST", "/review-requests/{id}/answer",              "...x ... ." },
	{ "POST", "/api/v1/public/normative-documents/{id}/review-requests", ALL },
	{ "GET", "/api/v1/public/review-requests/{receipt:str}", ALL },
	{ "GET", "/api/v1/review-requests",                    "...x ... ." },
	{ "POST", "/api/v1/review-requests/{id}/answer",       "...x ... ." },
	/* case-file evaluation, checks, rectification (api_evaluation.c, page_evaluation.c) */
	{ "GET",  "/api/v1/evaluations",                       "...x ... ." },
	{ "POST", "/api/v1/evaluations",                       "...x ... ." },
	{ "GET",  "/api/v1/evaluations/{id}",                  "xxxx ... ." },
	{ "POST", "/api/v1/evaluations/{id}/draw",             "...x ... ." },
	{ "POST", "/api/v1/evaluations/{id}/close",            "...x ... ." },
	{ "GET",  "/api/v1/evaluation-files",                  "xxxx ... ." },
	{ "GET",  "/api/v1/evaluation-files/{id}",             "xxxx ... ." },
	{ "POST", "/api/v1/evaluation-files/{id}/assign",      "...x ... ." },
	{ "POST", "/api/v1/evaluation-files/{id}/score",       ".x.x ... ." },
	{ "GET",  "/api/v1/check-plans",                       "...x ... ." },
	{ "POST", "/api/v1/check-plans",                       "...x ... ." },
	{ "GET",  "/api/v1/check-plans/{id}",                  "xxxx ... ." },
	{ "POST", "/api/v1/check-items/{id}/finding",          "...x ... ." },
	{ "GET",  "/api/v1/rectification-notices",             "xxxx ... ." },
	{ "POST", "/api/v1/rectification-notices",             "...x ... ." },
	{ "GET",  "/api/v1/rectification-notices/{id}",        "xxxx ... ." },
	{ "POST", "/api/v1/rectification-notices/{id}/answer", ".xx. ... ." },
	{ "POST", "/api/v1/rectification-notices/{id}/close",  "...x ... ." },
	{ "POST", "/api/v1/rectification-notices/{id}/return", "...x ... ." },
	{ "GET",  "/oversight",                                "xxxx ... ." },
	{ "GET",  "/evaluations",                              "...x ... ." },
	{ "GET",  "/rubric",                                   "...x ... ." },
	{ "POST", "/rubric",                                   "...x ... ." },
	{ "GET",  "/check-plans",                              "...x ... ." },
	{ "GET",  "/evaluations/new",                          "...x ... ." },
	{ "POST", "/evaluations/new",                          "...x ... ." },
	{ "POST", "/evaluations/{id}/draw",                    "...x ... ." },
	{ "POST", "/evaluations/{id}/close",                   "...x ... ." },
	{ "GET",  "/evaluations/{id}",                         "xxxx ... ." },
	{ "GET",  "/evaluation-files",                         "xxxx ... ." },
	{ "GET",  "/evaluation-files/{id}",                    "xxxx ... ." },
	{ "POST", "/evaluation-files/{id}/score",              ".x.x ... ." },
	{ "POST", "/evaluation-files/{id}/assign",             "...x ... ." },
	{ "GET",  "/rectification-notices/{id}",               "xxxx ... ." },
	{ "POST", "/rectification-notices/{id}/answer",        ".xx. ... ." },
	{ "POST", "/rectification-notices/{id}/close",         "...x ... ." },
	{ "POST", "/rectification-notices/{id}/return",        "...x ... ." },
	{ "GET",  "/check-plans/{id}",                         "xxxx ... ." },
};
#define MATRIX_ROWS (sizeof matrix / sizeof matrix[0])

#define PRINCIPALS 8
static const char *const principals[PRINCIPALS] = {
	"officer1", "reviewer1", "head1", "supervisor", "sysadmin", "secadmin", "auditor", NULL,
};

static const struct matrix_row *row_for(const struct route *rt)
{
	for (size_t i = 0; i < MATRIX_ROWS; i++)
		if (strcmp(matrix[i].method, rt->method) == 0 &&
		    strcmp(matrix[i].pattern, rt->pattern) == 0)
			return &matrix[i];
	return NULL;
}

/* The k-th allow flag of a row (spaces skipped); -1 when malformed. */
static int allowed(const struct matrix_row *row, int k)
{
	int seen = 0;
	for (const char *p = row->allow; *p; p++) {
		if (*p == ' ')
			continue;
		if (seen++ == k)
			return *p == 'x' ? 1 : *p == '.' ? 0 : -1;
	}
	return -1;
}

/* A concrete path for a pattern: ids that name nothing (999999), so an
 * allowed write can never change data, and "NX-NONE" for text. */
static void concrete_path(const char *pattern, char *out, size_t n)
{
	size_t k = 0;
	for (const char *p = pattern; *p && k + 1 < n; p++) {
		if (*p != '{') {
			out[k++] = *p;
			continue;
		}
		const char *close = strchr(p, '}');
		bool text = close && close - p > 4 && strncmp(close - 4, ":str", 4) == 0;
		int w = snprintf(out + k, n - k, "%s", text ? "NX-NONE" : "999999");
		k += w > 0 ? (size_t)w : 0;
		if (k >= n)
			k = n - 1;
		p = close ? close : p + strlen(p) - 1;
	}
	out[k] = '\0';
}

TEST(authz_matrix_has_a_row_for_every_route)
{
	for (size_t i = 0; i < http_route_count; i++)
		if (!row_for(&http_routes[i]))
			t_fail(__FILE__, __LINE__,
			       "no authz matrix row for route %s %s: add one to "
			       "tests/http/authz_matrix_test.c",
			       http_routes[i].method, http_routes[i].pattern);
	for (size_t i = 0; i < MATRIX_ROWS; i++) {
		bool found = false;
		for (size_t j = 0; j < http_route_count && !found; j++)
			found = strcmp(matrix[i].method, http_routes[j].method) == 0 &&
				strcmp(matrix[i].pattern, http_routes[j].pattern) == 0;
		if (!found)
			t_fail(__FILE__, __LINE__, "authz matrix row %s %s names no route: remove it",
			       matrix[i].method, matrix[i].pattern);
		for (size_t j = 0; j < i; j++)
			if (strcmp(matrix[i].method, matrix[j].method) == 0 &&
			    strcmp(matrix[i].pattern, matrix[j].pattern) == 0)
				t_fail(__FILE__, __LINE__, "authz matrix row %s %s twice",
				       matrix[i].method, matrix[i].pattern);
		if (allowed(&matrix[i], PRINCIPALS - 1) < 0 || allowed(&matrix[i], PRINCIPALS) != -1)
			t_fail(__FILE__, __LINE__, "authz matrix row %s %s: allow needs %d flags",
			       matrix[i].method, matrix[i].pattern, PRINCIPALS);
	}
}

/* One request of the matrix; returns the status. Signed-in principals
 * whose session a call ended (sign-out) sign in again afterwards. */
static long matrix_call(struct t_demo *d, const struct route *rt, const char *who)
{
	char path[256];
	bool api = rt->flags & ROUTE_API;
	bool write = strcmp(rt->method, "GET") != 0;
	concrete_path(rt->pattern, path, sizeof path);
	struct t_req rq = { .method = rt->method, .path = path };
	if (who && !(rq.bearer = t_demo_token(d, who)))
		return 0;
	if (api && write) {
		rq.body = "{}";
		rq.content_type = "application/json";
	}
	/* The sign-in form is refused without its pre-session token (login
	 * CSRF, page_test.c): post it as the browser would, from the form. */
	char cookie[160] = "", field[80] = "", form[128];
	if (strcmp(rt->pattern, "/login") == 0 && write) {
		struct http_resp g = t_http(&d->ts, "GET", "/login", NULL, NULL, NULL);
		char set[256];
		const char *v = strstr(g.body, "name=\"login_csrf\" value=\"");
		t_header(&g, "Set-Cookie", set, sizeof set);
		if (v)
			sscanf(v, "name=\"login_csrf\" value=\"%64[0-9a-f]", field);
		snprintf(cookie, sizeof cookie, "%.*s", (int)strcspn(set, ";"), set);
		t_resp_free(&g);
		snprintf(form, sizeof form, "login_csrf=%s", field);
		rq.body = form;
		rq.content_type = "application/x-www-form-urlencoded";
		rq.cookie = cookie;
	}
	struct http_resp r = t_http_req(&d->ts, &rq);
	long status = r.status;
	t_resp_free(&r);
	if (who && write) {
		r = t_http(&d->ts, "GET", "/api/v1/me", rq.bearer, NULL, NULL);
		if (r.status == 401)
			t_demo_forget(d, who);
		t_resp_free(&r);
	}
	return status;
}

TEST(authz_matrix_holds_for_every_route_and_role)
{
	struct t_demo d;
	REQUIRE(t_demo_start(&d));
	for (size_t i = 0; i < http_route_count; i++) {
		const struct route *rt = &http_routes[i];
		const struct matrix_row *row = row_for(rt);
		if (!row)
			continue; /* reported by authz_matrix_has_a_row_for_every_route */
		for (int k = 0; k < PRINCIPALS; k++) {
			const char *who = principals[k];
			long got = matrix_call(&d, rt, who);
			long denied = who ? 403 : (rt->flags & ROUTE_PAGE) ? 303 : 401;
			if (allowed(row, k) == 1 && (got == 401 || got == 403 || got == 0))
				t_fail(__FILE__, __LINE__, "%s %s as %s: %ld, expected access",
				       rt->method, rt->pattern, who ? who : "anonymous", got);
			if (allowed(row, k) == 0 && got != denied)
				t_fail(__FILE__, __LINE__, "%s %s as %s: %ld, expected %ld",
				       rt->method, rt->pattern, who ? who : "anonymous", got, denied);
		}
	}
	t_demo_stop(&d);
}
