/* api_document_test.c - a case's documents and catalogue over HTTP: the
 * demo county's closed cases hold their generated documents, each PDF
 * downloads as application/pdf, and another agency's document is 404
 * like its case. */
#include <stdio.h>
#include <string.h>

#include "api_fixture.h"
#include "t.h"

/* The id of the first closed case of 自然资源局 that officer1 lists. */
static int64_t closed_case(struct t_demo *d)
{
	struct http_resp r = t_api(d, "officer1", "GET", "/api/v1/cases?closed=true&limit=200", NULL);
	json_t *o = t_json(&r), *it;
	size_t i;
	int64_t id = 0;
	json_array_foreach(json_object_get(o, "items"), i, it)
		if (!id && strcmp(json_string_value(json_object_get(it, "procedure")) ?: "",
				  "penalty_general") == 0)
			id = json_integer_value(json_object_get(it, "id"));
	json_decref(o);
	t_resp_free(&r);
	return id;
}

TEST(closed_demo_case_lists_its_documents_and_a_full_catalogue)
{
	struct t_demo d;
	char path[128];
	REQUIRE(t_demo_start(&d));
	int64_t id = closed_case(&d);
	REQUIRE(id > 0);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents", (long long)id);
	struct http_resp r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	json_t *o = t_json(&r), *it;
	size_t i;
	bool decision = false, receipt = false;
	json_array_foreach(json_object_get(o, "items"), i, it) {
		const char *kind = json_string_value(json_object_get(it, "kind"));
		const char *number = json_string_value(json_object_get(it, "number"));
		if (kind && strcmp(kind, "penalty_decision") == 0) {
			decision = true;
			CHECK_CONTAINS(number, "罚〔");
			CHECK_CONTAINS(json_string_value(json_object_get(it, "pdf")), "/pdf");
		}
		receipt = receipt || (kind && strcmp(kind, "service_receipt") == 0);
	}
	CHECK(decision);
	CHECK(receipt);
	CHECK_INT(json_array_size(json_object_get(o, "missing")), 0);
	CHECK(json_array_size(json_object_get(o, "catalogue")) >= 4);
	json_decref(o);
	t_resp_free(&r);
	t_demo_stop(&d);
}

TEST(document_pdf_downloads_in_scope_and_is_404_for_another_agency)
{
	struct t_demo d;
	char path[128], type[64], token[65], csrf[65];
	REQUIRE(t_demo_start(&d));
	int64_t id = closed_case(&d);
	REQUIRE(id > 0);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents", (long long)id);
	struct http_resp r = t_api(&d, "officer1", "GET", path, NULL);
	json_t *o = t_json(&r);
	int64_t doc = json_integer_value(
		json_object_get(json_array_get(json_object_get(o, "items"), 0), "id"));
	json_decref(o);
	t_resp_free(&r);
	REQUIRE(doc > 0);

	snprintf(path, sizeof path, "/api/v1/documents/%lld/pdf", (long long)doc);
	r = t_api(&d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(t_header(&r, "Content-Type", type, sizeof type), "application/pdf");
	CHECK(strncmp(r.body, "%PDF-", 5) == 0);
	t_resp_free(&r);
	r = t_api(&d, "supervisor", "GET", path, NULL); /* the justice bureau reads its division */
	CHECK_INT(r.status, 200);
	t_resp_free(&r);

	/* officer3 works for 市场监督管理局 */
	REQUIRE(t_login(&d.ts, "officer3", DEMO_PASSWORD, token, csrf));
	r = t_http(&d.ts, "GET", path, token, NULL, NULL);
	CHECK_ERROR(r, 404, "not_found", "id");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents", (long long)id);
	r = t_http(&d.ts, "GET", path, token, NULL, NULL);
	CHECK_INT(r.status, 404);
	t_resp_free(&r);
	r = t_api(&d, "auditor", "GET", path, NULL);
	CHECK_INT(r.status, 403);
	t_resp_free(&r);

	/* the catalogue page links the PDF */
	snprintf(path, sizeof path, "/cases/%lld/documents", (long long)id);
	r = t_http_cookie(&d.ts, "GET", path, t_demo_token(&d, "officer1"), NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "卷内目录");
	CHECK_CONTAINS(r.body, "行政处罚决定书");
	CHECK_CONTAINS(r.body, "/api/v1/documents/");
	t_resp_free(&r);
	t_demo_stop(&d);
}
