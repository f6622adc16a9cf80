/* ledger_session.c - see ledger_session.h. */
#include "ledger_session.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/ledger.h"
#include "app/ledger_note.h"
#include "base/date.h"
#include "t.h"

bool ls_open(struct ledger_session *s, const char *db, const char *data_dir)
{
	struct fz_error e = { 0 };
	memset(s, 0, sizeof *s);
	snprintf(s->data_dir, sizeof s->data_dir, "%s", data_dir);
	app_config_defaults(&s->cfg);
	s->cfg.data_dir = s->data_dir;
	if (store_sqlite_open(db, false, &s->st, &e) || !(s->a = arena_new()) ||
	    app_ledger_open(s->st, &e)) {
		t_fail(__FILE__, __LINE__, "open %s: %s", db, e.message);
		return false;
	}
	app_ctx_init(&s->ctx, s->st, s->a, &s->cfg, "cli", time_now());
	app_ctx_as_cli(&s->ctx);
	return true;
}

void ls_close(struct ledger_session *s)
{
	if (s->st)
		s->st->ops->close(s->st);
	arena_free(s->a);
	memset(s, 0, sizeof *s);
}

bool ls_sql(const char *db, const char *sql, char *out, size_t n)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	if (out)
		out[0] = '\0';
	if (sqlite3_open(db, &h) != SQLITE_OK)
		return false;
	sqlite3_busy_timeout(h, 30000);
	bool ok = true;
	const char *tail = sql;
	while (ok && tail && *tail) {
		if (sqlite3_prepare_v2(h, tail, -1, &st, &tail) != SQLITE_OK) {
			t_fail(__FILE__, __LINE__, "%s: %s", tail, sqlite3_errmsg(h));
			ok = false;
			break;
		}
		if (!st)
			break;
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && out && !out[0])
			snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
		else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			t_fail(__FILE__, __LINE__, "%s", sqlite3_errmsg(h));
			ok = false;
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return ok;
}

bool ls_latest_note(struct ledger_session *s, char *out, size_t n)
{
	struct ledger_checkpoint_row row;
	struct buf b = BUF_INIT;
	struct fz_error e = { 0 };
	bool ok = !s->st->ops->checkpoint_latest(s->st, &row, &e) &&
		  !app_ledger_note(&s->ctx, &row, true, &b, &e) && b.len < n;
	if (ok)
		snprintf(out, n, "%s", buf_cstr(&b));
	else
		t_fail(__FILE__, __LINE__, "latest note: %s", e.message);
	buf_release(&b);
	return ok;
}

struct ledger_key *ls_witness_key(const char *dir, const char *name, char *vkey, size_t n)
{
	char priv[700], pub[700];
	struct ledger_key *k = NULL;
	unsigned char raw[LEDGER_PUBKEY_LEN];
	const unsigned char type = NOTE_TYPE_COSIG_V1;
	struct buf b = BUF_INIT;
	snprintf(priv, sizeof priv, "%s/witness-%d.key", dir, (int)strlen(name));
	snprintf(pub, sizeof pub, "%s/witness-%d.pub", dir, (int)strlen(name));
	if (ledger_key_generate(priv, pub, NULL) || ledger_key_load(priv, &k, NULL)) {
		t_fail(__FILE__, __LINE__, "witness key in %s", dir);
		return NULL;
	}
	ledger_key_public(k, raw);
	note_vkey_format(&b, name, &type, 1, raw, sizeof raw);
	snprintf(vkey, n, "%s", buf_cstr(&b));
	buf_release(&b);
	return k;
}

bool ls_cosign_latest(struct ledger_session *s, struct ledger_key *k, const char *vkey)
{
	struct ledger_checkpoint_row row;
	struct ledger_checkpoint cp;
	struct note_vkey vk;
	struct fz_error e = { 0 };
	char text[LEDGER_CHECKPOINT_TEXT_MAX];
	unsigned char sig[LEDGER_COSIG_LEN];
	struct buf b = BUF_INIT;
	int added = 0;
	if (s->st->ops->checkpoint_latest(s->st, &row, &e) || note_vkey_parse(vkey, &vk, &e))
		return false;
	app_ledger_checkpoint_of(&row, &cp);
	size_t n = ledger_checkpoint_text(&cp, text);
	if (ledger_cosign(k, time_now(), text, n, sig))
		return false;
	buf_add(&b, text, n);
	buf_addc(&b, '\n');
	note_sig_line(&b, vk.name, vk.key_id, sig, sizeof sig);
	bool ok = !app_ledger_cosign_submit(&s->ctx, buf_cstr(&b), b.len, &added, &e) && added == 1;
	if (!ok)
		t_fail(__FILE__, __LINE__, "cosign: %s", e.message);
	buf_release(&b);
	return ok;
}

bool ls_append(struct ledger_session *s, int first_ref, int n)
{
	struct fz_error e = { 0 };
	if (app_tx_begin(&s->ctx, &e))
		return false;
	for (int i = 0; i < n; i++) {
		unsigned char d[LEDGER_DIGEST_MAX];
		char seed[48];
		snprintf(seed, sizeof seed, "made-up %d", first_ref + i);
		size_t len = ledger_digest(LEDGER_HASH_SM3, seed, strlen(seed), d);
		if (app_ledger_append(&s->ctx, LEDGER_EVIDENCE, first_ref + i, d, len, NULL, &e)) {
			app_tx_abort(&s->ctx);
			t_fail(__FILE__, __LINE__, "append: %s", e.message);
			return false;
		}
	}
	return app_tx_commit(&s->ctx, &e) == FZ_OK;
}
