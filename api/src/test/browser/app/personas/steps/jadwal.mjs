// Steps of the Jadwal RW screen, shared by the kader walk (personas/kader.mjs) and the lurah walk:
// preparePuslingVisit() publishes a Pusling visit to an RW through the API as the field would (a lurah proposes the
// RW, the puskesmas approves, plans and publishes), and jadwal() walks the screen: the next visits first with big
// dates and Indonesian day names, the RW picker, the "nothing published" message for an RW without a visit, English,
// print view; axe on every state.
import { graphql, check, log, now } from '../../harness.mjs';

const SCHEDULE = `query PrepSchedule($region: ID!, $m0: String!, $m1: String!, $m2: String!) {
  m0: outreachSchedule(regionCode: $region, month: $m0) { days { date puslingVisits { rwCode planId planStatus } } }
  m1: outreachSchedule(regionCode: $region, month: $m1) { days { date puslingVisits { rwCode planId planStatus } } }
  m2: outreachSchedule(regionCode: $region, month: $m2) { days { date puslingVisits { rwCode planId planStatus } } }
}`;

/** Today in Asia/Jakarta, yyyy-MM-dd. */
export function todayJakarta() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now());
}

function monthAfter(date, offset) {
  const [y, m] = date.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.getUTCFullYear() + '-' + String(d.getUTCMonth() + 1).padStart(2, '0');
}

function lastDay(month) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The published (not cancelled) visits from today on to the RWs, this month and the next two, as the staff sees them. */
export async function publishedVisits(baseUrl, user, kelurahan, rwCodes) {
  const today = todayJakarta();
  const data = await graphql(baseUrl, user, SCHEDULE, { region: kelurahan, m0: monthAfter(today, 0), m1: monthAfter(today, 1), m2: monthAfter(today, 2) });
  return [data.m0, data.m1, data.m2].flatMap((m) => m.days).filter((d) => d.date >= today)
    .flatMap((d) => d.puslingVisits.filter((v) => rwCodes.includes(v.rwCode) && v.planStatus !== 'CANCELLED').map((v) => ({ ...v, date: d.date })));
}

async function approvedSelection(baseUrl, { proposer, reviewer, rwCodes, month }) {
  const created = await graphql(baseUrl, proposer, `mutation($input: CreateTargetSelectionInput!) {
      createTargetSelection(input: $input) { targetSelection { id version } errors { __typename message } } }`,
  { input: { purpose: 'PUSLING', periodFrom: month + '-01', periodTo: lastDay(month), rwCodes,
    reason: 'Uji jadwal RW (browser test): RW jauh dari puskesmas' } });
  const selection = created.createTargetSelection.targetSelection;
  if (!selection) throw new Error('createTargetSelection: ' + JSON.stringify(created.createTargetSelection.errors));
  const submitted = await graphql(baseUrl, proposer, `mutation($input: SubmitTargetSelectionInput!) {
      submitTargetSelection(input: $input) { targetSelection { id version } errors { __typename message } } }`,
  { input: { id: selection.id, version: selection.version } });
  const s = submitted.submitTargetSelection.targetSelection;
  if (!s) throw new Error('submitTargetSelection: ' + JSON.stringify(submitted.submitTargetSelection.errors));
  const reviewed = await graphql(baseUrl, reviewer, `mutation($input: ReviewTargetSelectionInput!) {
      reviewTargetSelection(input: $input) { targetSelection { id state } errors { __typename message } } }`,
  { input: { id: s.id, version: s.version, decision: 'APPROVE', note: 'Disetujui untuk Pusling (uji jadwal RW)' } });
  const r = reviewed.reviewTargetSelection;
  if (!r.targetSelection || r.targetSelection.state !== 'APPROVED') {
    // Another live selection with the same RW and period blocks approval (e.g. left by another walk): withdraw ours.
    await graphql(baseUrl, proposer, `mutation($input: WithdrawTargetSelectionInput!) {
        withdrawTargetSelection(input: $input) { errors { message } } }`, { input: { id: s.id, version: s.version } });
    log('selection not approved (' + JSON.stringify(r.errors) + '): planning the RWs directly');
    return null;
  }
  return s.id;
}

async function planAndPublish(baseUrl, staff, input) {
  const queued = await graphql(baseUrl, staff, `mutation($input: PlanOutreachInput!) {
      planOutreach(input: $input) { job { id state } errors { __typename message } } }`, { input });
  const job = queued.planOutreach.job;
  if (!job) throw new Error('planOutreach: ' + JSON.stringify(queued.planOutreach.errors));
  let plan = null;
  for (let i = 0; i < 240 && !plan; i++) {
    const polled = (await graphql(baseUrl, staff, `query($id: ID!) { outreachPlanJob(id: $id) {
        state message plan { id servedCount } } }`, { id: job.id })).outreachPlanJob;
    if (polled.state === 'FAILED') throw new Error('plan job failed: ' + polled.message);
    if (polled.state === 'SUCCEEDED') plan = polled.plan;
    else await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!plan) throw new Error('plan job ' + job.id + ' did not finish');
  const published = await graphql(baseUrl, staff, `mutation($input: PublishOutreachPlanInput!) {
      publishOutreachPlan(input: $input) { outreachPlan { id status } errors { __typename message } } }`,
  { input: { id: plan.id, version: 0 } });
  const p = published.publishOutreachPlan;
  if (p.outreachPlan && p.outreachPlan.status === 'PUBLISHED') return plan.id;
  log('plan ' + plan.id + ' not published: ' + JSON.stringify(p.errors));
  await graphql(baseUrl, staff, `mutation($input: DeleteOutreachPlanInput!) { deleteOutreachPlan(input: $input) { errors { message } } }`,
    { input: { id: plan.id } });
  return null;
}

/**
 * Makes sure a published Pusling visit to one of rwCodes lies ahead (this month or the next two), as the field would
 * make it: `proposer` (a lurah or camat) proposes the RWs for next month, `staff` (the responsible puskesmas) approves,
 * plans from its own base and publishes. Idempotent: when a visit is already published nothing is made (the second
 * viewport's run). When the base already has a published plan for a month (another walk's), the month after is tried.
 * Returns the visits found.
 */
export async function preparePuslingVisit(baseUrl, { kelurahan, rwCodes, proposer, staff }) {
  let visits = await publishedVisits(baseUrl, staff, kelurahan, rwCodes);
  if (visits.length) { log('published Pusling visit already there: ' + visits.map((v) => v.date + ' ' + v.rwCode).join(', ')); return visits; }
  const today = todayJakarta();
  for (const offset of [1, 2]) {
    const month = monthAfter(today, offset);
    const selection = await approvedSelection(baseUrl, { proposer, reviewer: staff, rwCodes, month });
    const input = { name: 'Pusling ' + month + ' (uji jadwal RW)', month, timeLimitSeconds: 2,
      ...(selection ? { targetSelectionIds: [selection] } : { rwCodes }) };
    const planId = await planAndPublish(baseUrl, staff, input);
    visits = await publishedVisits(baseUrl, staff, kelurahan, rwCodes);
    if (visits.length) { log('published plan ' + planId + ': ' + visits.map((v) => v.date + ' ' + v.rwCode).join(', ')); return visits; }
  }
  throw new Error('could not publish a Pusling visit to ' + rwCodes.join(', '));
}

async function waitReady(page) {
  await page.waitForSelector('.screen-jadwal[data-ready="true"]');
}

/**
 * Walks Jadwal RW. opts: { visitRw: an RW with a published visit ahead (its card must show), quietRw: an RW of the
 * caller without one (its "nothing published" message must show), or null }.
 */
export async function jadwal(page, ctx, opts = {}) {
  await page.click('#nav a[data-screen="jadwal"]');
  await ctx.rendered('jadwal');
  await waitReady(page);
  check(await page.locator('.screen-jadwal h1').isVisible(), 'Jadwal RW shows its title');
  const first = await page.locator('.jadwal-days, .jadwal-empty').count();
  check(first > 0, 'Jadwal RW is never empty: days or a "nothing scheduled" message');
  const text = await page.locator('.screen-jadwal').innerText();
  check(!/\b(null|undefined|NaN)\b/.test(text), 'Jadwal RW shows no null, undefined or NaN');
  const dayOff = page.locator('.jadwal-day .jadwal-warning', { hasText: 'Hari libur' });
  if (await dayOff.count()) check(/Hari libur: .+\./.test(await dayOff.first().innerText()), 'a day off is named on its day: ' + await dayOff.first().innerText());
  if (await page.locator('.jadwal-posyandu').count()) {
    const card = await page.locator('.jadwal-posyandu').innerText();
    check(/setiap bulan/.test(card) && await page.locator('#jadwal-posyandu-next').isVisible(), 'the kader\'s posyandu: its monthly sessions and next dates');
  }
  await ctx.shot('jadwal');
  await ctx.axe('Jadwal RW');

  if (ctx.viewport.name === 'phone') {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `Jadwal RW fits the phone's width (overflow ${overflow} px)`);
  }

  if (opts.visitRw) {
    if (await page.locator('#jadwal-rw').count()) {
      await page.selectOption('#jadwal-rw', opts.visitRw);
      await page.waitForSelector(`.screen-jadwal[data-ready="true"][data-rw="${opts.visitRw}"]`);
    }
    const visit = page.locator(`.jadwal-item.pusling[data-rw="${opts.visitRw}"]`).first();
    check(await visit.isVisible(), 'the published Pusling visit to ' + opts.visitRw + ' is listed');
    const day = page.locator('.jadwal-day', { has: visit });
    const dayText = await day.locator('.jadwal-heading').innerText();
    check(/(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \S+ \d{4}/.test(dayText), 'the date in Indonesian with its day name: ' + dayText);
    const big = await day.locator('.jadwal-dom').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    check(big >= 28, `the day of the month is big (${big} px)`);
    const time = await visit.locator('.jadwal-time').innerText();
    check(/\d\d\.\d\d–\d\d\.\d\d/.test(time), 'the time in the Indonesian notation: ' + time);
    const dates = await page.locator('.jadwal-day').evaluateAll((els) => els.map((e) => e.dataset.date));
    check(dates.every((d, i) => i === 0 || dates[i - 1] <= d), 'the next visits come first: ' + dates.slice(0, 4).join(', '));
    await day.scrollIntoViewIfNeeded();
    await ctx.shot('jadwal-rw-visit');
    await ctx.axe('Jadwal RW, one RW with a Pusling visit');
  }

  if (opts.quietRw && await page.locator('#jadwal-rw').count()) {
    await page.selectOption('#jadwal-rw', opts.quietRw);
    await page.waitForSelector(`.screen-jadwal[data-ready="true"][data-rw="${opts.quietRw}"]`);
    const empty = await page.locator('#jadwal-no-pusling').innerText();
    check(empty.includes('Belum ada jadwal Pusling yang diterbitkan untuk RW ini'), 'an RW without a visit says so: ' + empty);
    await ctx.shot('jadwal-rw-none');
    await ctx.axe('Jadwal RW, an RW without a Pusling visit');
  }

  // English, then back to Indonesian.
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('.screen-jadwal h1')?.textContent === 'RW visit schedule');
  await waitReady(page);
  check(await page.locator('.jadwal-days, .jadwal-empty').first().isVisible(), 'Jadwal RW in English');
  await page.selectOption('#lang', 'id');
  await page.waitForFunction(() => document.querySelector('.screen-jadwal h1')?.textContent === 'Jadwal kunjungan RW');
  await waitReady(page);

  // The print view: no menu nor pickers, the dates and the place stay.
  await page.emulateMedia({ media: 'print' });
  check(!(await page.locator('.jadwal-controls').isVisible()) && !(await page.locator('#nav').isVisible()), 'print view hides the menu and pickers');
  check(await page.locator('.screen-jadwal .print-only').isVisible(), 'print view names the RW and the print date');
  await ctx.shot('jadwal-print');
  await page.emulateMedia({ media: 'screen' });
}
