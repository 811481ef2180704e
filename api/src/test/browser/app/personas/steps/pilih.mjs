// Steps shared by the Pilih RW and Tinjau walks (camat, lurah, dinkes): opening a screen from the menu, picking an RW
// in the list or on the map, reading the status line, and preparing selections through the API as another user.
import { graphql, check, log } from '../../harness.mjs';

/** Opens a screen from the menu and waits until it has rendered. */
export async function openScreen(page, ctx, id) {
  await page.click(`#nav a[data-screen="${id}"]`);
  await ctx.rendered(id);
}

/** Waits for the status line to say something matching re (after an action); returns its text. */
export async function statusSays(page, re) {
  await page.waitForFunction((source) => {
    const el = document.querySelector('.screen .status');
    return el && !el.hidden && new RegExp(source).test(el.textContent);
  }, re.source);
  return page.textContent('.screen .status');
}

/** The RW codes of the ranked list, best first. */
export async function rankedCodes(page) {
  return page.$$eval('#pilih-candidates li.candidate', (items) => items.map((li) => li.dataset.code));
}

/** Ticks (or unticks) an RW's checkbox in the ranked list. */
export async function tick(page, code) {
  await page.click(`#pilih-candidates input[data-code="${code}"]`);
}

/** Clicks (taps on a phone) an RW on the Pilih map at its label point, the map scrolled into view and centred on it. */
export async function clickOnMap(page, ctx, code) {
  await page.locator('#pilih-map').scrollIntoViewIfNeeded();
  await page.evaluate((c) => {
    const { map, pointOf } = window.atlasApp.pilih;
    map.jumpTo({ center: map.unproject(pointOf(c)), zoom: Math.max(map.getZoom(), 14) });
  }, code);
  await page.waitForFunction(() => window.atlasApp.pilih.map.loaded());
  const point = await page.evaluate((c) => { const p = window.atlasApp.pilih.pointOf(c); return { x: p.x, y: p.y }; }, code);
  const box = await page.locator('#pilih-map canvas').boundingBox();
  if (ctx.viewport.hasTouch) await page.touchscreen.tap(box.x + point.x, box.y + point.y);
  else await page.mouse.click(box.x + point.x, box.y + point.y);
}

/** The selection id shown in the editor's title ("Pilihan #12"). */
export async function editorSelectionId(page) {
  const title = await page.textContent('#pilih-sel-title');
  const m = title.match(/#(\d+)/);
  return m ? m[1] : null;
}

const SELECTION = 'id state version rwCodes purpose periodFrom periodTo createdBy';

/** Creates (and optionally submits) a selection as a demo user through the API; returns { id, version, ... }. */
export async function prepareSelection(baseUrl, user, input, { submit } = {}) {
  const created = (await graphql(baseUrl, user, `mutation($input: CreateTargetSelectionInput!) {
    createTargetSelection(input: $input) { targetSelection { ${SELECTION} } errors { message } } }`, { input })).createTargetSelection;
  if (created.errors.length) throw new Error(`setup: ${user} could not create a selection: ${JSON.stringify(created.errors)}`);
  let selection = created.targetSelection;
  if (submit) {
    const submitted = (await graphql(baseUrl, user, `mutation($input: SubmitTargetSelectionInput!) {
      submitTargetSelection(input: $input) { targetSelection { ${SELECTION} } errors { message } } }`,
    { input: { id: selection.id, version: selection.version } })).submitTargetSelection;
    if (submitted.errors.length) throw new Error(`setup: ${user} could not submit #${selection.id}: ${JSON.stringify(submitted.errors)}`);
    selection = submitted.targetSelection;
  }
  log(`setup: ${user} prepared selection #${selection.id} (${selection.state}, ${selection.rwCodes.join(' ')}, ${selection.periodFrom}..${selection.periodTo})`);
  return selection;
}

/** Reviews a selection through the API (setup of a rejected selection); returns it. */
export async function prepareReview(baseUrl, user, selection, decision, note) {
  const reviewed = (await graphql(baseUrl, user, `mutation($input: ReviewTargetSelectionInput!) {
    reviewTargetSelection(input: $input) { targetSelection { ${SELECTION} } errors { message } } }`,
  { input: { id: selection.id, version: selection.version, decision, note } })).reviewTargetSelection;
  if (reviewed.errors.length) throw new Error(`setup: ${user} could not review #${selection.id}: ${JSON.stringify(reviewed.errors)}`);
  return reviewed.targetSelection;
}

/** Withdraws a selection through the API as its creator (clean-up: it is no longer a conflict for anyone). */
export async function withdrawSelection(baseUrl, user, id) {
  const current = (await graphql(baseUrl, user, `query($id: ID!) { targetSelection(id: $id) { id state version } }`, { id })).targetSelection;
  if (!['DRAFT', 'SUBMITTED'].includes(current.state)) return current;
  const done = (await graphql(baseUrl, user, `mutation($input: WithdrawTargetSelectionInput!) {
    withdrawTargetSelection(input: $input) { targetSelection { id state } errors { message } } }`,
  { input: { id, version: current.version } })).withdrawTargetSelection;
  check(done.errors.length === 0, `clean-up: ${user} withdrew #${id}`);
  return done.targetSelection;
}

/** The RW codes of an area (by code), through the API. */
export async function rwsOf(baseUrl, user, within) {
  const data = await graphql(baseUrl, user, `query($within: ID!) { regions(level: RW, within: $within, first: 1000) { edges { node { code } } } }`, { within });
  return data.regions.edges.map((e) => e.node.code);
}
