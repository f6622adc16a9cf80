/* cmd_user.c - `fazhi user add|passwd|disable|enable|unlock|list`: account
 * administration from the shell, for the first sysadmin and for recovery.
 * Every change goes through the app layer and is audited as "(cli)". */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/people.h"
#include "base/buf.h"
#include "cli/cli.h"
#include "domain/roles.h"

struct user_opts {
	const char *db, *username, *name, *roles, *password;
	long long agency;
};

static int read_password(char *out, size_t n)
{
	if (!fgets(out, (int)n, stdin))
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

static int find_user(struct cli_session *s, const char *username, struct user *u)
{
	struct fz_error e;
	enum fz_err rc = s->st->ops->user_get_by_name(s->st, s->a, username, u, &e);
	if (rc == FZ_NOTFOUND) {
		fz_fail(&e, rc, "username", "账号 %s 不存在", username);
		return cli_fail(rc, &e);
	}
	return rc ? cli_fail(rc, &e) : 0;
}

static int user_add(struct cli_session *s, const struct user_opts *o)
{
	struct fz_error e;
	struct user_input in = { .disabled = -1, .must_change_password = 1 };
	char pw[256];
	enum fz_err rc;
	if (!o->username || !o->name)
		return cli_usage("user", "add 需要 --username 和 --name");
	if (o->roles && (rc = roles_parse(o->roles, &in.roles, &e)))
		return cli_fail(rc, &e);
	if (!o->password) {
		if (read_password(pw, sizeof pw))
			return cli_usage("user", "请在标准输入提供密码，或使用 --password");
	}
	in.username = o->username;
	in.display_name = o->name;
	in.password = o->password ? o->password : pw;
	in.agency_id = o->agency;
	struct user u;
	if ((rc = app_user_create(&s->ctx, &in, &u, &e)))
		return cli_fail(rc, &e);
	printf("已创建账号 %s（编号 %lld），首次登录时须修改密码\n", u.username,
	       (long long)u.id);
	return 0;
}

static int user_passwd(struct cli_session *s, const struct user_opts *o)
{
	struct fz_error e;
	struct user u;
	char pw[256];
	int rc;
	if (!o->username)
		return cli_usage("user", "passwd 需要 --username");
	if ((rc = find_user(s, o->username, &u)))
		return rc;
	if (!o->password && read_password(pw, sizeof pw))
		return cli_usage("user", "请在标准输入提供新密码，或使用 --password");
	struct user_input in = { .disabled = -1, .password = o->password ? o->password : pw,
				 .username = u.username };
	enum fz_err err = app_user_update(&s->ctx, u.id, &in, NULL, &e);
	if (err)
		return cli_fail(err, &e);
	printf("已重置账号 %s 的密码并解除锁定，首次登录时须修改密码\n", u.username);
	return 0;
}

static int user_enable(struct cli_session *s, const struct user_opts *o, bool disable)
{
	struct fz_error e;
	struct user u;
	int rc;
	if (!o->username)
		return cli_usage("user", "需要 --username");
	if ((rc = find_user(s, o->username, &u)))
		return rc;
	struct user_input in = { .disabled = disable ? 1 : 0 };
	enum fz_err err = app_user_update(&s->ctx, u.id, &in, NULL, &e);
	if (err)
		return cli_fail(err, &e);
	printf("账号 %s 已%s\n", u.username, disable ? "停用" : "启用");
	return 0;
}

static int user_unlock(struct cli_session *s, const struct user_opts *o)
{
	struct fz_error e;
	if (!o->username)
		return cli_usage("user", "unlock 需要 --username");
	enum fz_err err = app_user_unlock(&s->ctx, o->username, &e);
	if (err)
		return cli_fail(err, &e);
	printf("已解除 %s 的登录锁定\n", o->username);
	return 0;
}

static int user_list(struct cli_session *s)
{
	struct fz_error e;
	struct user_filter f = { 0 };
	printf("%-6s %-20s %-12s %-8s %s\n", "编号", "用户名", "姓名", "状态", "角色");
	for (int64_t off = 0;; off += 200) {
		struct user_list list;
		struct page pg = { .offset = off, .limit = 200 };
		enum fz_err rc = app_user_list(&s->ctx, &f, pg, &list, &e);
		if (rc)
			return cli_fail(rc, &e);
		for (size_t i = 0; i < list.n; i++) {
			struct buf b = BUF_INIT;
			roles_format(list.items[i].roles, &b);
			printf("%-6lld %-20s %-12s %-8s %s\n", (long long)list.items[i].id,
			       list.items[i].username, list.items[i].display_name,
			       list.items[i].disabled ? "停用" : "正常", buf_cstr(&b));
			buf_release(&b);
		}
		if (list.n < 200)
			break;
	}
	return 0;
}

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "username", required_argument, NULL, 'u' },
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "roles", required_argument, NULL, 'r' },
		{ "agency", required_argument, NULL, 'a' },
		{ "password", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	struct user_opts o = { 0 };
	if (argc < 2)
		return cli_usage("user", "缺少子命令（add、passwd、disable、enable、unlock、list）");
	const char *sub = argv[1];
	int c;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o.db = optarg; break;
		case 'u': o.username = optarg; break;
		case 'n': o.name = optarg; break;
		case 'r': o.roles = optarg; break;
		case 'p': o.password = optarg; break;
		case 'a': {
			char *end;
			o.agency = strtoll(optarg, &end, 10);
			if (*end || o.agency <= 0)
				return cli_usage("user", "--agency 应为执法主体编号");
			break;
		}
		default: return cli_usage("user", "无法识别的选项");
		}
	}
	if (!o.db)
		return cli_usage("user", "缺少 --db PATH");
	struct cli_session s;
	int rc = cli_session_open(&s, o.db, false);
	if (rc)
		return rc;
	if (strcmp(sub, "add") == 0)
		rc = user_add(&s, &o);
	else if (strcmp(sub, "passwd") == 0)
		rc = user_passwd(&s, &o);
	else if (strcmp(sub, "disable") == 0)
		rc = user_enable(&s, &o, true);
	else if (strcmp(sub, "enable") == 0)
		rc = user_enable(&s, &o, false);
	else if (strcmp(sub, "unlock") == 0)
		rc = user_unlock(&s, &o);
	else if (strcmp(sub, "list") == 0)
		rc = user_list(&s);
	else
		rc = cli_usage("user", "未知子命令 '%s'", sub);
	cli_session_close(&s);
	return rc;
}
