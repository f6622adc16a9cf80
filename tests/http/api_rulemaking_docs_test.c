/* api_rulemaking_docs_test.c - the PDF documents of rule-making (issue 13
 * §5), each drawn from the record and read back with pdftotext: the
 * legality review opinion (合法性审核意见书) of a normative document and
 * of a major decision (合法性审查意见书), the fair-competition review
 * form, the filing report (with its 文号, the dates of signing and
 * publication, the filing body and whether it was in time), the account
 * of how public comments were adopted (counts and reasons from the
 * comment records), a major decision's account of public and expert
 * opinions (art 32), and the yearly decision catalogue as PDF and XLSX.
 * Each is refused with a Chinese message while the step that makes it has
 * not happened, and asking records nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_case_fx.h"
#include "app/document.h"
#include "base/date.h"
#include "t.h"

#define LATE ",\"reason\":\"补录：测试数据按发生日期录入\""

static int64_t step(struct case_fx *f, const char *who, int64_t id, const char *st, int day,
		    const char *fields)
{
	char body[4096];
	snprintf(body, sizeof body, "{\"step\":\"%s\",\"on\":\"%s\"%s,\"fields\":{%s}}", st,
		 cfx_day(f, day), day < -1 ? LATE : "", fields);
	return cfx_step(__FILE__, __LINE__, f, who, id, body);
}

/* The number of documents of case id and of its events. */
static int64_t doc_count(struct case_fx *f, int64_t id)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents", (long long)id);
	json_t *j = cfx_get(f, "officer1", path);
	int64_t n = j ? (int64_t)json_array_size(json_object_get(j, "items")) : -1;
	json_decref(j);
	return n;
}

/* The text of the latest document of kind of case id, as who downloads it
 * (malloc'd; NULL after t_fail). */
static char *latest_text(struct case_fx *f, int line, const char *who, int64_t id,
			 const char *kind)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents/latest?kind=%s", (long long)id,
		 kind);
	struct http_resp r = t_api(&f->d, who, "GET", path, NULL);
	char type[64];
	if (r.status != 200 || strcmp(t_header(&r, "Content-Type", type, sizeof type),
				      "application/pdf") != 0) {
		t_fail(__FILE__, line, "GET %s: %ld %.300s", path, r.status, r.body);
		t_resp_free(&r);
		return NULL;
	}
	char *text = t_pdf_text(r.body, r.body_len, kind);
	t_resp_free(&r);
	return text;
}

/* The latest document of kind refused with status and words, and nothing
 * recorded by asking. */
static void latest_refused(struct case_fx *f, int line, int64_t id, const char *kind,
			   long status, const char *words)
{
	char path[160];
	int64_t events = cfx_event_count(f, id), docs = doc_count(f, id);
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents/latest?kind=%s", (long long)id,
		 kind);
	struct http_resp r = t_api(&f->d, "officer1", "GET", path, NULL);
	if (r.status != status || !strstr(r.body, words))
		t_fail(__FILE__, line, "GET %s: %ld %.300s (expected %ld with \"%s\")", path,
		       r.status, r.body, status, words);
	if (!strstr(r.body, "\"field\":\"kind\""))
		t_fail(__FILE__, line, "the refusal does not name kind: %.300s", r.body);
	t_resp_free(&r);
	if (cfx_event_count(f, id) != events || doc_count(f, id) != docs)
		t_fail(__FILE__, line, "asking for a document recorded something");
}

static struct http_resp comment(struct case_fx *f, int64_t id, const char *json)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/public/consultations/%lld/comments", (long long)id);
	struct t_req rq = { .method = "POST", .path = path, .content_type = "application/json",
			    .body = json };
	return t_http_req(&f->d.ts, &rq);
}

/* The ids of matter id's comments in the order received (up to n). */
static size_t comment_ids(struct case_fx *f, int64_t id, int64_t *out, size_t n)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/comments?limit=200", (long long)id);
	json_t *j = cfx_get(f, "officer1", path);
	size_t k = 0, i;
	json_t *x;
	json_array_foreach(json_object_get(j, "items"), i, x)
		if (k < n)
			out[k++] = json_integer_value(json_object_get(x, "id"));
	json_decref(j);
	return k;
}

static void act(struct case_fx *f, int line, int64_t id, int64_t cid, const char *json)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/comments/%lld/actions", (long long)id,
		 (long long)cid);
	struct http_resp r = t_api(&f->d, "officer1", "POST", path, json);
	if (r.status != 200)
		t_fail(__FILE__, line, "comment action %s: %ld %.300s", json, r.status, r.body);
	t_resp_free(&r);
}

/* Three public comments on matter id: one adopted, one not adopted with
 * its reason, one hidden (an advertisement) and not adopted. */
static void three_comments(struct case_fx *f, int64_t id)
{
	static const char *const bodies[] = {
		"{\"body\":\"建议明确临时用地复垦保证金的退还时限。\"}",
		"{\"body\":\"建议取消临时用地审批。\"}",
		"{\"body\":\"低价出售建材，请联系。\"}",
	};
	for (size_t i = 0; i < 3; i++) {
		struct http_resp r = comment(f, id, bodies[i]);
		CHECK_INT(r.status, 201);
		t_resp_free(&r);
	}
	int64_t c[3] = { 0 };
	REQUIRE(comment_ids(f, id, c, 3) == 3);
	act(f, __LINE__, id, c[0], "{\"action\":\"adopt\",\"reason\":\"已在第四条写明\"}");
	act(f, __LINE__, id, c[1], "{\"action\":\"not_adopt\",\"reason\":\"临时用地审批是土地管理法第五十七条的规定\"}");
	act(f, __LINE__, id, c[2], "{\"action\":\"hide\",\"reason\":\"与征求意见无关的广告\"}");
	act(f, __LINE__, id, c[2], "{\"action\":\"not_adopt\",\"reason\":\"与本文件无关\"}");
}

TEST(normative_document_pdfs_are_drawn_from_its_record_and_refused_before_their_step)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	char body[2048];
	snprintf(body, sizeof body,
		 "{\"procedure\":\"normative_document\",\"title\":\"关于规范临时用地管理的通知\","
		 "\"on\":\"%s\"" LATE ",\"fields\":{\"in_plan\":true,\"plan_ref\":\"2026年计划第3项\","
		 "\"major_effect\":true,\"market_actors\":true}}",
		 cfx_day(&f, -40));
	int64_t id = CFX_OPEN(&f, "officer1", body);
	REQUIRE(id > 0);
	REQUIRE(step(&f, "officer1", id, "draft", -39, "\"text\":\"第一条 为规范临时用地管理，制定本通知。\"") > 0);

	/* nothing of the kind yet: refused, naming the step that makes it */
	latest_refused(&f, __LINE__, id, "legality_opinion", 409, "尚未办理“合法性审核”，还没有合法性审核意见书");
	latest_refused(&f, __LINE__, id, "fair_competition_form", 409, "尚未办理“公平竞争审查”");
	latest_refused(&f, __LINE__, id, "filing_report", 409, "尚未办理“报送备案”，还没有备案报告");
	latest_refused(&f, __LINE__, id, "comment_adoption", 409, "尚未办理“征求意见结束”");
	/* a document this procedure never makes, or no kind at all */
	latest_refused(&f, __LINE__, id, "penalty_decision", 404, "本事项的程序不生成文书“penalty_decision”");
	latest_refused(&f, __LINE__, id, "opinion_adoption", 404, "不生成文书");
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%lld/documents/latest", (long long)id);
	struct http_resp r = t_api(&f.d, "officer1", "GET", path, NULL);
	CHECK_ERROR(r, 400, "invalid", "kind");
	CHECK_CONTAINS(r.body, "请指明文书种类");
	t_resp_free(&r);

	/* public comment: three comments, decided, then the account */
	REQUIRE(step(&f, "officer1", id, "comment_open", -20, "\"comment_channel\":\"县政府门户网站意见征集栏目\"") > 0);
	three_comments(&f, id);
	REQUIRE(step(&f, "officer1", id, "comment_close", 0, "\"comment_summary\":\"共收到意见3条，采纳1条，未采纳2条，理由已逐条说明。\"") > 0);
	char *t = latest_text(&f, __LINE__, "officer1", id, "comment_adoption");
	REQUIRE(t);
	CHECK_CONTAINS(t, "征求意见采纳情况说明");
	CHECK_CONTAINS(t, "关于规范临时用地管理的通知");
	CHECK_CONTAINS(t, "县政府门户网站意见征集栏目");
	CHECK_CONTAINS(t, "收到意见3条（其中未在网站显示1条）");
	CHECK_CONTAINS(t, "采纳1条");
	CHECK_CONTAINS(t, "未采纳2条");
	CHECK_CONTAINS(t, "临时用地审批是土地管理法第五十七条的规定");
	CHECK_CONTAINS(t, "与本文件无关");
	CHECK_CONTAINS(t, "共收到意见3条，采纳1条，未采纳2条");
	/* an adopted comment is counted, not listed among those not adopted */
	CHECK_LACKS(t, "复垦保证金");
	free(t);

	/* the legality review: a problem found, with its reasons; then a pass
	 * by the justice bureau, whose opinion it issues in its own series */
	REQUIRE(step(&f, "officer1", id, "submit_review", 0, "") > 0);
	REQUIRE(step(&f, "reviewer1", id, "legality_review", 0, "\"opinion\":\"problems\",\"reasons\":\"第三条缺少上位法依据\"") > 0);
	t = latest_text(&f, __LINE__, "officer1", id, "legality_opinion");
	REQUIRE(t);
	CHECK_CONTAINS(t, "合法性审核意见书");
	CHECK_CONTAINS(t, "关于规范临时用地管理的通知");
	CHECK_CONTAINS(t, "发现问题，退回起草单位修改");
	CHECK_CONTAINS(t, "第三条缺少上位法依据");
	CHECK_CONTAINS(t, "审〔");
	free(t);
	REQUIRE(step(&f, "officer1", id, "submit_review", 0, "") > 0);
	long before0, inside0, before1, inside1;
	app_documents_drawn(&before0, &inside0);
	REQUIRE(step(&f, "supervisor", id, "legality_review", 0, "\"opinion\":\"pass\"") > 0);
	/* drawn ahead of the write transaction, and that draft used: the
	 * record the draft saw (clocks, comments, the reviewer) is the one
	 * the step leaves */
	app_documents_drawn(&before1, &inside1);
	CHECK_INT(before1 - before0, 1);
	CHECK_INT(inside1 - inside0, 0);
	t = latest_text(&f, __LINE__, "officer1", id, "legality_opinion");
	REQUIRE(t);
	CHECK_CONTAINS(t, "通过：未发现违反法律");
	CHECK_CONTAINS(t, "司法局");           /* the reviewing unit issues it */
	CHECK_CONTAINS(t, "可以提请集体审议");
	CHECK_LACKS(t, "第三条缺少上位法依据"); /* the latest opinion, not the first */
	free(t);

	REQUIRE(step(&f, "officer2", id, "fair_competition_review", 0, "\"opinion\":\"pass\",\"reasons\":\"不涉及市场准入和退出\"") > 0);
	t = latest_text(&f, __LINE__, "head1", id, "fair_competition_form");
	REQUIRE(t);
	CHECK_CONTAINS(t, "公平竞争审查表");
	CHECK_CONTAINS(t, "涉及经营者经济活动是");
	CHECK_CONTAINS(t, "未发现违反公平竞争审查标准的内容");
	CHECK_CONTAINS(t, "不涉及市场准入和退出");
	/* the reviewer by name, from the account that recorded the review */
	json_t *me = cfx_get(&f, "officer2", "/api/v1/me");
	const char *name = json_string_value(json_object_get(json_object_get(me, "user"), "display_name"));
	REQUIRE(name && *name);
	CHECK_CONTAINS(t, name);
	json_decref(me);
	free(t);

	REQUIRE(step(&f, "head1", id, "deliberation", 0, "\"minutes\":\"局务会审议通过\",\"adopted\":\"yes\"") > 0);
	REQUIRE(step(&f, "head1", id, "sign", 0, "") > 0);
	char eff[64];
	snprintf(eff, sizeof eff, "\"effective_on\":\"%s\"", cfx_day(&f, 30));
	REQUIRE(step(&f, "officer1", id, "number", 0, eff) > 0);
	REQUIRE(cfx_publication_of(&f, id, "prepared") > 0);
	REQUIRE(CFX_PUBLISH(&f, "reviewer1", id) > 0);
	latest_refused(&f, __LINE__, id, "filing_report", 409, "还没有备案报告");
	REQUIRE(step(&f, "officer1", id, "file", 0, "\"filed_with\":\"海原县人民政府\"") > 0);
	t = latest_text(&f, __LINE__, "officer1", id, "filing_report");
	REQUIRE(t);
	char docs[1024];
	cfx_documents(&f, id, docs, sizeof docs);
	const char *num = strstr(docs, "normative_text:");
	REQUIRE(num);
	char wenhao[128];
	size_t len = strcspn(num + strlen("normative_text:"), ";");
	snprintf(wenhao, sizeof wenhao, "%.*s", (int)len, num + strlen("normative_text:"));
	CHECK_CONTAINS(wenhao, "规〔");
	CHECK_CONTAINS(t, "备案报告");
	CHECK_CONTAINS(t, "海原县人民政府：");
	CHECK_CONTAINS(t, wenhao);
	CHECK_CONTAINS(t, "备案机关海原县人民政府");
	CHECK_CONTAINS(t, "在期限内报送");
	CHECK_CONTAINS(t, "公平竞争审查表");
	char day[40];
	int y, m, d;
	REQUIRE(date_parse(cfx_day(&f, 30), &y, &m, &d));
	snprintf(day, sizeof day, "施行日期%d年%d月%d日", y, m, d);
	CHECK_CONTAINS(t, day);
	free(t);
	/* every one in the case file, downloadable from the staff page */
	snprintf(path, sizeof path, "/cases/%lld/documents", (long long)id);
	r = t_api(&f.d, "officer1", "GET", path, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "合法性审核意见书</a>");
	CHECK_CONTAINS(r.body, "公平竞争审查表</a>");
	CHECK_CONTAINS(r.body, "备案报告</a>");
	CHECK_CONTAINS(r.body, "征求意见采纳情况说明</a>");
	CHECK_CONTAINS(r.body, "/api/v1/documents/");
	t_resp_free(&r);
	cfx_stop(&f);
}

/* A request answering status (its body freed). */
static void expect(struct case_fx *f, int line, const char *who, const char *method,
		   const char *path, const char *body, long status)
{
	struct http_resp r = t_api(&f->d, who, method, path, body);
	if (r.status != status)
		t_fail(__FILE__, line, "%s %s: %ld, expected %ld: %.300s", method, path, r.status,
		       status, r.body);
	t_resp_free(&r);
}

/* The strings of the XLSX at path (its shared strings, one a line),
 * read back with python3's zipfile into out. */
static bool xlsx_strings(const char *path, char *out, size_t n)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
		 "python3 -c 'import sys,zipfile,re\n"
		 "z=zipfile.ZipFile(sys.argv[1])\n"
		 "s=re.findall(r\"<t[^>]*>([^<]*)</t>\",z.read(\"xl/sharedStrings.xml\").decode())\n"
		 "print(\"\\n\".join(s))' '%s' > '%s.txt'",
		 path, path);
	if (system(cmd) != 0)
		return false;
	snprintf(cmd, sizeof cmd, "%s.txt", path);
	FILE *f = fopen(cmd, "r");
	if (!f)
		return false;
	size_t len = fread(out, 1, n - 1, f);
	out[len] = '\0';
	fclose(f);
	return true;
}

/* GET path as who: the bytes saved under name in a fresh directory; its
 * path in out. False (after t_fail) unless 200 with type. */
static bool download(struct case_fx *f, int line, const char *who, const char *path,
		     const char *type, const char *name, char *out, size_t n)
{
	struct http_resp r = t_api(&f->d, who, "GET", path, NULL);
	char got[128];
	bool ok = r.status == 200 && strcmp(t_header(&r, "Content-Type", got, sizeof got), type) == 0;
	if (!ok)
		t_fail(__FILE__, line, "GET %s: %ld %.300s", path, r.status, r.body);
	snprintf(out, n, "%s/%s", t_tmpdir(), name);
	FILE *fp = ok ? fopen(out, "wb") : NULL;
	if (fp) {
		ok = fwrite(r.body, 1, r.body_len, fp) == r.body_len;
		fclose(fp);
	}
	t_resp_free(&r);
	return ok && fp;
}

TEST(major_decision_pdfs_and_its_catalogue_are_drawn_from_the_record)
{
	struct case_fx f;
	REQUIRE(cfx_start(&f));
	char body[2048], path[160], file[600];
	const char *d60 = cfx_day(&f, -60);
	int year = (d60[0] - '0') * 1000 + (d60[1] - '0') * 100 + (d60[2] - '0') * 10 + (d60[3] - '0');
	snprintf(body, sizeof body, "{\"year\":%d,\"title\":\"海原县%d年度重大行政决策事项目录\"}",
		 year, year);
	struct http_resp r = t_api(&f.d, "officer1", "POST", "/api/v1/decision-catalogues", body);
	REQUIRE(r.status == 201);
	json_t *j = t_json(&r);
	int64_t cat = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/decision-catalogues/%lld/items", (long long)cat);
	snprintf(body, sizeof body, "{\"title\":\"城区生活垃圾分类处理实施方案\",\"category\":\"policy\","
		 "\"unit\":\"县城市管理局\",\"on\":\"%s\"}", d60);
	r = t_api(&f.d, "officer1", "POST", path, body);
	REQUIRE(r.status == 201);
	j = t_json(&r);
	int64_t item = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	t_resp_free(&r);
	snprintf(body, sizeof body, "{\"title\":\"县城停车收费调整方案\",\"category\":\"policy\","
		 "\"unit\":\"县发展和改革局\",\"on\":\"%s\"}", d60);
	expect(&f, __LINE__, "officer1", "POST", path, body, 201);

	/* before the approval: no catalogue document, staff or public */
	snprintf(path, sizeof path, "/api/v1/decision-catalogues/%lld/pdf", (long long)cat);
	r = t_api(&f.d, "officer1", "GET", path, NULL);
	CHECK_ERROR(r, 409, "conflict", "id");
	CHECK_CONTAINS(r.body, "该决策事项目录尚未批准，不能生成目录文书");
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/public/decision-catalogues/%lld/pdf", (long long)cat);
	expect(&f, __LINE__, NULL, "GET", path, NULL, 404);
	snprintf(path, sizeof path, "/api/v1/public/decision-catalogues/%lld/xlsx", (long long)cat);
	expect(&f, __LINE__, NULL, "GET", path, NULL, 404);
	/* staff export the catalogue being drafted */
	snprintf(path, sizeof path, "/api/v1/decision-catalogues/%lld/xlsx", (long long)cat);
	static char strings[1 << 16];
	REQUIRE(download(&f, __LINE__, "officer1", path,
			 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			 "draft.xlsx", file, sizeof file));
	REQUIRE(xlsx_strings(file, strings, sizeof strings));
	CHECK_CONTAINS(strings, "编制中，尚未批准");
	CHECK_CONTAINS(strings, "县城停车收费调整方案");

	snprintf(path, sizeof path, "/api/v1/decision-catalogues/%lld/approve", (long long)cat);
	snprintf(body, sizeof body, "{\"approved_by\":\"县人民政府常务会议\",\"on\":\"%s\"}", d60);
	expect(&f, __LINE__, "head1", "POST", path, body, 200);
	/* adjusted after the approval: one removed, one added, each with its reason */
	snprintf(path, sizeof path, "/api/v1/decision-catalogues/%lld/items", (long long)cat);
	r = t_api(&f.d, "officer1", "POST", path,
		  "{\"title\":\"县城供水价格调整方案\",\"category\":\"policy\",\"unit\":\"县发展和改革局\","
		  "\"reason\":\"供水成本监审结论提前作出\"}");
	CHECK_INT(r.status, 201);
	j = t_json(&r);
	/* the second listed before the approval (县城停车收费调整方案) */
	int64_t second = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 1), "id"));
	json_decref(j);
	t_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/decision-catalogues/%lld/items/%lld/remove",
		 (long long)cat, (long long)second);
	expect(&f, __LINE__, "officer1", "POST", path, "{\"reason\":\"上级已统一部署，本级不再决策\"}", 200);

	/* the catalogue: the items in force, the adjustments and their reasons */
	snprintf(path, sizeof path, "/api/v1/public/decision-catalogues/%lld/pdf", (long long)cat);
	REQUIRE(download(&f, __LINE__, NULL, path, "application/pdf", "dcat.pdf", file, sizeof file));
	FILE *fp = fopen(file, "rb");
	REQUIRE(fp);
	static char pdf[1 << 20];
	size_t plen = fread(pdf, 1, sizeof pdf, fp);
	fclose(fp);
	char *t = t_pdf_text(pdf, plen, "decision_catalogue");
	REQUIRE(t);
	char title[128];
	snprintf(title, sizeof title, "海原县%d年度重大行政决策事项目录", year);
	CHECK_CONTAINS(t, title);
	CHECK_CONTAINS(t, "县人民政府常务会议");
	CHECK_CONTAINS(t, "城区生活垃圾分类处理实施方案");
	CHECK_CONTAINS(t, "承办单位：县城市管理局");
	CHECK_CONTAINS(t, "目录调整及理由");
	CHECK_CONTAINS(t, "调整列入：县城供水价格调整方案");
	CHECK_CONTAINS(t, "理由：供水成本监审结论提前作出");
	CHECK_CONTAINS(t, "调出：县城停车收费调整方案");
	CHECK_CONTAINS(t, "理由：上级已统一部署，本级不再决策");
	free(t);
	snprintf(path, sizeof path, "/api/v1/decision-catalogues/%lld/xlsx", (long long)cat);
	REQUIRE(download(&f, __LINE__, "officer1", path,
			 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			 "dcat.xlsx", file, sizeof file));
	REQUIRE(xlsx_strings(file, strings, sizeof strings));
	CHECK_CONTAINS(strings, "县人民政府常务会议");
	CHECK_CONTAINS(strings, "目录调整");
	CHECK_CONTAINS(strings, "供水成本监审结论提前作出");
	CHECK_CONTAINS(strings, "上级已统一部署，本级不再决策");
	CHECK_CONTAINS(strings, "已调出");
	CHECK_CONTAINS(strings, "调整调出");
	/* the log's 记录人 by name, not by account */
	CHECK_CONTAINS(strings, "自然资源局执法人员一");
	CHECK_LACKS(strings, "officer1");
	/* the portal's catalogue page offers both */
	snprintf(path, sizeof path, "/public/decision-catalogue/%lld", (long long)cat);
	r = t_api(&f.d, NULL, "GET", path, NULL);
	CHECK_INT(r.status, 200);
	snprintf(body, sizeof body, "/api/v1/public/decision-catalogues/%lld/pdf", (long long)cat);
	CHECK_CONTAINS(r.body, body);
	snprintf(body, sizeof body, "/api/v1/public/decision-catalogues/%lld/xlsx", (long long)cat);
	CHECK_CONTAINS(r.body, body);
	t_resp_free(&r);

	/* a decision on the first item */
	snprintf(body, sizeof body,
		 "{\"procedure\":\"major_decision\",\"title\":\"城区生活垃圾分类处理实施方案\","
		 "\"on\":\"%s\"" LATE ",\"fields\":{\"catalogue_item\":%lld,\"proposal_source\":"
		 "\"县人民政府县长提出\"}}", d60, (long long)item);
	int64_t id = CFX_OPEN(&f, "officer1", body);
	REQUIRE(id > 0);
	REQUIRE(step(&f, "officer1", id, "draft", -59, "\"text\":\"一、目标 ……\"") > 0);
	latest_refused(&f, __LINE__, id, "legality_opinion", 409, "尚未办理“合法性审查”，还没有合法性审查意见书");
	latest_refused(&f, __LINE__, id, "opinion_adoption", 409, "尚未办理“拟定公布文本");
	latest_refused(&f, __LINE__, id, "filing_report", 404, "本事项的程序不生成文书");
	char fields[512];
	snprintf(fields, sizeof fields, "\"comment_channel\":\"县政府门户网站\",\"comment_until\":\"%s\"",
		 cfx_day(&f, -25));
	REQUIRE(step(&f, "officer1", id, "comment_open", -55, fields) > 0);
	three_comments(&f, id);
	REQUIRE(step(&f, "officer1", id, "expert_consultation", -42,
		     "\"experts\":\"王某，某大学，环境工程\",\"expert_opinion\":\"方案可行，建议分步实施\","
		     "\"no_interest\":true,\"signed\":true") > 0);
	REQUIRE(step(&f, "officer1", id, "comment_close", 0, "\"comment_summary\":\"收到意见3条，采纳1条\"") > 0);
	snprintf(fields, sizeof fields, "\"review_by\":\"%s\",\"materials_note\":\"决策草案、法律依据\"",
		 cfx_day(&f, 20));
	REQUIRE(step(&f, "officer1", id, "submit_review", 0, fields) > 0);
	REQUIRE(step(&f, "reviewer1", id, "legality_review", 0, "\"opinion\":\"pass\"") > 0);
	t = latest_text(&f, __LINE__, "head1", id, "legality_opinion");
	REQUIRE(t);
	CHECK_CONTAINS(t, "合法性审查意见书");
	CHECK_CONTAINS(t, "决策事项城区生活垃圾分类处理实施方案");
	CHECK_CONTAINS(t, "决策草案、法律依据");
	CHECK_CONTAINS(t, "合法。");
	CHECK_LACKS(t, "退回修改");
	CHECK_CONTAINS(t, "可以提交集体讨论");
	free(t);
	REQUIRE(step(&f, "officer1", id, "meeting", 0,
		     "\"meeting_kind\":\"executive\",\"attendees\":\"县长、副县长\",\"opinions\":\"同意\","
		     "\"majority\":\"adopt\",\"dissent\":\"无\"") > 0);
	REQUIRE(step(&f, "head1", id, "decide", 0, "\"head_opinion\":\"同意\",\"outcome\":\"adopt\"") > 0);
	REQUIRE(step(&f, "officer1", id, "report_party", 0,
		     "\"party_committee\":\"中共某县委员会\",\"party_report\":\"书面请示，县委常委会同意\"") > 0);
	REQUIRE(step(&f, "officer1", id, "prepare_announce", 0,
		     "\"channel\":\"县政府公报\",\"public_adoption\":\"采纳复垦保证金退还时限的建议\","
		     "\"expert_adoption\":\"采纳分步实施的建议\"") > 0);
	t = latest_text(&f, __LINE__, "officer1", id, "opinion_adoption");
	REQUIRE(t);
	CHECK_CONTAINS(t, "公众意见和专家论证意见采纳情况说明");
	CHECK_CONTAINS(t, "第三十二条");
	CHECK_CONTAINS(t, "收到意见3条（其中未在网站显示1条）");
	CHECK_CONTAINS(t, "临时用地审批是土地管理法第五十七条的规定");
	CHECK_CONTAINS(t, "采纳复垦保证金退还时限的建议");
	CHECK_CONTAINS(t, "王某，某大学，环境工程");
	CHECK_CONTAINS(t, "方案可行，建议分步实施");
	CHECK_CONTAINS(t, "采纳分步实施的建议");
	CHECK_CONTAINS(t, "县政府公报");
	free(t);
	cfx_stop(&f);
}
