// Puskesmas staff (puskesmas-tirto) on Pusling: plans a month from an APPROVED target selection, follows the solve
// job, steps through the days on the map, publishes (cancelling the month's earlier published plan when a previous run
// left one), opens the printable schedule and the PDF, records a visit and sees it in the realisation. Then the Dinkes
// picks the base and opens the same plan.
// The selection is prepared through the API (camat-barat proposes and submits RWs of Tirto and Pringrejo, the
// Dinkes approves), on RWs no live Pusling selection of the period holds, so each run (phone, desktop, and again on
// the same database) has its own.
import { graphql, check, log, now } from '../harness.mjs';

const USER = 'puskesmas-tirto';
const WILAYAH_KERJA = ['33.75.01.1009', '33.75.01.1012']; // Tirto and Pringrejo, PKM-3375-TIRTO's kelurahan
const RWS_PER_RUN = 4;
const MARK = '(uji peramban)';

function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now());
}

function lastDayOf(yearMonth) {
  const [y, m] = yearMonth.split('-').map(Number);
  return yearMonth + '-' + String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0');
}

function nextMonth(yearMonth) {
  const [y, m] = yearMonth.split('-').map(Number);
  return m === 12 ? (y + 1) + '-01' : y + '-' + String(m + 1).padStart(2, '0');
}

/** The month to plan: this month while it has a Monday–Friday after today (as the screen's default), else the next. */
function planMonth() {
  const now = today();
  const month = now.slice(0, 7);
  for (let d = Number(now.slice(8)) + 1; d <= Number(lastDayOf(month).slice(8)); d++) {
    const weekday = new Date(month + '-' + String(d).padStart(2, '0') + 'T00:00:00Z').getUTCDay();
    if (weekday >= 1 && weekday <= 5) return month;
  }
  return nextMonth(month);
}

/** An APPROVED Pusling selection of RWs_PER_RUN free RWs of the wilayah kerja, from today to the end of next month. */
async function prepareSelection(baseUrl, run) {
  const periodFrom = today();
  const periodTo = lastDayOf(nextMonth(periodFrom.slice(0, 7)));
  const live = await graphql(baseUrl, 'dinkes', `query($from: Date!, $to: Date!) {
    targetSelections(filter: { states: [SUBMITTED, APPROVED], purpose: PUSLING, regionCode: "33.75.01", periodFrom: $from, periodTo: $to }, first: 1000) {
      edges { node { rwCodes } } } }`, { from: periodFrom, to: periodTo });
  const taken = new Set(live.targetSelections.edges.flatMap((e) => e.node.rwCodes));
  const rws = [];
  for (const kelurahan of WILAYAH_KERJA) {
    const data = await graphql(baseUrl, 'dinkes', `query($within: ID!) { regions(level: RW, within: $within, first: 100) { edges { node { code } } } }`,
      { within: kelurahan });
    rws.push(...data.regions.edges.map((e) => e.node.code).filter((c) => !taken.has(c)));
  }
  // Alternate the kelurahan so that the routes of a run spread over both.
  const tirto = rws.filter((c) => c.startsWith(WILAYAH_KERJA[0]));
  const pringrejo = rws.filter((c) => c.startsWith(WILAYAH_KERJA[1]));
  const picked = [];
  while (picked.length < RWS_PER_RUN && (tirto.length || pringrejo.length)) {
    if (tirto.length) picked.push(tirto.shift());
    if (pringrejo.length && picked.length < RWS_PER_RUN) picked.push(pringrejo.shift());
  }
  if (picked.length < RWS_PER_RUN) {
    // Earlier runs on this database hold every RW for the period: plan again from the newest selection they made.
    const mine = await graphql(baseUrl, 'dinkes', `query($to: Date!) {
      targetSelections(filter: { states: [APPROVED], purpose: PUSLING, regionCode: "33.75.01", createdBy: "camat-barat", periodFrom: $to, periodTo: $to },
                       first: 100) { edges { node { id rwCodes reason periodFrom } } } }`, { to: periodTo });
    const reuse = mine.targetSelections.edges.map((e) => e.node).find((s) => s.reason.includes(MARK) && s.periodFrom <= periodFrom);
    check(Boolean(reuse), `${RWS_PER_RUN} RWs of Tirto/Pringrejo free of live Pusling selections for ${periodFrom}..${periodTo} (free: ${rws.length}),`
      + ' or a selection of an earlier run to plan from again');
    log(`no ${RWS_PER_RUN} free RWs left for the period: planning again from selection ${reuse.id} of an earlier run`);
    return { id: reuse.id, rws: reuse.rwCodes };
  }
  const created = await graphql(baseUrl, 'camat-barat', `mutation($input: CreateTargetSelectionInput!) {
    createTargetSelection(input: $input) { targetSelection { id version } errors { message } } }`,
  { input: { purpose: 'PUSLING', periodFrom, periodTo, rwCodes: picked, reason: `Pusling ${run}: RW prioritas stunting ${MARK}` } });
  check(created.createTargetSelection.errors.length === 0, 'camat-barat created a selection: ' + JSON.stringify(created.createTargetSelection.errors));
  let selection = created.createTargetSelection.targetSelection;
  const submitted = await graphql(baseUrl, 'camat-barat', `mutation($input: SubmitTargetSelectionInput!) {
    submitTargetSelection(input: $input) { targetSelection { id version } errors { message } } }`, { input: { id: selection.id, version: selection.version } });
  check(submitted.submitTargetSelection.errors.length === 0, 'camat-barat submitted it: ' + JSON.stringify(submitted.submitTargetSelection.errors));
  selection = submitted.submitTargetSelection.targetSelection;
  const approved = await graphql(baseUrl, 'dinkes', `mutation($input: ReviewTargetSelectionInput!) {
    reviewTargetSelection(input: $input) { targetSelection { id state } errors { message } } }`,
  { input: { id: selection.id, version: selection.version, decision: 'APPROVE', note: 'Disetujui untuk Pusling' } });
  check(approved.reviewTargetSelection.errors.length === 0 && approved.reviewTargetSelection.targetSelection.state === 'APPROVED',
    `dinkes approved selection ${selection.id} (${picked.join(', ')}): ` + JSON.stringify(approved.reviewTargetSelection.errors));
  return { id: selection.id, rws: picked };
}

/** Waits until the current render of the app has finished (after a navigation inside the Pusling screen). */
async function settled(page) {
  await page.evaluate(() => window.atlasApp.rendering);
}

export async function walk(page, ctx) {
  const selection = await prepareSelection(ctx.baseUrl, ctx.viewport.name);
  const month = planMonth();
  await ctx.signIn(USER);
  await page.click('#nav a[data-screen="pusling"]');
  await page.waitForSelector('#pusling-form');
  await settled(page);

  // Plan: only this run's selection, the month, a name of its own.
  for (const box of await page.$$('#pusling-form input[data-selection]')) {
    const id = await box.getAttribute('data-selection');
    if (id === selection.id) await box.check(); else await box.uncheck();
  }
  await page.selectOption('#pusling-month', month);
  const name = `Pusling Tirto ${month} uji ${ctx.viewport.name} ${Date.now().toString(36)}`;
  await page.fill('#pusling-name', name);
  await ctx.axe('Pusling: plans and new plan');
  await ctx.shot('new-plan');
  await page.click('#pusling-plan');

  // The solve job: its state is shown and polled until it ends.
  await page.waitForSelector('#pusling-job[data-job-state]');
  await ctx.axe('Pusling: solve job');
  const firstState = await page.getAttribute('#pusling-job', 'data-job-state');
  log('job state first seen: ' + firstState);
  await page.waitForSelector('#pusling-job[data-job-state="SUCCEEDED"], #pusling-job[data-job-state="FAILED"]', { timeout: 120000 });
  check(await page.getAttribute('#pusling-job', 'data-job-state') === 'SUCCEEDED',
    'the solve job succeeded: ' + await page.textContent('#pusling-job'));
  await ctx.shot('job-done');
  await page.click('#pusling-open-plan');

  // The plan: a draft, its days on the map.
  await page.waitForSelector('#pusling-plan-title[data-plan-status="DRAFT"]');
  await page.waitForSelector('#pusling-day-list[data-day]');
  await settled(page);
  const planId = await page.getAttribute('#pusling-plan-title', 'data-plan');
  const days = await page.$$eval('#pusling-day option', (options) => options.map((o) => o.value));
  const stops = await page.$$eval('#pusling-day-list .pusling-stops li[data-rw]', (items) => items.length);
  check(days.length >= 1 && stops >= 1, `plan ${planId}: ${days.length} days with visits, ${stops} stops on the first day shown`);
  check(await page.$$eval('.pusling-marker', (m) => m.length) >= stops + 1, 'numbered stops and the puskesmas on the map');
  await ctx.axe('Pusling: draft plan, day view');
  await ctx.shot('plan-day-1');
  const seen = new Set([await page.getAttribute('#pusling-day-list', 'data-day')]);
  await page.selectOption('#pusling-day', days[0]);
  await page.waitForSelector(`#pusling-day-list[data-day="${days[0]}"]`);
  seen.add(days[0]);
  for (let i = 1; i < days.length; i++) {
    await page.click('#pusling-day-next');
    await page.waitForSelector(`#pusling-day-list[data-day="${days[i]}"]`);
    seen.add(days[i]);
    if (i === 1) await ctx.shot('plan-day-2');
  }
  check(seen.size === days.length, `stepped through the ${days.length} days`);
  const rwsShown = await page.$$eval('.pusling-stops li[data-rw]', (items) => items.map((i) => i.dataset.rw));
  check(rwsShown.length >= 1, 'the last day lists its stops: ' + rwsShown.join(', '));

  // Publish; a plan of the month published by an earlier run is cancelled first.
  await page.click('#pusling-publish');
  await page.waitForSelector('#pusling-plan-title[data-plan-status="PUBLISHED"], #pusling-conflict-open');
  if (await page.$('#pusling-conflict-open')) {
    const other = await page.getAttribute('#pusling-conflict-open', 'data-conflict-plan');
    log(`month ${month} already has published plan ${other}: cancelling it`);
    await ctx.axe('Pusling: publish refused (month taken)');
    await ctx.shot('publish-conflict');
    await page.click('#pusling-conflict-open');
    await page.waitForSelector(`#pusling-plan-title[data-plan="${other}"][data-plan-status="PUBLISHED"]`);
    await page.waitForSelector('#pusling-day-list[data-day]');
    await settled(page);
    await page.click('#pusling-cancel');
    await page.fill('#pusling-cancel-reason', 'Diganti rencana baru (uji peramban)');
    await ctx.axe('Pusling: cancel a published plan');
    await page.click('#pusling-cancel-confirm');
    await page.waitForSelector(`#pusling-plan-title[data-plan="${other}"][data-plan-status="CANCELLED"]`);
    await settled(page);
    await page.goBack();
    await page.waitForSelector(`#pusling-plan-title[data-plan="${planId}"][data-plan-status="DRAFT"]`);
    await page.waitForSelector('#pusling-day-list[data-day]');
    await settled(page);
    await page.click('#pusling-publish');
  }
  await page.waitForSelector(`#pusling-plan-title[data-plan="${planId}"][data-plan-status="PUBLISHED"]`);
  await page.waitForSelector('#pusling-day-list[data-day]');
  await settled(page);
  check((await page.textContent('#pusling-message')).length > 0, 'the publication is confirmed');
  await ctx.axe('Pusling: published plan');
  await ctx.shot('published');

  // The printable schedule (the server's Indonesian HTML, fetched with the token) and its PDF.
  const [report] = await Promise.all([page.context().waitForEvent('page'), page.click('#pusling-print')]);
  await report.waitForLoadState();
  const reportText = await report.textContent('body');
  check(/Jadwal/i.test(reportText) && rwsShown.some((rw) => reportText.includes('RW ' + rw.slice(-3))),
    'the printable schedule opened with the plan\'s RWs');
  await report.close();
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('#pusling-pdf')]);
  check(pdf.suggestedFilename() === `jadwal-pusling-${planId}.pdf`, 'the schedule downloads as PDF: ' + pdf.suggestedFilename());

  // Record a visit done (only once the plan's month has begun: visits are recorded when they happened).
  if (month === today().slice(0, 7)) {
    await page.waitForSelector('#pusling-visit-form');
    const rw = await page.$eval('#pusling-visit-rw', (s) => s.value);
    await page.fill('#pusling-people-BALITA', '14');
    await page.fill('#pusling-people-IBU_HAMIL', '3');
    await page.click('.pusling-services summary');
    await page.check('#pusling-service-IMUNISASI_RUTIN');
    await page.check('#pusling-service-PANTAU_TUMBANG');
    await ctx.axe('Pusling: record a visit');
    await ctx.shot('visit-form');
    await page.click('#pusling-visit-save');
    await page.waitForSelector(`#pusling-visit-list li[data-rw="${rw}"]`);
    await page.waitForSelector(`#pusling-realisation-rws tr[data-rw="${rw}"][data-visited="yes"]`);
    await settled(page);
    const done = await page.getAttribute('#pusling-realisation-figures', 'data-done');
    check(Number(done) >= 1, `the realisation counts the visit of ${rw} (done ${done} of ${await page.getAttribute('#pusling-realisation-figures', 'data-planned')})`);
    await page.$eval('#pusling-realisation', (el) => el.scrollIntoView());
    await ctx.axe('Pusling: realisation');
    await ctx.shot('realisation');
  } else {
    log(`plan month ${month} has not begun: no visit to record today`);
  }

  // Back to the list: the plan is there, published.
  await page.click('#pusling-back');
  await page.waitForSelector(`#pusling-plans a[data-plan="${planId}"]`);
  await settled(page);
  await ctx.shot('plans');

  // The Dinkes sees the same plan: it picks the base (any facility of the kota that runs Pusling), then the plan.
  await page.click('#logout');
  await page.waitForSelector('button[data-user]');
  await ctx.signIn('dinkes');
  await page.click('#nav a[data-screen="pusling"]');
  await page.waitForSelector('#pusling-base');
  await settled(page);
  await page.selectOption('#pusling-base', 'PKM-3375-TIRTO');
  await page.waitForSelector(`#pusling-plans a[data-plan="${planId}"]`);
  await settled(page);
  await ctx.axe('Pusling as the Dinkes: base and plans');
  await ctx.shot('dinkes-plans');
  await page.click(`#pusling-plans a[data-plan="${planId}"]`);
  await page.waitForSelector(`#pusling-plan-title[data-plan="${planId}"][data-plan-status="PUBLISHED"]`);
  await page.waitForSelector('#pusling-day-list[data-day]');
  await settled(page);
  check(await page.getAttribute('#pusling-back', 'href') === '#/pusling?base=PKM-3375-TIRTO', 'the Dinkes goes back to the plans of the base');
  await ctx.axe('Pusling as the Dinkes: a published plan');
  await ctx.shot('dinkes-plan');
}
