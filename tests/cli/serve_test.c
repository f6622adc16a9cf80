/* serve_test.c - `fazhi serve` checks the procedure definitions before it
 * serves anything: a bad definition stops it with the file, the line and
 * the step named; its background thread signs ledger checkpoints; a change
 * of the definitions marks the derived data before anything is served. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_run.h"
#include "t.h"

TEST(serve_refuses_a_bad_procedure_definition_naming_file_line_and_step)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	CHECK_INT(cli_run(&out, NULL, "init --db %s/d.db", dir), 0);
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
		 "mkdir -p %s/procs && cp %s/data/procedures/*.txt %s/procs/ && "
		 "sed -i 's/^  gates limitation$/  gates limitation no_such_gate/' "
		 "%s/procs/penalty_general.txt",
		 dir, t_source_root(), dir, dir);
	REQUIRE(system(cmd) == 0);
	CHECK_INT(cli_run(&out, NULL, "serve --db %s/d.db --listen 127.0.0.1:0 --procedures %s/procs",
			  dir, dir), 2);
	CHECK_CONTAINS(buf_cstr(&out), "penalty_general.txt");
	CHECK_CONTAINS(buf_cstr(&out), "行");
	CHECK_CONTAINS(buf_cstr(&out), "步骤 open");
	CHECK_CONTAINS(buf_cstr(&out), "no_such_gate");
	buf_release(&out);
}

/* The background signer: a new, empty ledger gets its first checkpoint
 * within the interval, without any request (waited for, up to a minute on
 * a loaded machine), and serve stops cleanly. */
TEST(serve_signs_a_checkpoint_in_the_background)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	CHECK_INT(cli_run(&out, NULL, "init --db %s/d.db", dir), 0);
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
		 "%s serve --db %s/d.db --listen 127.0.0.1:0 --checkpoint-interval 1 "
		 "2>%s/serve.log & pid=$!; "
		 "for i in $(seq 600); do [ \"$(sqlite3 %s/d.db 'SELECT count(*) FROM ledger_checkpoints' "
		 "2>/dev/null)\" -ge 1 ] 2>/dev/null && break; sleep 0.1; done; "
		 "kill -TERM $pid; wait $pid",
		 t_fazhi_bin(), dir, dir, dir);
	CHECK_INT(system(cmd), 0);
	CHECK_INT(cli_run(&out, NULL, "verify --db %s/d.db --trust-on-first-use", dir), 0);
	CHECK_CONTAINS(buf_cstr(&out), "首次使用即信任");
	CHECK_CONTAINS(buf_cstr(&out), "0 条记录");
	CHECK_CONTAINS(buf_cstr(&out), "1 个检查点的根与签名一致");
	buf_release(&out);
}

TEST(serve_refuses_bad_security_options_before_serving)
{
	static const char *const bad[] = {
		"--admin-address 10.0.0.300", "--admin-address host.example", "--admin-address ,",
		"--evidence-quota 0", "--evidence-quota 20GiB", "--password-history 25",
		"--cookie-secure=yes", "--connections-per-address 0", "--case-count-max 0",
		"--case-count-max 1e4",
	};
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	CHECK_INT(cli_run(&out, NULL, "init --db %s/d.db", dir), 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_INT(cli_run(&out, NULL, "serve --db %s/d.db --listen 127.0.0.1:0 %s", dir,
				  bad[i]), 2);
		CHECK_CONTAINS(buf_cstr(&out), "fazhi serve");
		/* the message names the option it refuses, and refuses it for
		 * its value: serve knows every one of them (a flag given a
		 * value, --cookie-secure=yes, is the form it does not know) */
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(bad[i], " ="), bad[i]);
		CHECK_CONTAINS(buf_cstr(&out), name);
		if (!strchr(bad[i], '='))
			CHECK_LACKS(buf_cstr(&out), "无法识别的选项");
	}
	/* refused for its value, not as an option serve does not know (its
	 * 17th: cli_options once took 16) */
	CHECK_INT(cli_run(&out, NULL, "serve --db %s/d.db --listen 127.0.0.1:0 --case-count-max 0",
			  dir),
		  2);
	CHECK_CONTAINS(buf_cstr(&out), "--case-count-max 应为 1 到 100000000 之间的整数");
	buf_release(&out);
}

/* Polls (up to a minute, for a loaded machine) until log holds "服务已启动". */
#define WAIT_STARTED(log)                                                            \
	"for i in $(seq 600); do grep -q 服务已启动 " log " 2>/dev/null && break; sleep 0.1; done; " \
	"grep -q 服务已启动 " log

/* The request log: one line a request with method, path (control bytes
 * masked, at most 255 bytes, never the query), status and milliseconds
 * with one decimal; a line a request however long its path. */
TEST(serve_logs_one_masked_line_per_request)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	char cmd[4096], want[512], path[301];
	CHECK_INT(cli_run(&out, NULL, "init --db %s/d.db", dir), 0);
	memset(path, 'a', 300);
	path[300] = '\0';
	snprintf(cmd, sizeof cmd,
		 "cd %s || exit 9; %s serve --db d.db --listen 127.0.0.1:0 2>s.log & pid=$!; "
		 WAIT_STARTED("s.log") " || exit 10; "
		 "base=$(sed -n 's|.*\\(http://127.0.0.1:[0-9]*\\)/.*|\\1|p' s.log | head -1); "
		 "curl -s -o /dev/null \"$base/healthz?name=secret\"; "
		 "curl -s -o /dev/null \"$base/x%%0Ay\"; "
		 "curl -s -o /dev/null \"$base/%s\"; "
		 "kill -TERM $pid; wait $pid; grep '^http ' s.log > lines.log",
		 dir, t_fazhi_bin(), path);
	CHECK_INT(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "%s/lines.log", dir);
	FILE *f = fopen(cmd, "r");
	REQUIRE(f);
	char line[1024];
	int n = 0;
	while (fgets(line, sizeof line, f)) {
		size_t len = strlen(line);
		CHECK(len > 0 && line[len - 1] == '\n');
		/* "... <status> <ms>.<tenth>ms\n" */
		CHECK(len > 6 && strcmp(line + len - 3, "ms\n") == 0 && line[len - 5] == '.' &&
		      line[len - 4] >= '0' && line[len - 4] <= '9');
		if (n == 0)
			CHECK(strncmp(line, "http GET /healthz 200 ", 22) == 0);
		if (n == 1)
			CHECK(strncmp(line, "http GET /x?y 400 ", 18) == 0);
		if (n == 2) {
			snprintf(want, sizeof want, "http GET /%.254s 404 ", path);
			CHECK(strncmp(line, want, strlen(want)) == 0);
		}
		CHECK_LACKS(line, "secret");
		n++;
	}
	fclose(f);
	CHECK_INT(n, 3);
	buf_release(&out);
}

/* One server per database: a second is refused with the reason, the
 * first goes on serving; once the first is killed (SIGKILL: no clean-up
 * of its own) the database can be served again. */
TEST(serve_refuses_a_second_server_on_the_same_database)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	CHECK_INT(cli_run(&out, NULL, "init --db %s/d.db", dir), 0);
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
		 "cd %s || exit 9; %s serve --db d.db --listen 127.0.0.1:0 2>one.log & pid=$!; " WAIT_STARTED(
			 "one.log") " || { kill -KILL $pid; exit 10; }; "
				    "%s serve --db d.db --listen 127.0.0.1:0 2>two.log; rc=$?; "
				    "kill -0 $pid || exit 11; kill -KILL $pid; wait $pid 2>/dev/null; "
				    "[ $rc = 1 ] || exit 12; "
				    "%s serve --db d.db --listen 127.0.0.1:0 2>three.log & pid=$!; " WAIT_STARTED(
					    "three.log") " || { kill -KILL $pid; exit 13; }; "
							 "kill -TERM $pid; wait $pid",
		 dir, t_fazhi_bin(), t_fazhi_bin(), t_fazhi_bin());
	CHECK_INT(system(cmd), 0);
	char path[1024];
	snprintf(path, sizeof path, "%s/two.log", dir);
	FILE *f = fopen(path, "r");
	REQUIRE(f != NULL);
	char line[1024] = "";
	CHECK(fgets(line, sizeof line, f) != NULL);
	fclose(f);
	CHECK_CONTAINS(line, "已由另一个 fazhi serve 进程使用");
	buf_release(&out);
}

/* The cases' statuses and indicator facts follow the definitions the
 * server starts with (app/basis.h): the first start records them, a
 * start with a changed config.txt marks every case before serving and
 * says so, the same definitions again mark nothing. */
TEST(serve_marks_derived_data_when_the_definitions_changed)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	CHECK_INT(cli_run(&out, NULL, "init --db %s/d.db", dir), 0);
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
		 "cd %s || exit 9; mkdir procs && cp %s/data/procedures/config.txt procs/ && "
		 "sed -i 's/^opening_period 15 working_days/opening_period 10 working_days/' "
		 "procs/config.txt && grep -q '^opening_period 10' procs/config.txt || exit 8; "
		 "for n in 1 2 3; do p=; [ $n = 1 ] || p='--procedures procs'; "
		 "%s serve --db d.db --listen 127.0.0.1:0 $p 2>$n.log & pid=$!; " WAIT_STARTED(
			 "$n.log") " || { kill -KILL $pid; exit 10; }; "
				   "kill -TERM $pid; wait $pid || exit 11; done",
		 dir, t_source_root(), t_fazhi_bin());
	CHECK_INT(system(cmd), 0);
	for (int n = 1; n <= 3; n++) {
		char path[1024], text[4096] = "";
		snprintf(path, sizeof path, "%s/%d.log", dir, n);
		FILE *f = fopen(path, "r");
		REQUIRE(f != NULL);
		size_t len = fread(text, 1, sizeof text - 1, f);
		text[len] = '\0';
		fclose(f);
		if (n == 2)
			CHECK_CONTAINS(text, "程序定义或本省配置已变更");
		else
			CHECK_LACKS(text, "程序定义或本省配置已变更");
	}
	snprintf(cmd, sizeof cmd,
		 "[ \"$(sqlite3 %s/d.db \"SELECT count(*) FROM audit_log WHERE action = "
		 "'procedures.basis'\")\" = 2 ]",
		 dir);
	CHECK_INT(system(cmd), 0);
	buf_release(&out);
}
