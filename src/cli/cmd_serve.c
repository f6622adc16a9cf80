/* cmd_serve.c - `fazhi serve`: run the web server until SIGINT/SIGTERM,
 * then let in-flight requests finish and exit 0. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "app/basis.h"
#include "app/ledger.h"
#include "app/procreg.h"
#include "base/utf8.h"
#include "cli/checkpointer.h"
#include "cli/scheduler.h"
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

/* Checks that this binary knows the ledger hash the database records
 * (each request reads it from the database where it is used). */
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

/* Seconds between runs of the scheduled jobs: a run finds nothing stale
 * in one query, so frequent is cheap, and a new day is seen within it. */
#define SCHEDULER_INTERVAL 300

/* A comma-separated list of IPv4 or IPv6 literals. */
static bool admin_addresses_valid(const char *list)
{
	const char *p = list;
	int n = 0;
	while (*p) {
		while (*p == ',' || *p == ' ')
			p++;
		size_t len = strcspn(p, ", ");
		char one[INET6_ADDRSTRLEN];
		unsigned char bin[sizeof(struct in6_addr)];
		if (len == 0)
			break;
		if (len >= sizeof one)
			return false;
		memcpy(one, p, len);
		one[len] = '\0';
		if (inet_pton(AF_INET, one, bin) != 1 && inet_pton(AF_INET6, one, bin) != 1)
			return false;
		n++;
		p += len;
	}
	return n > 0;
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

/* One server per database: two would each run a checkpointer and a
 * scheduler and race on what only one should decide. An advisory flock
 * on the database file itself (independent of SQLite's own POSIX locks
 * on Linux) is held until the process ends, however it ends; the kernel
 * releases it even after SIGKILL. The descriptor is kept open on purpose. */
static int hold_serve_lock(const char *db)
{
	int fd = open(db, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "fazhi serve: 无法打开数据库 %s：%s（先运行 fazhi init）\n", db,
			strerror(errno));
		return 2;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		fprintf(stderr,
			"fazhi serve: 数据库 %s 已由另一个 fazhi serve 进程使用；"
			"同一数据库只能由一个服务进程提供服务，请先停止那个进程\n",
			db);
		close(fd);
		return 1;
	}
	return 0;
}

/* https://host[:port] and nothing after it: QR codes append the path. */
static bool public_url_valid(const char *u)
{
	const char *h = strncmp(u, "https://", 8) == 0 ? u + 8
		      : strncmp(u, "http://", 7) == 0  ? u + 7
							: NULL;
	if (!h || !*h || strlen(u) > 200)
		return false;
	for (; *h; h++)
		if (!(isalnum((unsigned char)*h) || *h == '.' || *h == '-' || *h == ':' ||
		      *h == '[' || *h == ']'))
			return false;
	return true;
}

/* The cases' statuses and indicator facts follow the definitions the
 * server runs with (app/basis.h): checked before anything is served, so
 * no page shows a due date computed under the definitions of before. */
static int basis_check(const char *db, const struct proc_registry *reg)
{
	struct cli_session s;
	int bad = cli_session_open(&s, db, false);
	if (bad)
		return bad;
	s.cfg.procs = reg;
	struct fz_error e;
	bool marked;
	enum fz_err rc = app_basis_check(&s.ctx, &marked, &e);
	cli_session_close(&s);
	if (rc)
		return cli_fail(rc, &e);
	if (marked)
		fprintf(stderr, "fazhi: 程序定义或本省配置已变更，全部案件的期限状态和监督指标"
				"将在后台按新的定义重新计算\n");
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	const char *db = NULL, *listen = "127.0.0.1:8080", *data_dir = NULL, *procs = NULL;
	const char *threads_s = NULL, *upload_s = NULL, *interval_s = NULL;
	const char *cookie_secure = NULL, *admin_addresses = NULL, *quota_s = NULL;
	const char *history_s = NULL, *per_address_s = NULL;
	const char *key_file = NULL, *complaint_contact = NULL, *public_url = NULL;
	const char *embargo_s = NULL, *count_max_s = NULL;
	const struct cli_option opts[] = {
		{ "db", &db },
		{ "listen", &listen },
		{ "threads", &threads_s },
		{ "data-dir", &data_dir },
		{ "procedures", &procs },
		{ "max-upload", &upload_s },
		{ "checkpoint-interval", &interval_s },
		{ "cookie-secure", &cookie_secure, true },
		{ "admin-address", &admin_addresses },
		{ "evidence-quota", &quota_s },
		{ "password-history", &history_s },
		{ "connections-per-address", &per_address_s },
		{ "key-file", &key_file },
		{ "complaint-contact", &complaint_contact },
		{ "public-url", &public_url },
		{ "draw-embargo-max-days", &embargo_s },
		{ "case-count-max", &count_max_s },
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
	int64_t quota = 0, history = -1, per_address = 0;
	if (per_address_s && !http_parse_int64(per_address_s, 1, 4096, &per_address))
		return cli_usage("serve", "--connections-per-address 应为 1 到 4096 之间的整数");
	if (history_s && !http_parse_int64(history_s, 0, 24, &history))
		return cli_usage("serve", "--password-history 应为 0 到 24 之间的整数");
	if (quota_s && !http_parse_int64(quota_s, 1, INT64_MAX, &quota))
		return cli_usage("serve", "--evidence-quota 应为正整数（字节）");
	if (admin_addresses && !admin_addresses_valid(admin_addresses))
		return cli_usage("serve", "--admin-address 应为以逗号分隔的 IP 地址，例如 10.0.0.5,10.0.0.6");
	if (complaint_contact && (!*complaint_contact || strlen(complaint_contact) > 80 ||
				  !utf8_valid(complaint_contact, strlen(complaint_contact))))
		return cli_usage("serve", "--complaint-contact 应为不超过 26 个汉字的联系方式，"
					  "例如 \"海原县司法局执法监督科，电话 0955-4012345\"");
	if (public_url && !public_url_valid(public_url))
		return cli_usage("serve", "--public-url 应为以 http:// 或 https:// 开头、不带路径的网址，"
					  "例如 https://fazhi.example.gov.cn");
	int64_t embargo = 0;
	if (embargo_s && !http_parse_int64(embargo_s, 1, 3650, &embargo))
		return cli_usage("serve", "--draw-embargo-max-days 应为 1 到 3650 之间的天数");
	int64_t count_max = 0;
	if (count_max_s && !http_parse_int64(count_max_s, 1, 100000000, &count_max))
		return cli_usage("serve", "--case-count-max 应为 1 到 100000000 之间的整数");
	if (!db)
		return cli_usage("serve", "缺少 --db PATH");
	char host[64];
	int port;
	if (parse_listen(listen, host, sizeof host, &port))
		return cli_usage("serve", "--listen 应为 地址:端口，例如 127.0.0.1:8080");
	if ((bad = hold_serve_lock(db)))
		return bad;

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
	if ((bad = basis_check(db, reg))) {
		proc_registry_free(reg);
		return bad;
	}
	struct app_config cfg;
	app_config_defaults(&cfg);
	cfg.procs = reg;
	cfg.data_dir = data_dir;
	cfg.evidence_max = max_upload;
	cfg.evidence_quota = quota;
	if (history >= 0)
		cfg.password_history = (int)history;
	cfg.cookie_secure = cookie_secure != NULL;
	cfg.admin_addresses = admin_addresses;
	cfg.complaint_contact = complaint_contact;
	cfg.public_url = public_url;
	cfg.draw_embargo_max_days = (int)embargo;
	cfg.case_count_max = count_max;
	struct http_config hc = {
		.listen_addr = host,
		.port = port,
		.threads = (int)threads,
		.db_path = db,
		.app = &cfg,
		.per_address_connections = (int)per_address,
	};
	struct http_server *srv;
	struct checkpointer *cpt = NULL;
	struct scheduler *jobs = NULL;
	cfg.ledger_key_file = key_file;
	rc = http_server_start(&hc, &srv, &e);
	if (!rc && (rc = checkpointer_start(db, data_dir, key_file, (int)interval, &cpt, &e)))
		http_server_stop(srv);
	/* the day's case statuses, then every SCHEDULER_INTERVAL seconds */
	if (!rc && (rc = scheduler_start(db, &cfg, SCHEDULER_INTERVAL, &jobs, &e))) {
		checkpointer_stop(cpt);
		http_server_stop(srv);
	}
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
	scheduler_stop(jobs);
	checkpointer_stop(cpt);
	proc_registry_free(reg);
	return 0;
}
