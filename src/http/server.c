/* server.c - libmicrohttpd glue: one readable story from socket to
 * handler. A request passes the edge (http/edge.c: framing, path,
 * deadline), is accumulated (within its body limit), given an arena and a
 * pooled storage connection, routed, answered with the security headers,
 * and logged in one line when it completes. */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/evidence.h"
#include "app/export_job.h"
#include "base/date.h"
#include "base/num.h"
#include "http/edge.h"
#include "http/http.h"
#include "http/resp.h"
#include "http/router.h"
#include "http/stream_form.h"
#include "store/store.h"
#include "store/store_group.h"
#include "store/store_pool.h"

/* Idle limit (libmicrohttpd's): a connection silent this long is closed. */
#define CONNECTION_TIMEOUT_S 30u
/* Limits chosen so that a thousand slow clients, from as many addresses,
 * leave room for everyone else: at most PER_IP_CONNECTIONS from one
 * address (an office behind NAT has a few dozen browsers), at most
 * MAX_CONNECTIONS in all, and the deadline (http/edge.c) frees slots held by
 * clients that trickle. File descriptors are raised to match. */
#define PER_IP_CONNECTIONS 32u
#define MAX_CONNECTIONS 4096u
#define DEFAULT_THREADS 4
#define DRAIN_WAIT_MS 5000
/* libmicrohttpd's memory per connection (32 KiB by default): the request
 * head is read into it, half of it at first, and the rest holds the header
 * list and the answer's head. 0.9.75 zeroes all of it after every request
 * of a kept-alive connection (MHD_pool_reset), which was 14% of the
 * instructions of a signed-in list (docs/PERFORMANCE.md). 16 KiB still
 * takes a request head of HTTP_HEAD_MAX (http.h); a far longer one is
 * refused by libmicrohttpd (431). Bodies pass through it in pieces,
 * whatever their size. */
#define CONNECTION_MEMORY (16u * 1024u)
/* A streamed upload may take longer than the deadline: it gets this
 * much more per byte it announces (a client slower than 64 KiB/s for a
 * whole file is dropped). */
#define UPLOAD_MIN_RATE (64 * 1024)

struct http_server {
	struct MHD_Daemon *daemon;
	struct store_pool *pool;
	const struct app_config *app;
	atomic_int active; /* requests between first callback and completion */
	atomic_llong errors; /* answers with status 500 (http_server_errors) */
	struct edge *edge; /* the whole-request deadline (http/edge.c) */
	struct export_runner *exports; /* long exports off the request path */
};

/* A streamed body's state (ROUTE_STREAM): allocated by stream_begin only
 * for the routes that stream, so that every other request's state, zeroed
 * as it begins, stays small (this is 5 KiB, mostly a path). */
struct stream_state {
	struct evidence_upload up;
	bool multipart;          /* a page form: the file is one part of it */
	bool many;               /* ... with several files (route->files) */
	struct stream_files files;
	struct stream_form form;
	enum fz_err up_err;      /* first failure while receiving */
	struct fz_error up_e;
};

/* Per-request state, from the first callback to completion. */
struct conn {
	struct http_server *srv;
	struct req r;
	struct buf upload;  /* capped at the body limit */
	bool too_large;
	bool answered;
	/* ROUTE_STREAM: the body goes to a temporary file, not to upload */
	bool streaming;
	struct stream_state *s; /* NULL unless the route streams */
	struct timespec t0;
	char addr[INET6_ADDRSTRLEN];
	bool bad_path;           /* a control character in the raw path */
	bool rejected;           /* answered 400 before the body; closes */
};

static void conn_free(struct conn *cn)
{
	if (cn->s) {
		if (cn->streaming) /* a dropped upload leaves nothing */
			app_evidence_upload_abort(&cn->s->up);
		if (cn->s->multipart)
			stream_form_release(&cn->s->form);
		free(cn->s);
	}
	resp_release(&cn->r.resp);
	buf_release(&cn->upload);
	arena_free(cn->r.a);
	free(cn);
}

static void client_address(struct MHD_Connection *c, char out[INET6_ADDRSTRLEN])
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, INET6_ADDRSTRLEN, "unknown");
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET) {
		/* dotted by hand: inet_ntop formats each byte with sprintf */
		const unsigned char *b = (const unsigned char *)&(
			(const struct sockaddr_in *)(const void *)sa)->sin_addr;
		size_t n = 0;
		for (int i = 0; i < 4; i++) {
			if (i)
				out[n++] = '.';
			n += num_format_i64(b[i], out + n);
		}
	} else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  out, INET6_ADDRSTRLEN);
}

/* Called with the request line, before the headers: the request's state
 * begins here so that the raw target can be looked at. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	struct conn *cn = calloc(1, sizeof *cn);
	if (cn)
		cn->bad_path = edge_path_has_control(uri);
	return cn;
}

static struct conn *conn_new(struct http_server *srv, struct conn *cn,
			     struct MHD_Connection *c, const char *url, const char *method)
{
	if (!cn && !(cn = calloc(1, sizeof *cn)))
		return NULL;
	cn->srv = srv;
	clock_gettime(CLOCK_MONOTONIC, &cn->t0);
	cn->r.a = arena_new();
	if (!cn->r.a) {
		free(cn);
		return NULL;
	}
	cn->r.method = arena_strdup(cn->r.a, method);
	cn->r.path = arena_strdup(cn->r.a, url);
	if (!cn->r.method || !cn->r.path) {
		conn_free(cn);
		return NULL;
	}
	client_address(c, cn->addr);
	cn->r.client_addr = cn->addr;
	cn->r.conn = c;
	cn->r.body = "";
	cn->r.exports = srv->exports;
	/* A context without storage, enough to answer early errors. */
	app_ctx_init(&cn->r.ctx, NULL, cn->r.a, srv->app, cn->addr, app_now(srv->app));
	buf_init(&cn->upload, req_is_api(&cn->r) ? HTTP_API_BODY_MAX : HTTP_FORM_BODY_MAX);
	return cn;
}

/* True when the client announced a body longer than the limit: it is
 * answered 413 at once and libmicrohttpd never reads the body. */
static bool declared_too_large(struct MHD_Connection *c, size_t limit)
{
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_LENGTH);
	int64_t n;
	return cl && http_parse_int64(cl, 0, INT64_MAX, &n) && (uint64_t)n > limit;
}

static enum MHD_Result send_response(struct conn *cn, struct MHD_Connection *c)
{
	struct req *r = &cn->r;
	struct MHD_Response *mr;

	resp_security_headers(r);
	/* Every 503 (a busy database, no memory) is temporary: say when to
	 * come back (RFC 9110 §10.2.3). */
	if (r->resp.status == 503)
		resp_header(r, "Retry-After", "1");
	if (r->resp.has_file) {
		/* libmicrohttpd closes the file once the response is freed */
		mr = MHD_create_response_from_fd64(r->resp.file_size, r->resp.file_fd);
		if (mr)
			r->resp.has_file = false;
	} else if (r->resp.fixed) {
		mr = MHD_create_response_from_buffer(r->resp.fixed_len, (void *)r->resp.fixed,
						     MHD_RESPMEM_PERSISTENT);
	} else {
		size_t len = 0;
		char *data = buf_detach(&r->resp.body, &len);
		if (!data)
			return MHD_NO;
		mr = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
		if (!mr)
			free(data);
	}
	if (!mr)
		return MHD_NO;
	if (r->resp.content_type)
		MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, r->resp.content_type);
	for (const struct resp_header *h = r->resp.headers; h; h = h->next)
		MHD_add_response_header(mr, h->name, h->value);
	/* counted before a byte goes out: whoever has read the answer
	 * finds it counted */
	if (r->resp.status == 500)
		atomic_fetch_add(&cn->srv->errors, 1);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->resp.status, mr);
	MHD_destroy_response(mr);
	cn->answered = true;
	edge_request_phase(cn->srv->edge, c, false, 0);
	return ok;
}

static enum MHD_Result answer(struct conn *cn, struct MHD_Connection *c)
{
	struct req *r = &cn->r;
	struct http_server *srv = cn->srv;

	if (cn->too_large) {
		http_fail(r, 413, fz_err_name(FZ_TOOLARGE), NULL,
			  req_is_api(r) ? "请求体超过 1 MiB 上限，未作处理"
					: "提交的内容超过 64 KiB 上限，未作处理");
	} else if (buf_failed(&cn->upload)) {
		http_fail_fz(r, FZ_NOMEM, NULL);
	} else {
		r->body = cn->upload.len ? cn->upload.data : "";
		r->body_len = cn->upload.len;
		struct store *st = store_pool_acquire(srv->pool);
		if (!st) {
			http_fail_fz(r, FZ_BUSY, NULL);
		} else {
			app_ctx_init(&r->ctx, st, r->a, srv->app, r->client_addr, app_now(srv->app));
			router_dispatch(r);
			/* The answer is built: give the connection back now, not
			 * when the client has read it, so slow readers cannot
			 * exhaust the pool. */
			r->ctx.st = NULL;
			store_pool_release(srv->pool, st);
		}
	}
	if (r->json) {
		json_decref(r->json);
		r->json = NULL;
	}
	return send_response(cn, c);
}

/* --- streamed bodies (ROUTE_STREAM: evidence uploads) --- */

enum stream_start { STREAM_NO, STREAM_YES, STREAM_ANSWERED };

/* Before any body byte: runs the route's gates with a pooled connection
 * (returned at once: an upload may take minutes), then opens the
 * temporary file. A refused request is answered without reading it. */
static enum stream_start stream_begin(struct conn *cn, struct MHD_Connection *c)
{
	struct req *r = &cn->r;
	struct http_server *srv = cn->srv;
	struct fz_error e = { 0 };
	if (strcmp(r->method, "POST") != 0 && strcmp(r->method, "PUT") != 0)
		return STREAM_NO;
	struct store *st = store_pool_acquire(srv->pool);
	app_ctx_init(&r->ctx, st, r->a, srv->app, r->client_addr, app_now(srv->app));
	bool stream = router_stream_check(r);
	if (stream && !(cn->s = calloc(1, sizeof *cn->s))) {
		r->ctx.st = NULL;
		store_pool_release(srv->pool, st);
		http_fail_fz(r, FZ_NOMEM, NULL);
		send_response(cn, c);
		return STREAM_ANSWERED;
	}
	if (stream)
		cn->s->up.fd = -1;
	bool many = stream && r->route->files;
	int64_t max = app_evidence_max(&r->ctx);
	/* the upload is hashed as it arrives, with this database's hash */
	enum ledger_hash_alg alg = LEDGER_HASH_SM3;
	enum fz_err alg_rc = stream ? app_ledger_alg(&r->ctx, &alg, &e) : FZ_OK;
	/* An agency at its quota is told before the file is sent. */
	int64_t declared = 0;
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && !http_parse_int64(cl, 0, INT64_MAX, &declared))
		declared = 0;
	enum fz_err rc;
	if (stream && !many && st && r->resp.status == 0 && r->ctx.user &&
	    (rc = app_evidence_room(&r->ctx, req_param(r, "id"), declared, &e)))
		http_fail_fz(r, rc, &e);
	/* several files: the route's limits, and its refusals (a rate) */
	if (many && !st && r->resp.status == 0)
		http_fail_fz(r, FZ_BUSY, NULL);
	if (many && st && r->resp.status == 0) {
		r->route->files(r, &cn->s->files);
		max = cn->s->files.total_max;
		cn->s->files.data_dir = srv->app->data_dir;
		cn->s->files.enum_alg = (int)alg;
	}
	r->ctx.st = NULL;
	store_pool_release(srv->pool, st);
	if (!stream)
		return STREAM_NO;
	/* A page form carries a few small fields besides the file. */
	bool page = (r->route->flags & ROUTE_PAGE) != 0;
	size_t declared_max = (size_t)max + (page ? HTTP_FORM_BODY_MAX : 0);
	if (r->resp.status == 0 && declared_too_large(c, declared_max))
		http_fail(r, 413, fz_err_name(FZ_TOOLARGE), "file",
			  many   ? cn->s->files.too_large_all
			  : page ? stream_form_too_large(r->a, max)
				 : arena_printf(r->a, "文件超过 %lld 字节的上限，未作处理",
						(long long)max));
	if (r->resp.status == 0 && alg_rc)
		http_fail_fz(r, alg_rc, &e);
	if (r->resp.status == 0 && !many &&
	    (rc = app_evidence_upload_begin(srv->app->data_dir, alg, max, &cn->s->up, &e)))
		http_fail_fz(r, rc, &e);
	if (r->resp.status == 0 && page) {
		cn->s->multipart = true;
		cn->s->many = many;
		if ((rc = many ? stream_form_begin_files(&cn->s->form, r, &cn->s->files, &e)
			       : stream_form_begin(&cn->s->form, r, &cn->s->up, &e)))
			http_fail_fz(r, rc, &e);
	}
	if (r->resp.status != 0)
		app_evidence_upload_abort(&cn->s->up);
	if (r->resp.status != 0) {
		send_response(cn, c);
		return STREAM_ANSWERED;
	}
	cn->streaming = true;
	/* The deadline grows with the file announced (or the largest
	 * allowed, for a chunked upload). */
	int64_t n = declared > 0 ? declared : max;
	edge_request_phase(srv->edge, c, false,
			   edge_deadline_ms(srv->edge) + n / UPLOAD_MIN_RATE * 1000);
	return STREAM_YES;
}

static void stream_chunk(struct conn *cn, const char *data, size_t len)
{
	if (cn->s->up_err)
		return; /* read and dropped; answered at the end */
	if (cn->s->multipart) {
		stream_form_feed(&cn->s->form, data, len);
		cn->s->up_err = cn->s->form.err;
		cn->s->up_e = cn->s->form.e;
	} else {
		cn->s->up_err = app_evidence_upload_write(&cn->s->up, data, len, &cn->s->up_e);
	}
	if (cn->s->up_err)
		app_evidence_upload_abort(&cn->s->up);
}

/* A streamed form whose CSRF field was wrong is a denial like any other:
 * recorded, with a connection borrowed for that. */
static void stream_csrf_audit(struct conn *cn)
{
	struct req *r = &cn->r;
	struct store *st = store_pool_acquire(cn->srv->pool);
	if (!st)
		return;
	struct store *keep = r->ctx.st;
	r->ctx.st = st;
	router_audit_denial(r, "csrf token missing or wrong");
	r->ctx.st = keep;
	store_pool_release(cn->srv->pool, st);
}

static enum MHD_Result stream_end(struct conn *cn, struct MHD_Connection *c)
{
	struct req *r = &cn->r;
	if (!cn->s->up_err && cn->s->multipart)
		cn->s->up_err = stream_form_finish(&cn->s->form, &cn->s->up_e);
	if (!cn->s->up_err && !cn->s->many)
		cn->s->up_err = app_evidence_upload_finish(&cn->s->up, &cn->s->up_e);
	if (cn->s->up_err) {
		app_evidence_upload_abort(&cn->s->up);
		if (cn->s->up_err == FZ_FORBIDDEN && strcmp(cn->s->up_e.field, "csrf") == 0)
			stream_csrf_audit(cn);
		if (cn->s->up_err == FZ_TOOLARGE && cn->s->multipart && !cn->s->many)
			http_fail(r, 413, fz_err_name(FZ_TOOLARGE), "file",
				  stream_form_too_large(r->a, cn->s->up.max));
		else
			http_fail_fz(r, cn->s->up_err, &cn->s->up_e);
		return send_response(cn, c);
	}
	if (cn->s->many) {
		r->files = cn->s->form.ups;
		r->file_names = cn->s->form.names;
		r->nfiles = cn->s->form.nups;
		r->files_err = cn->s->form.file_err;
		r->files_e = &cn->s->form.file_e;
	} else {
		r->upload = &cn->s->up;
	}
	enum MHD_Result ok = answer(cn, c);
	app_evidence_upload_abort(&cn->s->up);
	return ok;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *c, const char *url,
				 const char *method, const char *version,
				 const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct conn *cn = *con_cls;
	(void)version;

	if (!cn || !cn->srv) {
		bool bad_path = cn && cn->bad_path;
		cn = conn_new(srv, cn, c, url, method);
		*con_cls = cn;
		if (!cn)
			return MHD_NO; /* out of memory: drop the connection */
		atomic_fetch_add(&srv->active, 1);
		const char *refused = edge_framing_refused(c);
		if (refused || bad_path) {
			/* Answered before any body byte is read; the connection
			 * is closed after the answer, so what follows can never
			 * be taken for another request. */
			cn->rejected = true;
			http_fail(&cn->r, 400, fz_err_name(FZ_INVALID), NULL,
				  refused ? refused : "请求路径含有控制字符，已拒绝");
			resp_header(&cn->r, MHD_HTTP_HEADER_CONNECTION, "close");
			return send_response(cn, c);
		}
		switch (stream_begin(cn, c)) {
		case STREAM_YES: return MHD_YES;
		case STREAM_ANSWERED: return cn->answered ? MHD_YES : MHD_NO;
		case STREAM_NO: break;
		}
		if (declared_too_large(c, cn->upload.max)) {
			cn->too_large = true;
			return answer(cn, c);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		/* Past the limit the rest is read and dropped, then 413. */
		if (cn->rejected) {
			/* dropped: the connection closes after the answer */
		} else if (cn->streaming) {
			stream_chunk(cn, upload_data, *upload_size);
		} else if (!cn->too_large) {
			buf_add(&cn->upload, upload_data, *upload_size);
			if (cn->upload.too_large) {
				cn->too_large = true;
				buf_release(&cn->upload);
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (cn->answered)
		return MHD_YES;
	return cn->streaming ? stream_end(cn, c) : answer(cn, c);
}

/* The request log's line, put together by hand into line (cap bytes,
 * at least 64): formatting it with fprintf, a float among the fields,
 * cost more than the rest of our own per-request work around a
 * remembered answer (docs/PERFORMANCE.md). Control bytes of the path are
 * masked so that a crafted path cannot forge log lines. */
struct logline {
	char *d;
	size_t n, cap;
};

/* Puts at most max bytes of s (masked when mask). */
static void log_put(struct logline *l, const char *s, size_t max, bool mask)
{
	for (; *s && max && l->n < l->cap - 1; s++, max--) {
		unsigned char ch = (unsigned char)*s;
		l->d[l->n++] = mask && (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
	}
	l->d[l->n] = '\0';
}

static void log_int(struct logline *l, long long v)
{
	char digits[NUM_I64_CHARS];
	num_format_i64(v, digits);
	log_put(l, digits, SIZE_MAX, false);
}

/* One line per request: method, path (never the query, which may carry
 * personal data; at most 255 bytes of it), status, milliseconds with one
 * decimal. */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct conn *cn = *con_cls;
	struct timespec t1;
	char line[512];
	struct logline l = { line, 0, sizeof line };

	if (!cn)
		return;
	if (!cn->srv) { /* the request line came, then the client went */
		free(cn);
		*con_cls = NULL;
		return;
	}
	/* A kept-alive connection's next request starts its own clock. */
	edge_request_phase(srv->edge, c, true, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long long tenths = ((long long)(t1.tv_sec - cn->t0.tv_sec) * 1000000000LL +
			    (t1.tv_nsec - cn->t0.tv_nsec) + 50000) / 100000;
	log_put(&l, "http ", SIZE_MAX, false);
	log_put(&l, cn->r.method, 32, true);
	log_put(&l, " ", SIZE_MAX, false);
	log_put(&l, cn->r.path, 255, true);
	log_put(&l, " ", SIZE_MAX, false);
	log_int(&l, cn->answered ? cn->r.resp.status : 0);
	log_put(&l, " ", SIZE_MAX, false);
	log_int(&l, tenths / 10);
	log_put(&l, ".", SIZE_MAX, false);
	log_int(&l, tenths % 10);
	log_put(&l, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "ms\n" : "ms (connection closed)\n",
		SIZE_MAX, false);
	fwrite(line, 1, l.n, stderr);
	conn_free(cn);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->active, 1);
}

/* Stops the deadline watcher and frees s; the daemon is stopped. */
static void server_free(struct http_server *s)
{
	export_runner_stop(s->exports);
	edge_stop(s->edge);
	free(s);
}

static enum fz_err bind_address(const struct http_config *cfg, struct sockaddr_storage *ss,
				unsigned *flags, struct fz_error *e)
{
	const char *addr = cfg->listen_addr && *cfg->listen_addr ? cfg->listen_addr
								  : "127.0.0.1";
	memset(ss, 0, sizeof *ss);
	if (cfg->port < 0 || cfg->port > 65535)
		return fz_fail(e, FZ_INVALID, "port", "端口应在 0 到 65535 之间");
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)cfg->port);
		return FZ_OK;
	}
	if (inet_pton(AF_INET6, addr, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)cfg->port);
		*flags |= MHD_USE_IPv6;
		return FZ_OK;
	}
	return fz_fail(e, FZ_INVALID, "listen", "监听地址无效：%s", addr);
}

enum fz_err http_server_start(const struct http_config *cfg, struct http_server **out,
			      struct fz_error *e)
{
	struct sockaddr_storage ss;
	/* poll(), not epoll: libmicrohttpd 0.9.75 can panic in
	 * MHD_quiesce_daemon with epoll and a thread pool ("Failed to remove
	 * listen FD from epoll set"), when a worker drops the listen socket
	 * from its epoll set before the quiescing thread does. */
	unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	int threads = cfg->threads > 0 ? cfg->threads : DEFAULT_THREADS;
	enum fz_err rc;

	*out = NULL;
	if (!cfg->app || !cfg->db_path)
		return fz_fail(e, FZ_INVALID, NULL, "服务配置不完整");
	if (threads > 256)
		return fz_fail(e, FZ_INVALID, "threads", "线程数应在 1 到 256 之间");
	if (cfg->per_address_connections < 0 || cfg->per_address_connections > (int)MAX_CONNECTIONS)
		return fz_fail(e, FZ_INVALID, "connections_per_address",
			       "每个地址的连接数上限应在 1 到 %u 之间", MAX_CONNECTIONS);
	if ((rc = bind_address(cfg, &ss, &flags, e)))
		return rc;

	struct http_server *s = calloc(1, sizeof *s);
	if (!s)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	s->app = cfg->app;
	atomic_init(&s->active, 0);
	/* Each connection is a descriptor: allow as many as the limits admit
	 * (the soft limit is often 1024). */
	edge_fd_limit_raise(MAX_CONNECTIONS + 256);
	if ((rc = edge_start(cfg->request_deadline_ms > 0 ? cfg->request_deadline_ms
							  : HTTP_REQUEST_DEADLINE_MS,
			     &s->edge, e))) {
		free(s);
		return rc;
	}
	if ((rc = store_pool_open(cfg->db_path, threads, &s->pool, e))) {
		server_free(s);
		return rc;
	}
	if (cfg->busy_timeout_ms > 0)
		store_pool_busy_timeout(s->pool, cfg->busy_timeout_ms);
	if ((rc = export_runner_start(cfg->db_path, cfg->app, &s->exports, e))) {
		store_pool_close(s->pool);
		server_free(s);
		return rc;
	}
	s->daemon = MHD_start_daemon(
		flags, (uint16_t)cfg->port, NULL, NULL, on_access, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
		MHD_OPTION_CONNECTION_TIMEOUT, CONNECTION_TIMEOUT_S,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		cfg->per_address_connections > 0 ? (unsigned)cfg->per_address_connections
						 : PER_IP_CONNECTIONS,
		MHD_OPTION_CONNECTION_LIMIT, MAX_CONNECTIONS,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_NOTIFY_CONNECTION, edge_on_connection, s->edge,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
		MHD_OPTION_END);
	if (!s->daemon) {
		store_pool_close(s->pool);
		server_free(s);
		return fz_fail(e, FZ_IO, "listen", "无法在 %s 端口 %d 上启动服务（端口被占用？）",
			       cfg->listen_addr ? cfg->listen_addr : "127.0.0.1", cfg->port);
	}
	*out = s;
	return FZ_OK;
}

struct export_runner *http_server_exports(struct http_server *s)
{
	return s->exports;
}

long long http_server_errors(struct http_server *s)
{
	return atomic_load(&s->errors);
}

int http_server_port(struct http_server *s)
{
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon,
							     MHD_DAEMON_INFO_BIND_PORT);
	return di ? di->port : 0;
}

void http_server_stop(struct http_server *s)
{
	if (!s)
		return;
	MHD_socket fd = MHD_quiesce_daemon(s->daemon);
	/* Requests already started finish and are answered; the threads go
	 * on serving them while we wait. */
	for (int waited = 0; atomic_load(&s->active) > 0 && waited < DRAIN_WAIT_MS;
	     waited += 10) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(s->daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	/* what group commit did, for the operator (and bench/ledger.sh) */
	struct store_group_stats gs;
	store_pool_group_stats(s->pool, &gs);
	if (gs.commits > 0)
		fprintf(stderr,
			"fazhi: 本次运行共写入 %lld 次，提交 %lld 次（其中 %lld 次为合并提交，"
			"捎带写入 %lld 次），同步日志 %lld 次\n",
			(long long)(gs.commits - gs.closed + gs.batched), (long long)gs.commits,
			(long long)gs.batches, (long long)gs.batched, (long long)gs.syncs);
	store_pool_close(s->pool);
	server_free(s);
}
