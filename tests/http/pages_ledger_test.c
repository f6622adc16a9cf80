/* pages_ledger_test.c - the ledger for people: the public page (no
 * sign-in) shows the latest checkpoint, its verifier key and witnesses'
 * cosignatures and how to check things with one's own tools; the case
 * page shows each record's leaf index and whether a witnessed checkpoint
 * covers it, and changes as checkpoints are signed and witnessed. */
#include <stdio.h>
#include <string.h>

#include "app/case.h"
#include "app/ledger.h"
#include "app/ledger_note.h"
#include "base/date.h"
#include "harness.h"
#include "page_fixture.h"
#include "t.h"

/* Signs a checkpoint now; when k is given, registers its verifier key
 * and hands in its cosignature of that checkpoint. */
static bool sign_and_witness(struct t_pages *p, struct ledger_key *k, const char *vkey)
{
	struct app_ctx ctx;
	struct fz_error e = { 0 };
	struct ledger_checkpoint_row row;
	bool made, created;
	app_ctx_init(&ctx, p->ts.st, p->ts.a, &p->ts.cfg, "cli", time_now());
	app_ctx_as_cli(&ctx);
	if (app_ledger_key_init(p->ts.data_dir, &created, &e) ||
	    app_ledger_checkpoint(&ctx, &made, &row, &e))
		return false;
	if (!k)
		return true;
	char path[700];
	snprintf(path, sizeof path, "%s/%s", p->ts.data_dir, LEDGER_WITNESSES_FILE);
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	fprintf(f, "%s\n", vkey);
	fclose(f);
	struct ledger_checkpoint cp;
	struct note_vkey vk;
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	unsigned char sig[LEDGER_COSIG_LEN];
	struct buf b = BUF_INIT;
	int added = 0;
	app_ledger_checkpoint_of(&row, &cp);
	size_t n = ledger_checkpoint_text(&cp, text);
	if (note_vkey_parse(vkey, &vk, &e) || ledger_cosign(k, 1765000000, text, n, sig))
		return false;
	buf_add(&b, text, n);
	buf_addc(&b, '\n');
	note_sig_line(&b, vk.name, vk.key_id, sig, sizeof sig);
	enum fz_err rc = app_ledger_cosign_submit(&ctx, buf_cstr(&b), b.len, &added, &e);
	buf_release(&b);
	return rc == FZ_OK && added == 1;
}

TEST(ledger_page_is_public_and_the_case_page_shows_coverage)
{
	struct t_pages p;
	struct t_browser o1;
	char url[64];
	REQUIRE(t_pages_start(&p));
	REQUIRE(t_pages_login(&p, "officer1", &o1));
	int64_t id = t_pages_case_id(&p, "非法转让土地使用权");
	REQUIRE(id > 0);
	snprintf(url, sizeof url, "/cases/%lld", (long long)id);

	/* before any checkpoint */
	struct http_resp r = t_http(&p.ts, "GET", "/ledger", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "执法全过程记录公开核验");
	CHECK_CONTAINS(r.body, "账本尚未签署检查点");
	CHECK_CONTAINS(r.body, "fazhi verify-bundle");
	t_resp_free(&r);
	r = t_page_get(&p, &o1, url);
	CHECK_CONTAINS(r.body, "<h2 id=\"ledger\">账本记录</h2>");
	CHECK_CONTAINS(r.body, "待签署检查点");
	CHECK(strstr(r.body, "已见证") == NULL);
	t_resp_free(&r);

	/* signed, not yet witnessed */
	REQUIRE(sign_and_witness(&p, NULL, NULL));
	r = t_page_get(&p, &o1, url);
	CHECK_CONTAINS(r.body, "已签署，待见证");
	CHECK(strstr(r.body, "待签署检查点") == NULL);
	t_resp_free(&r);

	/* witnessed: a new checkpoint after more records, cosigned */
	char vkey[400], dir[600];
	snprintf(dir, sizeof dir, "%s", p.ts.data_dir);
	unsigned char raw[32];
	char priv[700], pub[700];
	snprintf(priv, sizeof priv, "%s/w.key", dir);
	snprintf(pub, sizeof pub, "%s/w.pub", dir);
	struct ledger_key *k = NULL;
	REQUIRE(ledger_key_generate(priv, pub, NULL) == FZ_OK);
	REQUIRE(ledger_key_load(priv, &k, NULL) == FZ_OK);
	ledger_key_public(k, raw);
	struct buf vb = BUF_INIT;
	const unsigned char type = NOTE_TYPE_COSIG_V1;
	note_vkey_format(&vb, "justice.yinchuan.gov.cn/witness", &type, 1, raw, 32);
	snprintf(vkey, sizeof vkey, "%s", buf_cstr(&vb));
	buf_release(&vb);
	/* the same size: a cosignature of the existing checkpoint */
	REQUIRE(sign_and_witness(&p, k, vkey));
	ledger_key_free(k);
	r = t_page_get(&p, &o1, url);
	CHECK_CONTAINS(r.body, "已见证");
	CHECK(strstr(r.body, "已签署，待见证") == NULL);
	CHECK(strstr(r.body, "未记入账本") == NULL);
	CHECK_CONTAINS(r.body, "<th>账本序号</th>");
	CHECK(strstr(r.body, "<td>—</td>") == NULL);
	/* the case's first record, by its leaf index */
	struct app_ctx ctx;
	struct case_view v;
	struct ledger_leaf lf;
	char cell[64];
	app_ctx_init(&ctx, p.ts.st, p.ts.a, &p.ts.cfg, "cli", time_now());
	app_ctx_as_cli(&ctx);
	REQUIRE(app_case_view(&ctx, id, &v, NULL) == FZ_OK && v.events.n > 0);
	REQUIRE(p.ts.st->ops->ledger_leaf_find(p.ts.st, 1, v.events.items[0].id, &lf, NULL) ==
		FZ_OK);
	snprintf(cell, sizeof cell, "<td>案件事件第 1 项（%s）</td><td>%lld</td>", v.events.items[0].on,
		 (long long)lf.idx);
	CHECK_CONTAINS(r.body, cell);
	/* and the first version of its header (案件信息) */
	struct case_header_list hs;
	REQUIRE(p.ts.st->ops->case_headers(p.ts.st, p.ts.a, id, &hs, NULL) == FZ_OK && hs.n > 0);
	REQUIRE(p.ts.st->ops->ledger_leaf_find(p.ts.st, 4, hs.items[0].id, &lf, NULL) == FZ_OK);
	snprintf(cell, sizeof cell, "<td>案件信息第 1 版</td><td>%lld</td>", (long long)lf.idx);
	CHECK_CONTAINS(r.body, cell);
	t_resp_free(&r);

	r = t_http(&p.ts, "GET", "/ledger", NULL, NULL, NULL);
	CHECK_INT(r.status, 200);
	CHECK_CONTAINS(r.body, "最新检查点");
	CHECK_CONTAINS(r.body, "justice.yinchuan.gov.cn/witness · 副署于");
	CHECK_CONTAINS(r.body, "已由见证方副署");
	CHECK_CONTAINS(r.body, "签名文本（C2SP 格式）");
	CHECK_CONTAINS(r.body, "fazhi verify --db");
	t_resp_free(&r);
	t_pages_stop(&p);
}
