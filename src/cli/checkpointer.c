/* checkpointer.c - the periodic checkpoint round of `fazhi serve`
 * (cli/periodic.c): each round runs app_ledger_checkpoint as the server
 * itself, audited as "(server)", and once more when the server stops.
 * Before the first round it stores the interior nodes an older database
 * lacks. */
#include "cli/checkpointer.h"

#include <stdio.h>

#include "app/ledger.h"
#include "app/ledger_proof.h"
#include "cli/periodic.h"

static void round_once(struct app_ctx *ctx)
{
	struct ledger_checkpoint_row cp;
	struct fz_error e;
	bool made;
	if (app_ledger_checkpoint(ctx, &made, &cp, &e))
		fprintf(stderr, "fazhi: 签署检查点失败：%s\n", e.message);
	else if (made)
		fprintf(stderr, "fazhi: 已签署检查点 #%lld（记录数 %lld）\n", (long long)cp.id,
			(long long)cp.tree_size);
}

/* A database from before the node table gets its interior nodes at once,
 * so that proofs are served from the start, not from the first round. */
static void nodes_catch_up(struct app_ctx *ctx)
{
	struct fz_error e;
	int64_t added;
	if (app_ledger_nodes_catch_up(ctx, &added, &e))
		fprintf(stderr, "fazhi: 补齐账本树节点失败：%s\n", e.message);
	else if (added)
		fprintf(stderr, "fazhi: 已补齐账本树节点（%lld 条记录）\n", (long long)added);
}

/* struct checkpointer is the periodic round itself: only this file
 * converts between the two names. */
enum fz_err checkpointer_start(const char *db, const char *data_dir, const char *key_file,
			       int interval_s, struct checkpointer **out, struct fz_error *e)
{
	struct app_config cfg;
	struct periodic *p;
	*out = NULL;
	if (interval_s < 1)
		return fz_fail(e, FZ_INVALID, "checkpoint_interval", "检查点间隔应至少 1 秒");
	app_config_defaults(&cfg);
	cfg.data_dir = data_dir;
	cfg.ledger_key_file = key_file;
	enum fz_err rc = periodic_start(db, &cfg, interval_s, nodes_catch_up, round_once, true, &p, e);
	if (!rc)
		*out = (struct checkpointer *)p;
	return rc;
}

void checkpointer_stop(struct checkpointer *c)
{
	periodic_stop((struct periodic *)c);
}
