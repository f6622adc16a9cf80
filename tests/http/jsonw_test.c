/* jsonw_test.c - JSON written straight into a buffer reads byte for byte
 * as jansson's compact dump of the same members: escapes, UTF-8, null,
 * integers, the list envelope; invalid UTF-8 fails the buffer. A case of
 * a list (json_case_members) reads as json_case, the view of one case. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/procreg.h"
#include "http/jsonout_case.h"
#include "http/jsonw.h"
#include "t.h"

static const char *const tricky[] = {
	"海原县自然资源局", "引号\"与反斜杠\\", "换行\n回车\r制表\t退格\b换页\f",
	"\x01\x1f控制字符", "/斜杠/ 与 \x7f", "",
	/* copied whole (no escape): ASCII only, and longer than a fresh
	 * buffer's first allocation */
	"NX05220001", "2026-12-06 and a plain ASCII value well past sixty-four bytes long",
	"中华人民共和国行政处罚法第三十三条第一款规定的情形，依法不予行政处罚",
};

TEST(jsonw_writes_what_jansson_dumps)
{
	for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
		struct buf b = BUF_INIT;
		struct jw w;
		jw_object(&w, &b);
		jw_int(&w, "id", -42);
		jw_str(&w, "s", tricky[i]);
		jw_str(&w, "none", NULL);
		jw_null(&w, "n");
		jw_int(&w, "big", INT64_MAX);
		jw_int(&w, "small", INT64_MIN);
		jw_int(&w, "zero", 0);
		jw_end(&w);
		json_t *o = json_pack("{s:I, s:s, s:s?, s:n, s:I, s:I, s:I}", "id", (json_int_t)-42,
				      "s", tricky[i], "none", NULL, "n", "big", (json_int_t)INT64_MAX,
				      "small", (json_int_t)INT64_MIN, "zero", (json_int_t)0);
		char *want = json_dumps(o, JSON_COMPACT);
		CHECK(!buf_failed(&b));
		CHECK_STR(buf_cstr(&b), want);
		free(want);
		json_decref(o);
		buf_release(&b);
	}
}

TEST(jsonw_list_envelope_reads_as_paging_answers_it)
{
	struct buf b = BUF_INIT;
	jw_list_begin(&b);
	for (size_t i = 0; i < 2; i++) {
		struct jw w;
		jw_list_item(&b, i);
		jw_object(&w, &b);
		jw_int(&w, "id", (int64_t)i + 1);
		jw_end(&w);
	}
	jw_list_end(&b, 7, (struct page){ 40, 20 });
	CHECK_STR(buf_cstr(&b),
		  "{\"items\":[{\"id\":1},{\"id\":2}],\"total\":7,\"offset\":40,\"limit\":20}");
	buf_release(&b);
	jw_list_begin(&b);
	jw_list_end(&b, 0, (struct page){ 0, 20 });
	CHECK_STR(buf_cstr(&b), "{\"items\":[],\"total\":0,\"offset\":0,\"limit\":20}");
	buf_release(&b);
}

TEST(jsonw_refuses_invalid_utf8)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_object(&w, &b);
	jw_str(&w, "s", "\xff\xfe");
	jw_end(&w);
	CHECK(buf_failed(&b));
	buf_release(&b);
	/* also when the string needs escapes, or its bad byte comes late */
	static const char *const bad[] = { "引号\"\xe5\x9f", "ascii then \xc3\x28", "\xed\xa0\x80" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		jw_object(&w, &b);
		jw_str(&w, "s", bad[i]);
		jw_end(&w);
		CHECK(buf_failed(&b));
		buf_release(&b);
	}
}

/* json_case's compact dump, and the same case written by
 * json_case_members inside "{...}". */
static void case_both(const struct enf_case *c, const struct proc_def *def, bool personal,
		      char **tree, struct buf *b)
{
	json_t *o = json_case(c, def, personal);
	*tree = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	struct jw w;
	jw_object(&w, b);
	json_case_members(&w, c, def, personal);
	jw_end(&w);
}

TEST(jsonw_case_members_read_as_json_case)
{
	const struct proc_registry *reg = proc_registry_builtin(NULL);
	REQUIRE(reg);
	const struct proc_def *def = proc_registry_find(reg, "penalty_general");
	REQUIRE(def);
	struct enf_case c = {
		.id = 7,
		.number = "海自然资罚立〔2026〕12号",
		.agency_id = 2,
		.agency_name = "海原县自然资源局",
		.procedure = "penalty_general",
		.kind = CASE_PENALTY,
		.domain = "自然资源",
		.matter = "",
		.party_kind = PARTY_CITIZEN,
		.party_name = "马正明",
		.party_id = "640522198001011234",
		.party_address = "",
		.act_date = "2026-03-01",
		.opened_on = "",
		.state = "investigate",
		.closed = false,
		.created_by = 0,
		.created_at = 1790000000,
		.updated_at = -1,
	};
	/* a column cut inside a character: both drop the dangling bytes */
	char cut[64];
	snprintf(cut, sizeof cut, "%s", "非法占用耕地");
	cut[strlen(cut) - 1] = '\0';
	char quoted[] = "引号\"与换行\n的案由", bad[] = "\xff\xfe", empty[] = "";
	struct {
		enum party_kind kind;
		bool personal;
		char *title;
		const struct proc_def *def;
		int64_t created_by;
	} v[] = {
		{ PARTY_CITIZEN, false, quoted, def, 0 },
		{ PARTY_CITIZEN, true, cut, def, 3 },
		{ PARTY_ORGANISATION, false, bad, NULL, 3 },
		{ PARTY_NONE, false, empty, def, 0 },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		c.party_kind = v[i].kind;
		c.title = v[i].title;
		c.created_by = v[i].created_by;
		char *tree;
		struct buf b = BUF_INIT;
		case_both(&c, v[i].def, v[i].personal, &tree, &b);
		REQUIRE(tree);
		CHECK(!buf_failed(&b));
		CHECK_STR(buf_cstr(&b), tree);
		free(tree);
		buf_release(&b);
	}
}

/* A step's answer (POST .../steps) is written by json_case_event_members
 * and json_gate_results_member: each reads as the tree it replaced. b
 * holds the same members as tree, inside "{...}"; both are released. */
static void same_bytes(json_t *tree, struct buf *b)
{
	REQUIRE(tree);
	char *want = json_dumps(tree, JSON_COMPACT);
	json_decref(tree);
	CHECK(!buf_failed(b));
	CHECK_STR(buf_cstr(b), want);
	free(want);
	buf_release(b);
}

static void event_both(const struct case_event *events, size_t n, size_t i,
		       const struct proc_def *def, int late)
{
	struct buf b = BUF_INIT;
	struct jw w;
	jw_object(&w, &b);
	json_case_event_members(&w, events, n, i, def, late);
	jw_end(&w);
	same_bytes(json_case_event_in(events, n, i, def, late), &b);
}

TEST(jsonw_event_members_read_as_json_case_event_in)
{
	const struct proc_registry *reg = proc_registry_builtin(NULL);
	REQUIRE(reg);
	const struct proc_def *def = proc_registry_find(reg, "penalty_general");
	REQUIRE(def);
	char cut[64];
	snprintf(cut, sizeof cut, "%s", "询问笔录一份");
	cut[strlen(cut) - 1] = '\0';
	char long_key[80];
	memset(long_key, 'k', sizeof long_key - 1);
	long_key[sizeof long_key - 1] = '\0';
	/* a key given twice (the later value, at the first place), keys and
	 * values that need escapes, a value cut inside a character */
	const struct case_field fields[] = {
		{ .key = "record", .value = "询问笔录 1 份（压测）" },
		{ .key = "penalty", .value = "fine" },
		{ .key = "引号\"键", .value = "换行\n与\\" },
		{ .key = "record", .value = "第二次给出的笔录" },
		{ .key = long_key, .value = cut },
		{ .key = "amount", .value = "3000" },
	};
	const int64_t officers[] = { 3, 4, 12 };
	struct case_event ev[3] = {
		{ .id = 41, .case_id = 7, .seq = 5, .step = "decision", .on = "2026-01-20",
		  .at = 1768867200, .actor_id = 5, .actor = "head1", .reason = "",
		  .fields = fields, .nfields = 2, .officers = officers, .nofficers = 2 },
		{ .id = 42, .case_id = 7, .seq = 6, .step = "investigate", .on = "2025-10-01",
		  .at = 1768953600, .actor_id = 0, .actor = "officer1",
		  .reason = "补录：\"按发生日期\"录入", .fields = fields,
		  .nfields = sizeof fields / sizeof fields[0], .officers = officers,
		  .nofficers = 3 },
		{ .id = 43, .case_id = 7, .seq = 7, .step = "revoke_decision", .on = "2026-01-22",
		  .at = 1769040000, .actor_id = 5, .actor = "head1", .corrects = 0,
		  .reason = NULL },
	};
	for (size_t i = 0; i < 3; i++) {
		event_both(ev, 3, i, def, 30);
		event_both(ev, 3, i, NULL, 0);
	}
	/* the revocation set the decision aside: voided_by is its seq */
	json_t *o = json_case_event_in(ev, 3, 0, def, 30);
	CHECK_INT(json_integer_value(json_object_get(o, "voided_by")), 7);
	json_decref(o);
	/* a correction, with no fields nor officers */
	struct case_event c = { .id = 44, .case_id = 7, .seq = 8, .step = "correction",
				.on = "2026-01-23", .at = 1769126400, .actor_id = 2,
				.actor = "officer1", .corrects = 42, .reason = "笔录日期有误" };
	event_both(&c, 1, 0, def, 30);
	/* a key that is not UTF-8 fails the answer, as the tree does */
	const struct case_field bad[] = { { .key = "\xff\xfe", .value = "v" } };
	c.fields = bad;
	c.nfields = 1;
	CHECK(json_case_event_in(&c, 1, 0, def, 30) == NULL);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_object(&w, &b);
	json_case_event_members(&w, &c, 1, 0, def, 30);
	jw_end(&w);
	CHECK(buf_failed(&b));
	buf_release(&b);
}

TEST(jsonw_gate_results_read_as_json_gate_results)
{
	struct gate_result res[3] = {
		{ .gate = "roles", .label = "办理角色", .passed = true },
		{ .gate = "required_fields", .label = "必填内容", .passed = false,
		  .code = FZ_INVALID },
		{ .gate = "officers", .label = "执法人员", .passed = true },
	};
	snprintf(res[1].message, sizeof res[1].message, "%s", "缺少“record”\n（询问笔录）");
	/* a note cut inside a character, as a full buffer leaves it */
	snprintf(res[2].message, sizeof res[2].message, "%s", "持证人员 2 名");
	res[2].message[strlen(res[2].message) - 1] = '\0';
	for (size_t n = 0; n <= 3; n++) {
		struct buf b = BUF_INIT;
		struct jw w;
		jw_object(&w, &b);
		json_gate_results_member(&w, "gates", res, n);
		jw_end(&w);
		same_bytes(json_put(json_object(), "gates", json_gate_results(res, n)), &b);
	}
}
