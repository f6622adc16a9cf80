// pages.mjs - fazhi's pages in headless Chromium (Debian's, driven by
// playwright-core): sign in as each demo role, walk the links reachable
// from the workbench, run axe (WCAG 2.1 A and AA) on every page, the
// 关怀版 switch, the reader's font size, the certificate card's QR link,
// and screenshots at desktop and phone sizes. tests/browser/run.sh starts
// the server and passes FAZHI_URL and FAZHI_SHOTS.
// Prints "ok NAME" or "FAIL NAME: why" per test and "N passed, N failed".
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const base = process.env.FAZHI_URL;
const shots = process.env.FAZHI_SHOTS;
const password = process.env.FAZHI_DEMO_PASSWORD || 'Demo@2026';
const filter = process.env.FAZHI_BROWSER_FILTER || '';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PAGES_PER_ROLE = 40;
const ROLES = ['officer1', 'reviewer1', 'head1', 'supervisor', 'sysadmin', 'secadmin', 'auditor'];

let passed = 0;
let failed = 0;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	args: ['--no-sandbox'] });

async function test(name, fn) {
	if (filter && !name.includes(filter))
		return;
	try {
		await fn();
		passed++;
		console.log(`ok ${name}`);
	} catch (err) {
		failed++;
		console.log(`FAIL ${name}: ${err && err.message ? err.message : err}`);
	}
}

function check(cond, message) {
	if (!cond)
		throw new Error(message);
}

// The pages send a strict CSP (no inline script): axe goes in through
// bypassCSP, which only this test context has.
async function newContext(viewport = DESKTOP) {
	return browser.newContext({ viewport, bypassCSP: true, locale: 'zh-CN' });
}

// axe over the whole page with the WCAG 2.1 A and AA rules; a list of
// "rule: target" strings, empty when clean.
async function axe(page) {
	await page.addScriptTag({ content: axeSource });
	const result = await page.evaluate(async () => {
		// eslint-disable-next-line no-undef
		const r = await axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
			resultTypes: ['violations'],
		});
		return r.violations.map(v => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2)
			.map(n => n.target.join(' ')).join(', ')}`);
	});
	return result;
}

function shotName(label) {
	return path.join(shots, label.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') + '.png');
}

async function screenshot(page, label) {
	await page.screenshot({ path: shotName(label), fullPage: true });
}

async function signIn(page, username) {
	await page.goto(`${base}/login`);
	await page.fill('#username', username);
	await page.fill('#password', password);
	await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/login')),
		page.click('form[action="/login"] button[type="submit"]')]);
	check(new URL(page.url()).pathname !== '/login', `${username} could not sign in`);
}

// Pages of one kind count once: /cases/12 and /cases/40 are the same page
// kind, and so are two filters of one list.
function pageKind(u) {
	return u.pathname.replace(/\/\d+(?=\/|$)/g, '/{id}');
}

// Page kinds axe has passed, over all roles: the shell differs by role
// (the workbench is checked for each), the body of a kind does not, and
// axe is what takes the time.
const axeChecked = new Set();

function walkable(u) {
	if (u.origin !== new URL(base).origin)
		return false;
	const p = u.pathname;
	// Not pages: the API, downloads and feeds, the switch that only sets a
	// cookie.
	return !(p.startsWith('/api/') || p.startsWith('/static/') || p === '/care' ||
		 /\.(csv|xlsx|json|atom|xml|svg|txt)$/.test(p) || p.endsWith('/pdf') ||
		 p === '/ledger/checkpoint' || /\/evidence\/\d+$/.test(p));
}

// Breadth-first over same-origin GET links from start, one page per kind,
// at most limit pages. Each page must answer 200 with HTML and pass axe.
async function walk(page, start, limit, label) {
	const seen = new Set();
	const queue = [new URL(start, base)];
	const problems = [];
	let visited = 0;
	let checked = 0;
	seen.add(pageKind(queue[0]));
	while (queue.length && visited < limit) {
		const u = queue.shift();
		const resp = await page.goto(u.href);
		visited++;
		const status = resp ? resp.status() : 0;
		const type = resp ? resp.headers()['content-type'] || '' : '';
		if (status !== 200 || !type.startsWith('text/html')) {
			problems.push(`${u.pathname}${u.search}: HTTP ${status} ${type}`);
			continue;
		}
		const kind = pageKind(u);
		if (!axeChecked.has(kind) || u.pathname === '/workbench') {
			axeChecked.add(kind);
			checked++;
			for (const v of await axe(page))
				problems.push(`${u.pathname}${u.search}: ${v}`);
		}
		// A link that says it is a download or another type than a page
		// (an Atom feed, a spreadsheet) is not walked.
		const hrefs = await page.$$eval('a[href]', as => as
			.filter(a => !a.hasAttribute('download') &&
				(!a.type || a.type.startsWith('text/html')))
			.map(a => a.href));
		for (const h of hrefs) {
			let n;
			try {
				n = new URL(h);
			} catch {
				continue;
			}
			n.hash = '';
			const kind = pageKind(n);
			if (!walkable(n) || seen.has(kind))
				continue;
			seen.add(kind);
			queue.push(n);
		}
	}
	console.log(`# ${label}: ${visited} pages walked (${checked} new to axe), ${queue.length} left unvisited`);
	check(problems.length === 0, `\n  ${problems.join('\n  ')}`);
	return visited;
}

fs.mkdirSync(shots, { recursive: true });

await test('public_pages_walk_without_axe_violations', async () => {
	const ctx = await newContext();
	const page = await ctx.newPage();
	await walk(page, '/', 40, 'public');
	for (const [vp, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
		await page.setViewportSize(size);
		await page.goto(`${base}/`);
		await screenshot(page, `public-home-${vp}`);
		await page.goto(`${base}/certificates/check?number=NX05220001`);
		await screenshot(page, `public-check-${vp}`);
		await page.goto(`${base}/certificates/check?number=NX00000000`);
		await screenshot(page, `public-check-notfound-${vp}`);
	}
	await ctx.close();
});

for (const role of ROLES) {
	await test(`${role}_signs_in_and_every_reachable_page_passes_axe`, async () => {
		const ctx = await newContext();
		const page = await ctx.newPage();
		await signIn(page, role);
		const n = await walk(page, '/workbench', PAGES_PER_ROLE, role);
		check(n >= 2, `${role} reached only ${n} page(s)`);
		for (const [vp, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
			await page.setViewportSize(size);
			await page.goto(`${base}/workbench`);
			await screenshot(page, `${role}-workbench-${vp}`);
		}
		await ctx.close();
	});
}

await test('review_queue_and_case_page_pass_axe_on_desktop_and_phone', async () => {
	const ctx = await newContext();
	const page = await ctx.newPage();
	await signIn(page, 'reviewer1');
	for (const [vp, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
		await page.setViewportSize(size);
		await page.goto(`${base}/queue/review`);
		await screenshot(page, `reviewer1-queue-${vp}`);
		// Phones stack table rows into cards: the cells keep their headers.
		const v = await axe(page);
		check(v.length === 0, `axe on the queue at ${vp} size: ${v.join('; ')}`);
		const first = await page.$('table.list a[href^="/cases/"]');
		check(first, 'the review queue lists no case');
		await first.click();
		await page.waitForLoadState();
		await screenshot(page, `reviewer1-case-${vp}`);
	}
	await ctx.close();
});

// The decision catalogue (决策事项目录) and the power list as staff and the
// public see them: the list, one catalogue with its forms (the head of the
// agency that owns it: adjustments offered), the justice bureau's view,
// the drafting page of the power list and the portal's catalogue pages —
// clean under axe and no wider than the phone.
await test('decision_catalogue_and_power_list_pages_pass_axe_on_desktop_and_phone', async () => {
	const problems = [];
	const visit = async (page, who, p) => {
		for (const [vp, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
			await page.setViewportSize(size);
			const resp = await page.goto(`${base}${p}`);
			if (!resp || resp.status() !== 200)
				problems.push(`${who} ${p} ${vp}: HTTP ${resp ? resp.status() : 0}`);
			for (const v of await axe(page))
				problems.push(`${who} ${p} ${vp}: ${v}`);
			const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
			if (vp === 'phone' && w > PHONE.width)
				problems.push(`${who} ${p}: ${w} px wide on a phone`);
		}
	};
	const firstLink = async (page, p, prefix) => {
		await page.goto(`${base}${p}`);
		const a = await page.$(`main a[href^="${prefix}"]`);
		return a ? new URL(await a.getAttribute('href'), base).pathname : null;
	};
	for (const role of ['head2', 'supervisor']) {
		const ctx = await newContext();
		const page = await ctx.newPage();
		await signIn(page, role);
		await visit(page, role, '/decision-catalogues');
		const one = await firstLink(page, '/decision-catalogues', '/decision-catalogues/');
		check(one, `${role} sees no decision catalogue`);
		if (one)
			await visit(page, role, one);
		if (role === 'head2') {
			await visit(page, role, '/power-lists');
			await page.setViewportSize(PHONE);
			await page.goto(`${base}${one}`);
			await screenshot(page, 'phone-head2-decision-catalogue');
		}
		await ctx.close();
	}
	const anon = await newContext();
	const pa = await anon.newPage();
	await visit(pa, 'public', '/public/decision-catalogue');
	const pub = await firstLink(pa, '/public/decision-catalogue', '/public/decision-catalogue/');
	check(pub, 'the portal lists no decision catalogue');
	if (pub)
		await visit(pa, 'public', pub);
	await anon.close();
	check(problems.length === 0, `\n  ${problems.join('\n  ')}`);
});

// The indicators' drill-downs (working lists with their subject list's
// sortable columns): the definition above, the page size and jump form
// and the export links; clean under axe on desktop
// and phone, no wider than the phone.
await test('indicator_drill_downs_pass_axe_with_pager_and_exports_on_desktop_and_phone', async () => {
	const PERIOD = 'from=2020-01-01&to=2030-12-31';
	const SIDES = ['/indicators/overdue?part=den', '/indicators/two_officers?part=num',
		'/indicators/complaints?part=den', '/indicators/rectification?part=den',
		'/indicators/decision_catalogue?part=den'];
	const problems = [];
	const ctx = await newContext();
	const page = await ctx.newPage();
	await signIn(page, 'supervisor');
	for (const side of SIDES) {
		const p = `${side}&${PERIOD}&size=50`;
		for (const [vp, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
			await page.setViewportSize(size);
			const resp = await page.goto(`${base}${p}`);
			if (!resp || resp.status() !== 200)
				problems.push(`${p} ${vp}: HTTP ${resp ? resp.status() : 0}`);
			for (const v of await axe(page))
				problems.push(`${p} ${vp}: ${v}`);
			if (!(await page.$('p.lead')))
				problems.push(`${p} ${vp}: no definition above the list`);
			const rows = await page.$$('table.list tbody tr');
			if (rows.length && !(await page.$('form.jump select[name="size"]')))
				problems.push(`${p} ${vp}: no page size form`);
			if (rows.length && !(await page.$('a[href*="export=xlsx"]')))
				problems.push(`${p} ${vp}: no export link`);
			const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
			if (vp === 'phone' && w > PHONE.width)
				problems.push(`${p}: ${w} px wide on a phone`);
		}
	}
	await ctx.close();
	check(problems.length === 0, `\n  ${problems.join('\n  ')}`);
});

// The working lists (http/listkit.c): sort links, page size and jump
// form, export links; clean under axe, and on a phone the sort links sit
// above the cards as 44 px targets and nothing scrolls sideways.
await test('working_lists_sort_page_and_export_pass_axe_on_desktop_and_phone', async () => {
	const LISTS = [['supervisor', '/officers?sort=name&dir=desc'],
		['supervisor', '/certificates?status=valid&sort=valid_until&page=2'],
		['supervisor', '/complaints?sort=due'], ['supervisor', '/evaluation-files?sort=total&dir=desc'],
		['officer1', '/cases?closed=open&sort=number'], ['head1', '/queue/approval?sort=due'],
		['supervisor', '/evaluations?sort=status&dir=desc'], ['supervisor', '/check-plans?sort=year'],
		['sysadmin', '/users?sort=username'],
		['auditor', '/audit?sort=action']];
	const problems = [];
	for (const [role, p] of LISTS) {
		const ctx = await newContext();
		const page = await ctx.newPage();
		await signIn(page, role);
		for (const [vp, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
			await page.setViewportSize(size);
			await page.goto(`${base}${p}`);
			for (const v of await axe(page))
				problems.push(`${role} ${p} ${vp}: ${v}`);
			if (!(await page.$('th[aria-sort] a')))
				problems.push(`${role} ${p} ${vp}: no sorted column`);
			if (!(await page.$('form.jump select[name="size"]')))
				problems.push(`${role} ${p} ${vp}: no page size form`);
			if (vp !== 'phone')
				continue;
			await screenshot(page, `${role}-${p.split('?')[0].slice(1)}-phone`);
			const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
			if (w > PHONE.width)
				problems.push(`${role} ${p}: ${w} px wide on a phone`);
			const small = await page.$$eval('table.list.sortable th a', els => els
				.filter(e => e.offsetParent !== null)
				.map(e => e.getBoundingClientRect()).filter(r => r.height < 44).length);
			if (small)
				problems.push(`${role} ${p}: ${small} sort links under 44 px`);
		}
		await ctx.close();
	}
	check(problems.length === 0, `\n  ${problems.join('\n  ')}`);
});

// A case list whose count stopped (run.sh: --case-count-max 5; the demo
// supervisor sees 31 cases, a page of 20 counts 20): "超过 20 条", 下一页
// and no 末页, a jump without an upper bound that lands on the last page,
// counted exactly; clean under axe on desktop and phone.
await test('case_list_with_a_stopped_count_pages_on_and_jumps_to_the_end', async () => {
	const ctx = await newContext();
	const page = await ctx.newPage();
	await signIn(page, 'supervisor');
	const problems = [];
	const lastPage = async (how) => {
		const text = await page.textContent('nav.pager span');
		const m = /^第 (\d+) \/ (\d+) 页，共 (\d+) 条$/.exec(text);
		if (!m || m[1] !== m[2] || Number(m[3]) <= 20)
			problems.push(`${how} shows "${text}"`);
		if (await page.$('nav.pager a[rel="next"]'))
			problems.push(`${how}: the last page links a next one`);
	};
	for (const [vp, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
		await page.setViewportSize(size);
		await page.goto(`${base}/cases`);
		const pager = await page.textContent('nav.pager span');
		if (pager !== '第 1 页，超过 20 条')
			problems.push(`${vp}: pager says "${pager}"`);
		if (await page.$('nav.pager a[rel="last"]'))
			problems.push(`${vp}: a last page is linked`);
		if (await page.getAttribute('#pager-page', 'max') !== null)
			problems.push(`${vp}: the jump has a max`);
		for (const v of await axe(page))
			problems.push(`${vp}: ${v}`);
		if (vp === 'phone')
			await screenshot(page, 'supervisor-cases-bounded-phone');
	}
	await page.setViewportSize(DESKTOP);
	await page.fill('#pager-page', '999');
	await Promise.all([page.waitForURL(u => u.searchParams.get('page') === '999'),
		page.click('form.jump button[type="submit"]')]);
	await lastPage('the jump past the end');
	await page.goto(`${base}/cases`);
	await Promise.all([page.waitForURL(u => u.searchParams.get('page') === '2'),
		page.click('nav.pager a[rel="next"]')]);
	await lastPage('下一页');
	await ctx.close();
	check(problems.length === 0, `\n  ${problems.join('\n  ')}`);
});

await test('care_switch_enlarges_text_raises_contrast_and_is_remembered', async () => {
	const ctx = await newContext();
	const page = await ctx.newPage();
	await page.goto(`${base}/certificates/check`);
	const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
	const normal = await size();
	await Promise.all([page.waitForURL(/\/certificates\/check/), page.click('a.care-switch')]);
	check(await page.evaluate(() => document.documentElement.classList.contains('care')),
		'the page is not in 关怀版 after the switch');
	check(new URL(page.url()).pathname === '/certificates/check', 'the switch did not come back');
	const care = await size();
	check(care >= normal * 1.2, `text ${normal}px became only ${care}px`);
	await page.goto(`${base}/`);
	check(await page.evaluate(() => document.documentElement.classList.contains('care')),
		'关怀版 is not remembered on the next page');
	const v = await axe(page);
	check(v.length === 0, `axe in 关怀版: ${v.join('; ')}`);
	await screenshot(page, 'care-home-desktop');
	await page.setViewportSize(PHONE);
	await page.goto(`${base}/certificates/check?number=NX05220001`);
	await screenshot(page, 'care-check-phone');
	await page.click('a.care-switch');
	await page.waitForLoadState();
	check(!(await page.evaluate(() => document.documentElement.classList.contains('care'))),
		'标准版 switch did not turn 关怀版 off');
	await ctx.close();
});

await test('text_follows_the_browsers_font_size_setting', async () => {
	// Chromium's own setting (设置 > 外观 > 字号), written in a profile.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-font-'));
	fs.mkdirSync(path.join(dir, 'Default'));
	fs.writeFileSync(path.join(dir, 'Default', 'Preferences'),
		JSON.stringify({ webkit: { webprefs: { default_font_size: 24 } } }));
	const ctx = await chromium.launchPersistentContext(dir, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'],
		viewport: DESKTOP });
	try {
		const page = await ctx.newPage();
		await page.goto(`${base}/`);
		const root = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
		const body = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
		check(root === 24, `the profile's 24 px did not apply (root ${root}px)`);
		check(body >= 24, `body text stays at ${body}px when the browser asks for 24`);
	} finally {
		await ctx.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

await test('focus_ring_and_tap_targets', async () => {
	const ctx = await newContext(PHONE);
	const page = await ctx.newPage();
	await signIn(page, 'officer1');
	await page.goto(`${base}/workbench`);
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	const ring = await page.evaluate(() => {
		const s = getComputedStyle(document.activeElement);
		return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
			shadow: s.boxShadow };
	});
	check(ring.style !== 'none' && ring.width >= 3, `focused link has no ring: ${JSON.stringify(ring)}`);
	// Black outside white: 21:1 between the two, and one of them at least
	// 3:1 against any background the page has.
	check(ring.color === 'rgb(0, 0, 0)' && /rgb\(255, 255, 255\)/.test(ring.shadow),
		`focus ring is not black on white: ${JSON.stringify(ring)}`);
	const small = await page.$$eval('header a, header button, nav a, .pager a, a.button, button',
		els => els.filter(e => e.offsetParent !== null).map(e => {
			const r = e.getBoundingClientRect();
			return { t: e.textContent.trim(), h: r.height, w: r.width };
		}).filter(r => r.h < 44 || r.w < 44).map(r => `${r.t} ${r.w}x${r.h}`));
	check(small.length === 0, `tap targets under 44 px: ${small.join(', ')}`);
	await ctx.close();
});

await test('certificate_card_qr_link_opens_the_public_check', async () => {
	const ctx = await newContext();
	const page = await ctx.newPage();
	await signIn(page, 'supervisor');
	await page.goto(`${base}/certificates`);
	const first = await page.$('table.list a[href^="/certificates/"]');
	check(first, 'no certificate listed');
	await first.click();
	await page.waitForLoadState();
	await Promise.all([page.waitForURL(/\/card$/), page.click('a[href$="/card"]')]);
	check(await page.$('figure.qr svg path'), 'the card has no QR code');
	const v = await axe(page);
	check(v.length === 0, `axe on the card: ${v.join('; ')}`);
	const number = (await page.textContent('.print-card dd.mono')).trim();
	const target = await page.getAttribute('figure.qr a', 'href');
	const t = new URL(target);
	check(t.origin === new URL(base).origin && t.pathname === '/certificates/check' &&
		t.searchParams.get('number') === number, `QR target ${target} is not the check for ${number}`);
	await screenshot(page, 'supervisor-card-desktop');
	await page.emulateMedia({ media: 'print' });
	await screenshot(page, 'supervisor-card-print');
	await page.emulateMedia({ media: 'screen' });
	// The citizen: no session, a phone.
	const pub = await newContext(PHONE);
	const phone = await pub.newPage();
	await phone.goto(target);
	const verdict = (await phone.textContent('.verdict strong')).trim();
	check(['有效', '已过期', '暂扣', '已注销'].includes(verdict), `the check says ${verdict}`);
	check((await phone.textContent('.cert-card')).includes(number), 'the check shows another number');
	await screenshot(phone, 'public-qr-target-phone');
	// What people type: lower case with spaces finds it too.
	await phone.goto(`${base}/certificates/check`);
	await phone.fill('#number', ` ${number.toLowerCase().split('').join(' ')} `);
	await Promise.all([phone.waitForURL(/number=/), phone.click('form[role="search"] button')]);
	check((await phone.textContent('.cert-card')).includes(number), 'a typed lower-case number is not found');
	await pub.close();
	await ctx.close();
});

// A phone never scrolls sideways: the page (menu row included) is no
// wider than the 390 px screen, signed out and signed in.
// The rubric's form (评查标准): one fieldset per item, clean under axe on
// a desktop and on a phone, and a refused save shows its message.
await test('rubric_form_passes_axe_on_desktop_and_phone', async () => {
	const ctx = await newContext();
	const page = await ctx.newPage();
	await signIn(page, 'supervisor');
	const problems = [];
	for (const [vp, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
		await page.setViewportSize(size);
		await page.goto(`${base}/rubric`);
		for (const v of await axe(page))
			problems.push(`/rubric ${vp}: ${v}`);
		if (vp === 'phone')
			await screenshot(page, 'supervisor-rubric-phone');
	}
	await page.fill('#points8', '2');
	await Promise.all([page.waitForLoadState(), page.click('form[action="/rubric"] button[type="submit"]')]);
	const text = await page.textContent('main');
	check(text.includes('形式评查各项合计 19 分，应为 20 分'), 'the refused total is not shown');
	for (const v of await axe(page))
		problems.push(`/rubric refused: ${v}`);
	check(problems.length === 0, `\n  ${problems.join('\n  ')}`);
	await ctx.close();
});

await test('key_pages_fit_a_390_px_phone_without_sideways_scrolling', async () => {
	const PUBLIC = ['/', '/public/decisions', '/public/search?q=%E5%9C%9F%E5%9C%B0',
		'/public/withdrawals', '/certificates/check', '/login', '/public/agencies',
		'/public/review-catalogue', '/public/benchmarks', '/public/complaints/new',
		'/public/power-lists/compare?from=1&to=2', '/public/consultations',
		'/public/normative-documents', '/public/normative-documents?view=all',
		'/public/normative-plan', '/public/review-requests',
		'/public/procedures/penalty_general', '/public/inspections',
		'/public/decision-catalogue'];
	const SIGNED_IN = ['/', '/cases', '/publications', '/indicators', '/certificates',
		'/dashboard', '/stats/annual', '/complaints', '/oversight', '/org', '/rubric',
		'/evaluations', '/check-plans', '/decision-catalogues',
		'/indicators/decision_catalogue?part=den&from=2024-01-01&to=2030-12-31',
		'/indicators/overdue?part=den&from=2020-01-01&to=2030-12-31&size=50',
		'/indicators/two_officers?part=num&from=2020-01-01&to=2030-12-31',
		'/indicators/complaints?part=den&from=2020-01-01&to=2030-12-31',
		'/indicators/rectification?part=den&from=2020-01-01&to=2030-12-31'];
	const wide = [];
	const measure = async (page, who, p) => {
		await page.goto(`${base}${p}`);
		const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
		if (w > PHONE.width)
			wide.push(`${who} ${p}: ${w} px`);
		// nor does a row inside it: the menu wraps rather than hiding
		// items behind a sideways scroll
		const rows = await page.evaluate(() => [...document.querySelectorAll('header.site, nav.menu, ul.menu')]
			.filter(el => el.scrollWidth > el.clientWidth + 1)
			.map(el => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}/${el.clientWidth}`));
		if (rows.length)
			wide.push(`${who} ${p}: ${rows.join(', ')}`);
	};
	const anon = await newContext(PHONE);
	const pa = await anon.newPage();
	for (const p of PUBLIC)
		await measure(pa, 'public', p);
	// a draw's page: the seed, the command and the expected output wrap
	const draws = await (await pa.request.get(`${base}/api/v1/public/inspections`)).json();
	check(draws.items.length > 0, 'the demo county has no published draw');
	await measure(pa, 'public', `/public/inspections/${draws.items[0].id}`);
	await screenshot(pa, 'phone-public-inspection');
	await screenshot(pa, 'phone-public-menu');
	await anon.close();
	for (const role of ['officer1', 'supervisor']) {
		const ctx = await newContext(PHONE);
		const page = await ctx.newPage();
		await signIn(page, role);
		for (const p of SIGNED_IN)
			await measure(page, role, p);
		// the organisation tree with every level opened
		await page.goto(`${base}/org`);
		await page.evaluate(() => document.querySelectorAll('details').forEach(d => { d.open = true; }));
		const tw = await page.evaluate(() => document.scrollingElement.scrollWidth);
		if (tw > PHONE.width)
			wide.push(`${role} /org opened: ${tw} px`);
		// 关怀版: larger text, the same width
		await page.goto(`${base}/care?mode=on&back=/cases`);
		await measure(page, `${role} 关怀版`, '/cases');
		await page.goto(`${base}/care?mode=off&back=/`);
		await page.goto(`${base}/`);
		await screenshot(page, `phone-${role}-menu`);
		await ctx.close();
	}
	// the system administrator's calendar page
	const sys = await newContext(PHONE);
	const sp = await sys.newPage();
	await signIn(sp, 'sysadmin');
	await measure(sp, 'sysadmin', '/calendar');
	await measure(sp, 'sysadmin', '/org');
	await sys.close();
	check(wide.length === 0, `wider than the phone: ${wide.join('; ')}`);
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
