// The screens of the app, in menu order. Each module exports default { id, roles, render(root, ctx) }:
// id is the hash path (#/peta) and the name of its GraphQL document (/app/graphql/<id>.graphql); roles are the roles
// that see it in the menu and may open it (the server decides what each may read or change, per field).
import masuk from './masuk.js';
import peta from './peta.js';
import pilih from './pilih.js';
import tinjau from './tinjau.js';
import pusling from './pusling.js';
import jadwal from './jadwal.js';
import rapat from './rapat.js';

export const SCREENS = [masuk, peta, pilih, tinjau, pusling, jadwal, rapat];
