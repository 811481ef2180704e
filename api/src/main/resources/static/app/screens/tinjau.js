// Tinjau (Dinkes, puskesmas): the queue of submitted target selections I may review (longest waiting first), one
// selection's RWs on the map and in a list with its conflicts, and the decision: approve or reject with a note, or
// settle a conflict in one step (approve this one, reject the submitted ones it conflicts with). GraphQL:
// graphql/tinjau.graphql.
import { h, fill, field, status } from '../lib/dom.js';
import { t, addMessages, fmtDate } from '../lib/i18n.js';
import { gql } from '../lib/api.js';
import { createMap, addBoundaries, colorRws, idle } from '../lib/map.js';
import { rwLabel, stateBadge, historyList, conflictList, errorText } from './pilih.js';

addMessages({
  id: {
    'tinjau.title': 'Tinjau pilihan RW',
    'tinjau.intro': 'Pilihan RW yang dikirim camat, lurah atau puskesmas menunggu keputusan Anda. Periksa RW dan bentroknya, lalu setujui atau tolak dengan catatan.',
    'tinjau.map': 'Peta RW pilihan yang sedang ditinjau; RW yang bentrok bergaris ungu',
    'tinjau.queue': 'Menunggu tinjauan ({n})', 'tinjau.queue-none': 'Tidak ada pilihan yang menunggu tinjauan Anda. Sebuah pilihan sampai ke puskesmas bila semua RW-nya ada di wilayah kerja puskesmas itu; pilihan yang melintasi beberapa wilayah kerja (atau diajukan puskesmas sendiri) ditinjau Dinkes.',
    'tinjau.recent': 'Keputusan terakhir', 'tinjau.recent-none': 'Belum ada keputusan.',
    'tinjau.item': '#{id} · {purpose}', 'tinjau.item-meta': '{from} – {to} · {n} RW · {who} ({role})',
    'tinjau.submitted-at': 'dikirim {at}', 'tinjau.conflict-badge': 'Bentrok: {n}',
    'tinjau.review': 'Tinjau #{id}', 'tinjau.show': 'Lihat #{id}',
    'tinjau.detail': 'Pilihan #{id}', 'tinjau.pick-one': 'Pilih satu pilihan dari antrean untuk ditinjau.',
    'tinjau.proposer': 'Diajukan oleh {who} ({role})', 'tinjau.period': 'Periode: {from} – {to}',
    'tinjau.purpose': 'Untuk: {purpose}', 'tinjau.reason': 'Alasan pengusul',
    'tinjau.rws': 'RW dalam pilihan ({n})', 'tinjau.rw-conflict': 'bentrok',
    'tinjau.conflicts': 'Bentrok dengan pilihan lain',
    'tinjau.conflicts-approved': 'Sudah ada pilihan yang disetujui untuk RW yang sama: pilihan ini hanya bisa ditolak (atau pengusul memperbaikinya).',
    'tinjau.note': 'Catatan keputusan', 'tinjau.note-hint': 'Wajib diisi; dibaca pengusul.',
    'tinjau.approve': 'Setujui', 'tinjau.reject': 'Tolak',
    'tinjau.resolve': 'Setujui ini dan tolak yang bentrok ({ids})',
    'tinjau.need-note': 'Isi catatan keputusan.',
    'tinjau.approved': 'Pilihan #{id} disetujui.', 'tinjau.rejected': 'Pilihan #{id} ditolak.',
    'tinjau.resolved': 'Pilihan #{id} disetujui; ditolak karena bentrok: {ids}.',
    'tinjau.decided': 'Keputusan: {state} oleh {who}', 'tinjau.history': 'Riwayat',
    'tinjau.legend-selected': 'RW pilihan ini', 'tinjau.legend-conflict': 'RW yang bentrok',
    'err.SelfReviewError': 'Anda tidak bisa meninjau pilihan yang Anda ajukan sendiri ({who}).',
    'err.TargetSelectionConflictError': 'Belum bisa disetujui: ada pilihan lain yang bentrok.',
  },
  en: {
    'tinjau.title': 'Review RW selections',
    'tinjau.intro': 'RW selections sent by a camat, lurah or puskesmas wait for your decision. Check the RWs and their conflicts, then approve or reject with a note.',
    'tinjau.map': 'Map of the RWs of the selection under review; conflicting RWs outlined purple',
    'tinjau.queue': 'Waiting for review ({n})', 'tinjau.queue-none': 'No selection is waiting for your review. A selection reaches a puskesmas when all its RWs lie in the wilayah kerja of that puskesmas; one across several wilayah kerja (or proposed by a puskesmas itself) is reviewed by the Dinkes.',
    'tinjau.recent': 'Latest decisions', 'tinjau.recent-none': 'No decision yet.',
    'tinjau.item': '#{id} · {purpose}', 'tinjau.item-meta': '{from} – {to} · {n} RWs · {who} ({role})',
    'tinjau.submitted-at': 'sent {at}', 'tinjau.conflict-badge': 'Conflicts: {n}',
    'tinjau.review': 'Review #{id}', 'tinjau.show': 'Show #{id}',
    'tinjau.detail': 'Selection #{id}', 'tinjau.pick-one': 'Choose a selection from the queue to review.',
    'tinjau.proposer': 'Proposed by {who} ({role})', 'tinjau.period': 'Period: {from} – {to}',
    'tinjau.purpose': 'For: {purpose}', 'tinjau.reason': 'The proposer’s reason',
    'tinjau.rws': 'RWs in the selection ({n})', 'tinjau.rw-conflict': 'conflict',
    'tinjau.conflicts': 'Conflicts with other selections',
    'tinjau.conflicts-approved': 'Another selection for the same RW is already approved: this one can only be rejected (or corrected by its proposer).',
    'tinjau.note': 'Note on the decision', 'tinjau.note-hint': 'Required; read by the proposer.',
    'tinjau.approve': 'Approve', 'tinjau.reject': 'Reject',
    'tinjau.resolve': 'Approve this one and reject the conflicting ones ({ids})',
    'tinjau.need-note': 'Write a note on the decision.',
    'tinjau.approved': 'Selection #{id} approved.', 'tinjau.rejected': 'Selection #{id} rejected.',
    'tinjau.resolved': 'Selection #{id} approved; rejected as conflicting: {ids}.',
    'tinjau.decided': 'Decision: {state} by {who}', 'tinjau.history': 'History',
    'tinjau.legend-selected': 'RWs of this selection', 'tinjau.legend-conflict': 'Conflicting RWs',
    'err.SelfReviewError': 'You cannot review a selection you proposed yourself ({who}).',
    'err.TargetSelectionConflictError': 'Cannot approve yet: other selections conflict with it.',
  },
});

const SELECTED_COLOR = '#2171b5';
const CONFLICT_COLOR = '#6a3d9a';

function reviewErrors(errors) {
  return errors.map((e) => {
    if (e.__typename === 'SelfReviewError') return t('err.SelfReviewError', { who: e.createdBy });
    if (e.__typename === 'TargetSelectionConflictError') return t('err.TargetSelectionConflictError');
    return errorText([e]);
  }).join(' ');
}

export default {
  id: 'tinjau',
  roles: ['DINKES_ADMIN', 'PUSKESMAS_STAFF'],
  async render(root, ctx) {
    const { me } = ctx;
    const kabkota = (me.scope[0] || '').slice(0, 5);
    const state = { queue: [], recent: [], current: null, names: new Map() };
    const message = h('p', { class: 'status', hidden: true });
    const mapBox = h('div', { class: 'map', id: 'tinjau-map' });
    const legend = h('div', { class: 'legend' },
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch', style: 'background:' + SELECTED_COLOR }), t('tinjau.legend-selected')),
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch swatch-line', style: 'border:3px dashed ' + CONFLICT_COLOR }), t('tinjau.legend-conflict')));
    const queueBox = h('section', { class: 'card', id: 'tinjau-queue', 'aria-labelledby': 'tinjau-queue-title' });
    const detail = h('section', { class: 'card', id: 'tinjau-detail', 'aria-labelledby': 'tinjau-detail-title' });
    const recentBox = h('section', { class: 'card', id: 'tinjau-recent' });
    const note = h('textarea', { id: 'tinjau-note', rows: 3, maxlength: 2000 });
    fill(root,
      h('h1', {}, t('tinjau.title')),
      h('p', { class: 'muted' }, t('tinjau.intro')),
      message,
      h('div', { class: 'split' },
        h('div', { class: 'map-column' }, mapBox, legend),
        h('div', { class: 'panel' }, queueBox, detail, recentBox)));

    const map = await createMap(mapBox, { label: t('tinjau.map') });
    const base = await addBoundaries(map, me.scope.length === 1 ? me.scope[0] : kabkota, { rwLabelZoom: 14 });
    base.kelurahan.features.forEach((f) => state.names.set(f.properties.code, f.properties.name));
    map.addLayer({ id: 'tinjau-conflict', type: 'line', source: 'rw', filter: ['in', ['get', 'code'], ['literal', []]],
      paint: { 'line-color': CONFLICT_COLOR, 'line-width': 3.5, 'line-dasharray': [2, 1] } });
    const label = (code) => rwLabel(code, state.names);

    function paintMap() {
      const sel = state.current;
      const colors = {};
      (sel ? sel.rwCodes : []).forEach((code) => { colors[code] = SELECTED_COLOR; });
      colorRws(map, colors, '#ffffff');
      map.setPaintProperty('rw-fill', 'fill-opacity', ['case', ['in', ['get', 'code'], ['literal', sel ? sel.rwCodes : []]], 0.75, 0.35]);
      map.setFilter('tinjau-conflict', ['in', ['get', 'code'], ['literal', sel ? sel.conflicts.map((c) => c.rwCode) : []]]);
    }

    function focusOn(sel) {
      const features = base.rw.features.filter((f) => sel.rwCodes.includes(f.properties.code));
      if (!features.length) return;
      const bounds = new maplibregl.LngLatBounds();
      const walk = (c) => (typeof c[0] === 'number' ? bounds.extend(c) : c.forEach(walk));
      features.forEach((f) => walk(f.geometry.coordinates));
      map.fitBounds(bounds, { padding: 40, maxZoom: 15, duration: 0 });
    }

    function itemOf(s, current) {
      return h('li', { dataset: { id: s.id }, 'aria-current': current ? 'true' : false },
        h('div', {}, h('strong', {}, t('tinjau.item', { id: s.id, purpose: t('purpose.' + s.purpose) })), ' ', stateBadge(s.state),
          s.conflicts.length ? [' ', h('span', { class: 'badge' }, t('tinjau.conflict-badge', { n: new Set(s.conflicts.map((c) => c.selectionId)).size }))] : null),
        h('div', { class: 'muted' }, t('tinjau.item-meta', { from: fmtDate(s.periodFrom), to: fmtDate(s.periodTo), n: s.rwCodes.length,
          who: s.createdBy, role: t('role.' + s.createdRole) }), s.submittedAt ? ' · ' + t('tinjau.submitted-at', { at: fmtDate(s.submittedAt, { time: true }) }) : null),
        h('button', { type: 'button', dataset: { review: s.id }, onclick: () => run(() => open(s.id)) },
          s.state === 'SUBMITTED' ? t('tinjau.review', { id: s.id }) : t('tinjau.show', { id: s.id })));
    }

    function renderQueue() {
      fill(queueBox,
        h('h2', { id: 'tinjau-queue-title' }, t('tinjau.queue', { n: state.queue.length })),
        state.queue.length ? h('ul', { class: 'queue' }, state.queue.map((s) => itemOf(s, state.current && state.current.id === s.id)))
          : h('p', { class: 'muted', id: 'tinjau-queue-empty' }, t('tinjau.queue-none')));
      fill(recentBox,
        h('h2', {}, t('tinjau.recent')),
        state.recent.length ? h('ul', { class: 'queue', id: 'tinjau-recent-list' }, state.recent.map((s) => itemOf(s, state.current && state.current.id === s.id)))
          : h('p', { class: 'muted' }, t('tinjau.recent-none')));
    }

    function renderDetail() {
      const sel = state.current;
      if (!sel) {
        fill(detail, h('h2', { id: 'tinjau-detail-title', tabindex: -1 }, t('tinjau.detail', { id: '–' })), h('p', { class: 'muted' }, t('tinjau.pick-one')));
        return;
      }
      const conflictRws = new Set(sel.conflicts.map((c) => c.rwCode));
      const others = [...new Set(sel.conflicts.map((c) => c.selectionId))];
      const approvedConflict = sel.conflicts.some((c) => c.state === 'APPROVED');
      const open = sel.state === 'SUBMITTED';
      fill(detail,
        h('div', { class: 'editor-head' }, h('h2', { id: 'tinjau-detail-title', tabindex: -1 }, t('tinjau.detail', { id: sel.id })), stateBadge(sel.state)),
        h('p', {}, t('tinjau.proposer', { who: sel.createdBy, role: t('role.' + sel.createdRole) }), h('br'),
          t('tinjau.purpose', { purpose: t('purpose.' + sel.purpose) }), h('br'),
          t('tinjau.period', { from: fmtDate(sel.periodFrom), to: fmtDate(sel.periodTo) })),
        h('h3', {}, t('tinjau.reason')), h('p', { class: 'reason' }, sel.reason),
        h('h3', {}, t('tinjau.rws', { n: sel.rwCodes.length })),
        h('ul', { class: 'rw-list', id: 'tinjau-rws' }, sel.rwCodes.map((code) => h('li', {}, label(code),
          conflictRws.has(code) ? [' ', h('span', { class: 'badge' }, t('tinjau.rw-conflict'))] : null))),
        sel.conflicts.length ? h('div', { class: 'conflict-box', role: 'note', id: 'tinjau-conflicts' },
          h('h3', {}, t('tinjau.conflicts')), conflictList(sel.conflicts, state.names),
          approvedConflict ? h('p', {}, t('tinjau.conflicts-approved')) : null) : null,
        sel.reviewedBy ? h('p', { class: 'review-note', id: 'tinjau-decision' }, t('tinjau.decided', { state: t('state.' + sel.state), who: sel.reviewedBy }),
          sel.reviewNote ? [': ', h('q', {}, sel.reviewNote)] : null) : null,
        open ? h('div', { class: 'decision' },
          field(t('tinjau.note'), note, t('tinjau.note-hint')),
          h('div', { class: 'actions' },
            sel.conflicts.length
              ? (approvedConflict ? null : h('button', { type: 'button', class: 'primary', id: 'tinjau-resolve', onclick: () => run(resolve) }, t('tinjau.resolve', { ids: others.map((id) => '#' + id).join(', ') })))
              : h('button', { type: 'button', class: 'primary', id: 'tinjau-approve', onclick: () => run(() => review('APPROVE')) }, t('tinjau.approve')),
            h('button', { type: 'button', class: 'danger', id: 'tinjau-reject', onclick: () => run(() => review('REJECT')) }, t('tinjau.reject')))) : null,
        sel.history ? h('details', { id: 'tinjau-history' }, h('summary', {}, t('tinjau.history')), historyList(sel)) : null);
    }

    async function loadLists() {
      const [queue, recent] = await Promise.all([
        gql('tinjau', 'TinjauQueue', { filter: { needsMyReview: true }, orderBy: { field: 'SUBMITTED_AT', direction: 'ASC' }, first: 100 }),
        gql('tinjau', 'TinjauQueue', { filter: { states: ['APPROVED', 'REJECTED'] }, orderBy: { field: 'SUBMITTED_AT', direction: 'DESC' }, first: 8 }),
      ]);
      state.queue = queue.targetSelections.edges.map((e) => e.node);
      state.recent = recent.targetSelections.edges.map((e) => e.node);
    }

    async function open(id) {
      state.current = (await gql('tinjau', 'TinjauSelection', { id })).targetSelection;
      note.value = '';
      ctx.setParams(state.current ? { pilihan: state.current.id } : {});
      if (state.current) focusOn(state.current);
    }

    async function run(action) {
      status(message, '');
      root.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      try {
        await action();
      } catch (e) {
        status(message, t('app.error', { message: e.message }), 'error');
      }
      renderQueue();
      renderDetail();
      paintMap();
      detail.querySelector('h2').focus();
    }

    async function review(decision) {
      if (!note.value.trim()) { status(message, t('tinjau.need-note'), 'error'); return; }
      const sel = state.current;
      const payload = (await gql('tinjau', 'TinjauReview', { input: { id: sel.id, version: sel.version, decision, note: note.value.trim() } })).reviewTargetSelection;
      if (payload.errors.length) { status(message, reviewErrors(payload.errors), 'error'); return; }
      await Promise.all([loadLists(), open(sel.id)]);
      status(message, t(decision === 'APPROVE' ? 'tinjau.approved' : 'tinjau.rejected', { id: sel.id }), 'ok');
    }

    async function resolve() {
      if (!note.value.trim()) { status(message, t('tinjau.need-note'), 'error'); return; }
      const sel = state.current;
      // The versions of the conflicting selections as read now: a selection changed since is refused, not rejected blindly.
      const ids = [...new Set(sel.conflicts.map((c) => c.selectionId))];
      const reject = await Promise.all(ids.map(async (id) => {
        const other = (await gql('tinjau', 'TinjauSelection', { id })).targetSelection;
        return { id, version: other.version };
      }));
      const payload = (await gql('tinjau', 'TinjauResolve', { input: { approveId: sel.id, version: sel.version, note: note.value.trim(), reject } })).resolveTargetSelectionConflicts;
      if (payload.errors.length) { status(message, reviewErrors(payload.errors), 'error'); return; }
      await Promise.all([loadLists(), open(sel.id)]);
      status(message, t('tinjau.resolved', { id: sel.id, ids: payload.rejected.map((r) => '#' + r.id).join(', ') }), 'ok');
    }

    await loadLists();
    const wanted = ctx.params.get('pilihan') || (state.queue[0] && state.queue[0].id);
    if (wanted) await open(wanted);
    renderQueue();
    renderDetail();
    paintMap();
    await idle(map);
  },
};
