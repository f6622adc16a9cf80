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
