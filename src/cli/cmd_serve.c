/* cmd_serve.c - `fazhi serve`: run the web server until SIGINT/SIGTERM,
 * then let in-flight requests finish and exit 0. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "app/ledger.h"
#include "app/procreg.h"
#include "cli/checkpointer.h"
#include "ledger/checkpoint.h"
#include "http/http.h"
#include "http/server.h"

static int parse_listen(const char *s, char *host, size_t hostlen, int *port)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s || (size_t)(colon - s) >= hostlen)
		return -1;
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if (*end || p < 0 || p > 65535 || colon[1] == '\0')
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	*port = (int)p;
	return 0;
}

static int default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	/* Requests wait on fsync; a few threads per core keep cores busy. */
	n *= 4;
	return n > 64 ? 64 : (int)n;
}

/* Selects the ledger hash recorded in the database for this process. */
static enum fz_err ledger_select(const char *db, struct fz_error *e)
{
	struct store *st;
	enum fz_err rc = store_sqlite_open(db, false, &st, e);
	if (rc)
		return rc;
	rc = app_ledger_open(st, e);
	st->ops->close(st);
	return rc;
}

/* The signing key: a --key-file outside the data directory must load
 * (its permissions are checked); otherwise the data directory gets one
 * when it has none. */
static enum fz_err ledger_key_file_check(const char *data_dir, const char *key_file,
					 struct fz_error *e)
{
	bool made;
	struct ledger_key *k = NULL;
	if (!key_file)
		return app_ledger_key_init(data_dir, &made, e);
	enum fz_err rc = ledger_key_load(key_file, &k, e);
	ledger_key_free(k);
	return rc;
}

int cmd_serve(int argc, char **argv)
{
	const char *db = NULL, *listen = "127.0.0.1:8080", *data_dir = NULL, *procs = NULL;
	const char *threads_s = NULL, *upload_s = NULL, *interval_s = NULL, *key_file = NULL;
	const struct cli_option opts[] = {
		{ "db", &db },
		{ "listen", &listen },
		{ "threads", &threads_s },
		{ "data-dir", &data_dir },
		{ "procedures", &procs },
		{ "max-upload", &upload_s },
		{ "checkpoint-interval", &interval_s },
		{ "key-file", &key_file },
	};
	int bad = cli_options("serve", argc, argv, 1, opts, sizeof opts / sizeof opts[0]);
	if (bad)
		return bad;
	int64_t threads = default_threads(), interval = 300, max_upload = 0;
	if (threads_s && !http_parse_int64(threads_s, 1, 256, &threads))
		return cli_usage("serve", "--threads 应为 1 到 256 之间的整数");
	if (upload_s && !http_parse_int64(upload_s, 1, INT64_MAX, &max_upload))
		return cli_usage("serve", "--max-upload 应为正整数（字节）");
	if (interval_s && !http_parse_int64(interval_s, 1, 86400, &interval))
		return cli_usage("serve", "--checkpoint-interval 应为 1 到 86400 秒");
	if (!db)
		return cli_usage("serve", "缺少 --db PATH");
	char host[64];
	int port;
	if (parse_listen(listen, host, sizeof host, &port))
		return cli_usage("serve", "--listen 应为 地址:端口，例如 127.0.0.1:8080");

	/* The data directory (evidence files, documents, the ledger's key)
	 * sits beside the database unless named. */
	char dir[PATH_MAX];
	if (!(data_dir = cli_data_dir(db, data_dir, dir)))
		return 2;
	struct fz_error e;
	enum fz_err rc;
	if ((rc = ledger_select(db, &e)) || (rc = ledger_key_file_check(data_dir, key_file, &e)))
		return cli_fail(rc, &e);

	/* Block the stop signals in every thread; this one waits for them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* Procedure definitions are checked before anything is served: a bad
	 * one stops the server with the file, line and step named. */
	struct proc_registry *reg = NULL;
	rc = proc_registry_load(procs, &reg, &e);
	if (rc)
		return cli_fail(rc, &e);
	struct app_config cfg;
	app_config_defaults(&cfg);
	cfg.procs = reg;
	cfg.data_dir = data_dir;
	cfg.evidence_max = max_upload;
	struct http_config hc = {
		.listen_addr = host,
		.port = port,
		.threads = (int)threads,
		.db_path = db,
		.app = &cfg,
	};
	struct http_server *srv;
	struct checkpointer *cpt = NULL;
	cfg.ledger_key_file = key_file;
	rc = http_server_start(&hc, &srv, &e);
	if (!rc && (rc = checkpointer_start(db, data_dir, key_file, (int)interval, &cpt, &e)))
		http_server_stop(srv);
	if (rc) {
		proc_registry_free(reg);
		return cli_fail(rc, &e);
	}
	fprintf(stderr, "fazhi: 服务已启动 http://%s:%d/ （%d 个工作线程，按 Ctrl-C 停止）\n",
		host, http_server_port(srv), (int)threads);

	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "fazhi: 收到信号 %d，处理完进行中的请求后退出\n", sig);
	http_server_stop(srv);
	checkpointer_stop(cpt);
	proc_registry_free(reg);
	return 0;
}
