// crossfire live desk: a headline per active exchange and pile-on, the newest change on top, each
// opening into its card. Plain JavaScript modules, no libraries, nothing from elsewhere:
//   feed.js   the connection (server-sent events, the lists, the access token)
//   desk.js   what the page knows and has noted (changes, what the editor has seen)
//   view.js   the rows and cards; chart.js the hostility chart; notify.js sound and notifications

import { Desk, rank } from './desk.js';
import { firstWords } from './dom.js';
import { Feed, Unauthorized } from './feed.js';
import { Notifier } from './notify.js';
import { refreshTimes, replaying, setNewestTurn, newest, time, when } from './time.js';
import { fillHeadline, involves, renderCard, title } from './view.js';

const PENDING_MAX = 1000; // events held while the lists are read; more, and the page reconnects and reads afresh
const EVENT_KINDS = { alert: 'exchange', pileon: 'pileon' };
const TIMINGS_KEPT = 1000;
const WIDE = matchMedia('(min-width: 48rem)'); // as style.css: cards indented under the figures

const $ = (id) => document.getElementById(id);
const html = document.documentElement;
const list = $('desk');
const empty = $('empty');
const EMPTY_TEXT = empty.textContent;
const status = $('status');
const banner = $('offline');
const figureFilter = $('figure-filter');
const showQuiet = $('show-quiet');
const quietCount = $('quiet-count');
const markSeen = $('mark-seen');
const replayNote = $('replay');

// set once per page load: a test (or a curious editor) can tell that updates came without a reload
html.dataset.loadedAt = String(Date.now());
$('zone').textContent = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';

const desk = new Desk(localStorage);
const open = new Set(); // keys of the rows whose card is open
const expanded = new Set(); // keys of the cards that show all their turns
const rows = new Map(); // key -> { li, button, card, sig, cardSig }
let selected = null; // the row j/k are on
let rowSerial = 0;

// ---- the connection ----

let pending = null; // events after "hello" and before the lists were read: applied on top of them
let streams = 0; // streams opened so far: only the latest one's reading of the lists is applied
let offlineSince = null;
let retryAt = 0;
let streamLive = false; // between a stream's hello and its end

const feed = new Feed({
  hello: onHello,
  event: onEvent,
  heard: () => {
    if (streamLive) desk.heard();
  },
  ended: () => { // the server ends each stream after a while; the page reconnects at once and stays live
    streamLive = false;
  },
  lost: (reason, retryInMs) => {
    streamLive = false;
    goOffline(reason, retryInMs);
  },
  token: (text) => setStatus('token', text),
}, $('token-form'), $('token-input'));

const notifier = new Notifier($('notify-sound'), $('notify-desktop'), $('notify-desktop-label'), $('notify-note'), (key) => {
  open.add(key);
  select(key);
});

function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

/** A dead connection is plain to see: a banner, and the rows greyed, until the stream is back. */
function goOffline(reason, retryInMs) {
  if (offlineSince === null) offlineSince = Date.now();
  retryAt = Date.now() + retryInMs;
  document.body.dataset.connection = 'offline';
  banner.hidden = false;
  $('offline-since').textContent = new Date(offlineSince).toLocaleTimeString();
  $('offline-reason').textContent = reason;
  setStatus('offline', 'offline');
  tickOffline();
}

function tickOffline() {
  if (offlineSince === null) return;
  const left = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
  $('offline-retry').textContent = left > 0 ? 'Trying again in ' + left + ' s.' : 'Trying again…';
}
setInterval(tickOffline, 1000);

function backOnline() {
  offlineSince = null;
  document.body.dataset.connection = 'live';
  banner.hidden = true;
}

$('retry-now').addEventListener('click', () => feed.retryNow());
window.addEventListener('online', () => feed.retryNow());

function onHello() {
  const away = desk.away(); // before this stream's first bytes count as heard
  streamLive = true;
  backOnline();
  desk.heard();
  setStatus('live', 'live');
  pending = [];
  const stream = ++streams;
  html.dataset.streams = String(stream); // how many times the page has (re)connected
  readLists(stream, away);
}

/** Reads the exchanges and the pile-ons for stream number {@code stream}; a newer stream's reading supersedes it. */
async function readLists(stream, away) {
  const [exchanges, pileons] = await Promise.allSettled([feed.read('../exchanges?limit=1000'), feed.read('../pileons?limit=1000')]);
  if (stream !== streams) return; // the events held since then belong to the newer stream's reading
  const started = performance.now();
  const raised = [];
  const problems = [];
  let refused = false;
  for (const [kind, result, field, words] of [['exchange', exchanges, 'exchanges', 'exchanges'], ['pileon', pileons, 'pileons', 'pile-ons']]) {
    if (result.status === 'fulfilled') {
      // null: a server from before pile-ons has no such list, and nothing to show from it
      const body = result.value;
      raised.push(...desk.replace(kind, body ? body[field] || [] : [], away));
      if (body && body.partial) problems.push('some instances did not answer for the ' + words + ': ' + (body.failedInstances || []).join(', '));
    } else if (result.reason instanceof Unauthorized) {
      refused = true;
    } else {
      problems.push('could not read the ' + words + ' (' + result.reason.message + '); showing alerts as they come');
    }
  }
  if (exchanges.status === 'fulfilled') desk.endBaseline();
  const held = pending || [];
  pending = null;
  for (const [kind, json] of held) {
    const item = desk.applyAlert(kind, json);
    if (item) raised.push(item);
  }
  announce(raised);
  render();
  timed('crossfire:reading', started, { items: desk.items.size });
  if (problems.length) setStatus('live', 'live (' + problems.join('; ') + ')');
  if (refused) feed.askForToken().then(onHello);
}

function onEvent(type, json) {
  const kind = EVENT_KINDS[type];
  if (!kind) return; // an event of a newer server
  if (pending !== null) {
    if (pending.length >= PENDING_MAX) {
      pending = null;
      throw new Error(PENDING_MAX + ' alerts came while the lists were read');
    }
    pending.push([kind, json]);
    return;
  }
  const started = performance.now();
  const item = desk.applyAlert(kind, json);
  if (item) announce([item]);
  renderSoon();
  timed('crossfire:alert', started, { key: kind + ':' + (json.exchangeId || json.pileOnId), items: desk.items.size });
}

function announce(items) {
  notifier.announce(items.filter((i) => i.level === 'SEVERE').map((i) => {
    const turns = i.turns || [];
    return { key: i.key, title: 'SEVERE: ' + title(i), body: turns.length ? firstWords(turns[turns.length - 1].text, 140) : '' };
  }));
}

/**
 * How long from taking in a reading or an alert until the next frame is drawn, as performance
 * measures (the browser's developer tools show them; the browser test prints them); and each
 * render's own script time, 'crossfire:render'.
 */
function timed(name, start, detail) {
  requestAnimationFrame(() => setTimeout(() => record(name, { start, end: performance.now(), detail }), 0));
}

/** A performance measure; a desk stays open for days, so past 1,000 of a name they start again from none. */
function record(name, measure) {
  if (performance.getEntriesByName(name, 'measure').length >= TIMINGS_KEPT) performance.clearMeasures(name);
  performance.measure(name, measure);
}

// ---- drawing ----

let renderQueued = false;
/** Events read from one chunk of the stream are drawn once, after the last of them. */
function renderSoon() {
  if (renderQueued) return;
  renderQueued = true;
  queueMicrotask(() => {
    renderQueued = false;
    render();
  });
}

function render() {
  const started = performance.now();
  const all = desk.ordered();
  const feedMoved = setNewestTurn(all.reduce((max, i) => Math.max(max, time(i.lastActivityAt)), 0));
  replayNote.hidden = !replaying();
  if (!replayNote.hidden) $('replay-newest').textContent = when(newest());
  const quiet = all.filter((i) => !rank(i.level)).length;
  quietCount.textContent = quiet ? '(' + quiet + ')' : '';
  const wanted = figureFilter.value.trim().toLowerCase();
  const shown = all.filter((i) => (showQuiet.checked || rank(i.level)) && involves(i, wanted));
  if (selected && !shown.some((i) => i.key === selected)) selected = null;

  const focused = document.activeElement;
  const keep = new Set(shown.map((i) => i.key));
  for (const [key, row] of rows) {
    if (!keep.has(key)) {
      row.li.remove();
      rows.delete(key);
    }
  }
  let cursor = list.firstElementChild;
  for (const item of shown) {
    const row = drawRow(item);
    // only rows out of place move: a new alert on top is one insertion, not a redraw of the list
    if (row.li === cursor) cursor = cursor.nextElementSibling;
    else list.insertBefore(row.li, cursor);
  }
  if (focused && focused !== document.activeElement && focused.isConnected) focused.focus({ preventScroll: true });
  if (feedMoved) refreshTimes(list, 'feed'); // lines drawn earlier counted back from an older newest turn
  rovingTab(shown);

  empty.hidden = shown.length > 0;
  empty.textContent = wanted ? 'Nothing shown involves “' + figureFilter.value.trim() + '”.' : EMPTY_TEXT;
  const active = all.filter((i) => rank(i.level));
  const unseen = active.filter((i) => desk.unseen(i)).length;
  markSeen.hidden = unseen === 0;
  markSeen.textContent = unseen + ' new · mark all seen';
  html.dataset.items = String(shown.length);
  document.title = (unseen ? '(' + unseen + ') ' : '') + (active.some((i) => i.level === 'SEVERE') ? '● ' : '') + 'crossfire · '
    + active.length + ' active';
  record('crossfire:render', { start: started, end: performance.now(), detail: { rows: shown.length } });
}

function drawRow(item) {
  let row = rows.get(item.key);
  if (!row) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'headline';
    button.tabIndex = -1;
    li.append(button);
    row = { li, button, card: null, sig: null, cardSig: null, cardId: 'card-' + ++rowSerial };
    li.dataset.key = item.key;
    li.dataset.kind = item.kind;
    li.dataset.id = item.id;
    button.setAttribute('aria-controls', row.cardId);
    rows.set(item.key, row);
  }
  const unseen = desk.unseen(item);
  const change = desk.change(item);
  const isOpen = open.has(item.key);
  const sig = [item.version, unseen, change ? change.at + '/' + change.away : '', isOpen, selected === item.key].join('|');
  if (row.sig !== sig) {
    row.li.className = 'row ' + item.kind + (unseen ? ' unseen' : '') + (isOpen ? ' open' : '') + (rank(item.level) ? '' : ' quiet')
      + (selected === item.key ? ' selected' : '');
    row.li.dataset.level = item.level || '';
    row.li.dataset.changedAt = change ? String(change.at) : '';
    row.button.setAttribute('aria-expanded', String(isOpen));
    fillHeadline(row.button, item, change, unseen);
    row.sig = sig;
  }
  if (isOpen) {
    const cardSig = item.version + '|' + expanded.has(item.key);
    if (row.cardSig !== cardSig) {
      const card = renderCard(item, expanded.has(item.key), list.clientWidth - (WIDE.matches ? 150 : 30)); // the card's own padding
      card.id = row.cardId;
      const hadFocus = row.card && row.card.contains(document.activeElement) ? document.activeElement.dataset.action : null;
      if (row.card) row.card.replaceWith(card);
      else row.li.append(card);
      row.card = card;
      row.cardSig = cardSig;
      const again = hadFocus && card.querySelector('[data-action="' + hadFocus + '"]');
      if (again) again.focus({ preventScroll: true });
    }
  } else if (row.card) {
    row.card.remove();
    row.card = null;
    row.cardSig = null;
  }
  return row;
}

/** One headline is in the tab order: the selected one, else the first. */
function rovingTab(shown) {
  const key = selected || (shown[0] && shown[0].key);
  for (const [k, row] of rows) {
    const tab = k === key ? 0 : -1;
    if (row.button.tabIndex !== tab) row.button.tabIndex = tab;
  }
}

// ---- the editor's moves ----

/** Puts j/k on a row, and the row counts as seen: its headline is in front of the editor. */
function select(key, focus = true) {
  selected = key;
  const item = desk.items.get(key);
  if (item) desk.markSeen(item);
  render();
  const row = rows.get(key);
  if (row && focus) {
    row.button.focus({ preventScroll: true });
    row.li.scrollIntoView({ block: 'nearest' });
  }
}

function toggle(key) {
  if (open.has(key)) open.delete(key);
  else open.add(key);
  select(key);
}

function move(step) {
  const order = [...list.children];
  if (order.length === 0) return;
  const at = order.findIndex((li) => li.dataset.key === selected);
  const next = at < 0 ? (step > 0 ? 0 : order.length - 1) : Math.max(0, Math.min(order.length - 1, at + step));
  select(order[next].dataset.key);
}

list.addEventListener('click', (e) => {
  const button = e.target.closest('button');
  const li = button && button.closest('li.row');
  if (!li || !list.contains(li)) return;
  const key = li.dataset.key;
  if (button.classList.contains('headline')) {
    toggle(key);
  } else if (button.dataset.action === 'turns') {
    if (expanded.has(key)) expanded.delete(key);
    else expanded.add(key);
    render();
  }
});

const TYPING = 'input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), textarea, select, [contenteditable]';

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.defaultPrevented) return;
  const typing = e.target instanceof Element && e.target.matches(TYPING);
  if (e.key === 'Escape') {
    if (e.target === figureFilter) {
      e.preventDefault();
      figureFilter.blur();
      backToList();
    } else if (!typing && selected && open.has(selected)) {
      toggle(selected);
    }
    return;
  }
  if (e.key === 'Enter' && e.target === figureFilter) {
    e.preventDefault();
    backToList();
    return;
  }
  if (typing) return;
  if (e.key === 'j' || e.key === 'k') {
    e.preventDefault();
    move(e.key === 'j' ? 1 : -1);
  } else if (e.key === '/') {
    e.preventDefault();
    figureFilter.focus();
    figureFilter.select();
  } else if (e.key === 'Enter' && selected && !(e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement)) {
    e.preventDefault(); // on a headline the button's own click does it
    toggle(selected);
  }
});

function backToList() {
  const first = list.firstElementChild;
  if (selected && rows.has(selected)) select(selected);
  else if (first) select(first.dataset.key);
}

markSeen.addEventListener('click', () => {
  desk.markAllSeen();
  render();
});

// the filter lives in the address (?figure=...), so a page that follows one figure can be bookmarked or shared
figureFilter.value = new URLSearchParams(location.search).get('figure') || '';
figureFilter.addEventListener('input', () => {
  const query = new URLSearchParams(location.search);
  const value = figureFilter.value.trim();
  if (value) query.set('figure', value);
  else query.delete('figure');
  const search = query.toString();
  history.replaceState(null, '', location.pathname + (search ? '?' + search : ''));
  render();
});

const QUIET_KEY = 'crossfire.showQuiet';
showQuiet.checked = localStorage.getItem(QUIET_KEY) === 'true';
showQuiet.addEventListener('change', () => {
  localStorage.setItem(QUIET_KEY, String(showQuiet.checked));
  render();
});

setInterval(() => refreshTimes(list), 30000);

// the options fold away on a phone; on a desk they sit in the row, which needs the details open
const options = $('options');
options.open = WIDE.matches;
WIDE.addEventListener('change', () => {
  options.open = WIDE.matches;
});

// open cards' charts are drawn at the width they are shown at: again when that changes
let resized = null;
window.addEventListener('resize', () => {
  clearTimeout(resized);
  resized = setTimeout(() => {
    for (const row of rows.values()) row.cardSig = null;
    render();
  }, 200);
});
window.addEventListener('pagehide', () => desk.flush());

render();
feed.follow();
