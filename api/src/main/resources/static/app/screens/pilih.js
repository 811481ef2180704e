// Placeholder until the screen lands (issue 18).
import { h, fill } from '../lib/dom.js';
import { t } from '../lib/i18n.js';

export default {
  id: 'pilih',
  roles: ['DINKES_ADMIN', 'PLANNER', 'CAMAT', 'LURAH', 'PUSKESMAS_STAFF', 'KADER'],
  async render(root) {
    fill(root, h('h1', {}, t('nav.pilih')));
  },
};
