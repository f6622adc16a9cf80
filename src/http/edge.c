/* edge.c - the HTTP edge's guards: body framing that a proxy in front
 * might read differently, control characters in the raw path, and the
 * whole-request deadline. libmicrohttpd's idle timeout alone lets a
 * client that sends one byte every few seconds hold a slot for ever;
 * here a reaper thread shuts such sockets down, and libmicrohttpd, seeing
 * the socket end, closes the connection itself. */
#include "http/edge.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

/* --- framing --- */

struct framing {
	int content_lengths;
	bool lengths_differ;
	const char *first_length;
	int transfer_encodings;
	bool unknown_coding;
};

static enum MHD_Result framing_header(void *cls, enum MHD_ValueKind kind, const char *key,
				      const char *value)
{
	struct framing *f = cls;
	(void)kind;
	if (!key)
		return MHD_YES;
	if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) {
		if (f->content_lengths++ && strcmp(f->first_length, value ? value : "") != 0)
			f->lengths_differ = true;
		if (!f->first_length)
			f->first_length = value ? value : "";
	} else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
		f->transfer_encodings++;
		/* Only "chunked" alone is understood; a list, another coding
		 * or a disguised spelling may be read differently by a proxy. */
		if (!value || strcasecmp(value, "chunked") != 0)
			f->unknown_coding = true;
	}
	return MHD_YES;
}

const char *edge_framing_refused(struct MHD_Connection *c)
{
	struct framing f = { 0 };
	MHD_get_connection_values(c, MHD_HEADER_KIND, framing_header, &f);
	if (f.content_lengths && f.transfer_encodings)
		return "请求同时带有 Content-Length 和 Transfer-Encoding，已拒绝";
	if (f.lengths_differ)
		return "请求带有互相矛盾的多个 Content-Length，已拒绝";
	if (f.transfer_encodings > 1 || f.unknown_coding)
		return "不支持的 Transfer-Encoding（只接受 chunked），已拒绝";
	return NULL;
}

/* %00 would cut the decoded path short, %0A could forge log lines. */
bool edge_path_has_control(const char *uri)
{
	for (const char *p = uri; *p && *p != '?'; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch < 0x20 || ch == 0x7f)
			return true;
		if (ch == '%' && p[1] && p[2]) {
			char hex[3] = { p[1], p[2], 0 };
			char *end;
			long v = strtol(hex, &end, 16);
			if (*end == '\0' && (v < 0x20 || v == 0x7f))
				return true;
		}
	}
	return false;
}

/* --- the whole-request deadline --- */

/* One watched connection. Entries are added and removed by
 * libmicrohttpd's connection notifications, under mu; the CLOSED
 * notification comes before libmicrohttpd closes the socket, so the
 * reaper never shuts down a descriptor that has been reused. */
struct watch {
	int fd;
	bool reading;        /* a request head or body is being received */
	bool dropped;
	int64_t since_ms;    /* when this request began (monotonic) */
	int64_t limit_ms;    /* how long it may take */
	struct watch *prev, *next;
};

struct edge {
	int64_t deadline_ms;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct watch *watches;
	bool stopping;
	pthread_t reaper;
};

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *reaper_main(void *arg)
{
	struct edge *ed = arg;
	pthread_mutex_lock(&ed->mu);
	while (!ed->stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 100 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&ed->cv, &ed->mu, &until);
		int64_t now = mono_ms();
		for (struct watch *w = ed->watches; w; w = w->next) {
			if (!w->reading || w->dropped || now - w->since_ms <= w->limit_ms)
				continue;
			shutdown(w->fd, SHUT_RDWR);
			w->dropped = true;
			fprintf(stderr, "http request too slow: dropped after %lld ms\n",
				(long long)(now - w->since_ms));
		}
	}
	pthread_mutex_unlock(&ed->mu);
	return NULL;
}

enum fz_err edge_start(int64_t deadline_ms, struct edge **out, struct fz_error *e)
{
	struct edge *ed = calloc(1, sizeof *ed);
	*out = NULL;
	if (!ed)
		return fz_fail(e, FZ_NOMEM, NULL, NULL);
	ed->deadline_ms = deadline_ms;
	pthread_mutex_init(&ed->mu, NULL);
	pthread_cond_init(&ed->cv, NULL);
	if (pthread_create(&ed->reaper, NULL, reaper_main, ed) != 0) {
		pthread_mutex_destroy(&ed->mu);
		pthread_cond_destroy(&ed->cv);
		free(ed);
		return fz_fail(e, FZ_INTERNAL, NULL, "无法启动服务线程");
	}
	*out = ed;
	return FZ_OK;
}

void edge_stop(struct edge *ed)
{
	if (!ed)
		return;
	pthread_mutex_lock(&ed->mu);
	ed->stopping = true;
	pthread_cond_signal(&ed->cv);
	pthread_mutex_unlock(&ed->mu);
	pthread_join(ed->reaper, NULL);
	/* The daemon has stopped: every connection announced its close. */
	pthread_mutex_destroy(&ed->mu);
	pthread_cond_destroy(&ed->cv);
	free(ed);
}

int64_t edge_deadline_ms(const struct edge *ed)
{
	return ed->deadline_ms;
}

void edge_on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			enum MHD_ConnectionNotificationCode code)
{
	struct edge *ed = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		struct watch *w = ci ? calloc(1, sizeof *w) : NULL;
		if (!w)
			return; /* unwatched: the idle timeout still applies */
		w->fd = ci->connect_fd;
		w->reading = true;
		w->since_ms = mono_ms();
		w->limit_ms = ed->deadline_ms;
		pthread_mutex_lock(&ed->mu);
		w->next = ed->watches;
		if (ed->watches)
			ed->watches->prev = w;
		ed->watches = w;
		pthread_mutex_unlock(&ed->mu);
		*socket_context = w;
		return;
	}
	struct watch *w = *socket_context;
	if (!w)
		return;
	pthread_mutex_lock(&ed->mu);
	if (w->prev)
		w->prev->next = w->next;
	else
		ed->watches = w->next;
	if (w->next)
		w->next->prev = w->prev;
	pthread_mutex_unlock(&ed->mu);
	free(w);
	*socket_context = NULL;
}

void edge_request_phase(struct edge *ed, struct MHD_Connection *c, bool reading,
			int64_t limit_ms)
{
	/* Looked up each time: once libmicrohttpd has announced the close,
	 * the watch is gone (edge_on_connection cleared it). */
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct watch *w = ci ? ci->socket_context : NULL;
	if (!w)
		return;
	pthread_mutex_lock(&ed->mu);
	if (limit_ms > 0) {
		w->reading = true;
		w->limit_ms = limit_ms;
	} else {
		w->reading = reading;
		if (reading) {
			w->since_ms = mono_ms();
			w->limit_ms = ed->deadline_ms;
		}
	}
	pthread_mutex_unlock(&ed->mu);
}

void edge_fd_limit_raise(unsigned long want)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
	(void)setrlimit(RLIMIT_NOFILE, &rl);
}
