/* tsa_test.c - RFC 3161 time-stamps on checkpoints, against a local
 * time-stamping authority (`openssl ts -reply` behind HTTP,
 * tests/cli/tsa_server.py): the token the log keeps is one `openssl ts
 * -verify` accepts for the checkpoint's note text under the authority's
 * CA; an authority that does not answer leaves the checkpoint signed,
 * without a token, with a warning and an audit note; a bad URL is refused. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/ledger.h"
#include "app/ledger_note.h"
#include "cli_run.h"
#include "ledger_session.h"
#include "t.h"

static const char tsa_cnf[] =
	"[ tsa ]\n"
	"default_tsa = tsa1\n"
	"[ tsa1 ]\n"
	"dir = %s\n"
	"serial = $dir/serial\n"
	"crypto_device = builtin\n"
	"signer_cert = $dir/tsa.crt\n"
	"certs = $dir/ca.crt\n"
	"signer_key = $dir/tsa.key\n"
	"signer_digest = sha256\n"
	"default_policy = 1.2.3.4.1\n"
	"digests = sha256\n"
	"accuracy = secs:1\n"
	"ordering = yes\n"
	"tsa_name = yes\n"
	"ess_cert_id_chain = no\n"
	"ess_cert_id_alg = sha256\n";

/* A CA and a TSA certificate in dir, and tsa.cnf. */
static bool tsa_make(const char *dir)
{
	char cmd[4000], path[700];
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && printf 'extendedKeyUsage = critical,timeStamping\\n' > ext.cnf && "
		 "echo 01 > serial && "
		 "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt "
		 "-subj /CN=fazhi-test-ca -days 30 >/dev/null 2>&1 && "
		 "openssl req -newkey rsa:2048 -nodes -keyout tsa.key -out tsa.csr "
		 "-subj /CN=fazhi-test-tsa >/dev/null 2>&1 && "
		 "openssl x509 -req -in tsa.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
		 "-out tsa.crt -days 30 -extfile ext.cnf >/dev/null 2>&1",
		 dir);
	if (system(cmd) != 0)
		return false;
	snprintf(path, sizeof path, "%s/tsa.cnf", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	fprintf(f, tsa_cnf, dir);
	fclose(f);
	return true;
}

/* Starts the authority; waits for its port file (no fixed sleep). */
static pid_t tsa_start(const char *dir, int *port)
{
	char script[700], path[700];
	snprintf(script, sizeof script, "%s/tests/cli/tsa_server.py", t_source_root());
	snprintf(path, sizeof path, "%s/port", dir);
	pid_t pid = fork();
	if (pid == 0) {
		execlp("python3", "python3", script, dir, (char *)NULL);
		_exit(127);
	}
	*port = 0;
	for (int i = 0; pid > 0 && i < 6000 && !*port; i++) {
		FILE *f = fopen(path, "r");
		if (f) {
			if (fscanf(f, "%d", port) != 1)
				*port = 0;
			fclose(f);
		}
		if (!*port)
			nanosleep(&(struct timespec){ 0, 20 * 1000 * 1000 }, NULL);
	}
	return pid;
}

TEST(checkpoint_carries_an_rfc3161_token_that_openssl_verifies)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	char db[600], data[600], tsa[600], cmd[4000];
	snprintf(db, sizeof db, "%s/d.db", dir);
	snprintf(data, sizeof data, "%s/d.db.data", dir);
	snprintf(tsa, sizeof tsa, "%s/tsa", dir);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s'", tsa);
	REQUIRE(system(cmd) == 0);
	REQUIRE(tsa_make(tsa));
	int port;
	pid_t pid = tsa_start(tsa, &port);
	REQUIRE(pid > 0 && port > 0);

	REQUIRE(cli_run(&out, NULL, "init --db %s", db) == 0);
	/* a URL that is not one */
	CHECK_INT(cli_run(&out, NULL, "checkpoint --db %s --tsa-url ftp://x", db), 2);
	CHECK_CONTAINS(buf_cstr(&out), "时间戳服务地址应以 http:// 或 https:// 开头");
	CHECK_INT(cli_run(&out, NULL,
			  "checkpoint --db %s --origin fazhi.640522.nx.gov.cn/enforcement"
			  " --tsa-url http://127.0.0.1:%d/",
			  db, port),
		  0);
	CHECK(strstr(buf_cstr(&out), "警告") == NULL);

	/* the token and the note text, as an outsider gets them */
	struct ledger_session s;
	struct ledger_checkpoint_row row;
	struct ledger_checkpoint cp;
	char text[LEDGER_CHECKPOINT_TEXT_MAX], path[700];
	unsigned char *tok;
	size_t tok_len;
	REQUIRE(ls_open(&s, db, data));
	REQUIRE(s.st->ops->checkpoint_latest(s.st, &row, NULL) == FZ_OK);
	REQUIRE(s.st->ops->timestamp_get(s.st, s.a, row.id, &tok, &tok_len, NULL) == FZ_OK);
	app_ledger_checkpoint_of(&row, &cp);
	size_t n = ledger_checkpoint_text(&cp, text);
	snprintf(path, sizeof path, "%s/note.txt", dir);
	FILE *f = fopen(path, "w");
	REQUIRE(f);
	fwrite(text, 1, n, f);
	fclose(f);
	snprintf(path, sizeof path, "%s/tok.der", dir);
	f = fopen(path, "wb");
	REQUIRE(f);
	fwrite(tok, 1, tok_len, f);
	fclose(f);
	ls_close(&s);
	snprintf(cmd, sizeof cmd,
		 "openssl ts -verify -data '%s/note.txt' -in '%s/tok.der' -token_in "
		 "-CAfile '%s/ca.crt' -untrusted '%s/tsa.crt' 2>&1 | grep -q 'Verification: OK'",
		 dir, dir, tsa, tsa);
	CHECK_INT(system(cmd), 0);
	/* and not for another text */
	snprintf(cmd, sizeof cmd,
		 "printf 'x' >> '%s/note.txt' && openssl ts -verify -data '%s/note.txt' -in "
		 "'%s/tok.der' -token_in -CAfile '%s/ca.crt' -untrusted '%s/tsa.crt' 2>&1 | "
		 "grep -q 'Verification: OK'",
		 dir, dir, dir, tsa, tsa);
	CHECK(system(cmd) != 0);

	/* the authority gone: signed without a token, said and audited */
	int status;
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	REQUIRE(ls_open(&s, db, data) && ls_append(&s, 5000, 1));
	ls_close(&s);
	CHECK_INT(cli_run(&out, NULL, "checkpoint --db %s", db), 0);
	CHECK_CONTAINS(buf_cstr(&out), "未签发时间戳，检查点已签署但不带时间戳");
	char note[400];
	REQUIRE(ls_sql(db, "SELECT message FROM audit_log WHERE action = 'ledger.checkpoint'"
			   " ORDER BY id DESC LIMIT 1",
		       note, sizeof note));
	CHECK_CONTAINS(note, "未取得时间戳");
	REQUIRE(ls_sql(db, "SELECT count(*) FROM ledger_timestamps", note, sizeof note));
	CHECK_STR(note, "1");
	buf_release(&out);
}
