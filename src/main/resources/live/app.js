// crossfire live view: the active exchanges, most heated first, kept up to date from the server's
// events. Plain JavaScript, no libraries. Data comes from two places on the same origin:
//   ../exchanges    the exchanges as they stand (read at every (re)connection of the stream)
//   events          server-sent events: "hello" when the stream opens, then one "alert" per alert
// The stream is read with fetch rather than EventSource so that the access token travels in the
// Authorization header, never in an address.
'use strict';

(() => {
  const LEVELS = { NOTICE: 1, ESCALATING: 2, SEVERE: 3 };
  const TOKEN_KEY = 'crossfire.token';
  const QUIET_KEY = 'crossfire.showQuiet';
  const RAISED_SHOWN_MS = 15 * 60 * 1000; // how long "raised ... (was ...)" stays on a card
  const TURNS_SHOWN = 6;
  const SVG = 'http://www.w3.org/2000/svg';
  const PENDING_MAX = 1000; // alerts held while the exchanges are read; more, and the page reconnects and reads afresh
  const EVENT_MAX_CHARS = 4 * 1024 * 1024; // an alert is a few KiB; a stream without event ends is broken
  const REPLAY_BEHIND_MS = 24 * 36e5; // a feed whose newest turn is this far behind the clock is a replay

  const list = document.getElementById('exchanges');
  const empty = document.getElementById('empty');
  const EMPTY_TEXT = empty.textContent;
  const status = document.getElementById('status');
  const tokenForm = document.getElementById('token-form');
  const tokenInput = document.getElementById('token-input');
  const showQuiet = document.getElementById('show-quiet');
  const figureFilter = document.getElementById('figure-filter');
  const quietCount = document.getElementById('quiet-count');
  const replayNote = document.getElementById('replay');
  const replayNewest = document.getElementById('replay-newest');
  let newestTurn = 0; // the newest turn on the page, in ms: the feed's own clock
  document.getElementById('zone').textContent = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';

  // set once per page load: a test (or a curious editor) can tell that updates came without a reload
  document.documentElement.dataset.loadedAt = String(Date.now());

  /** exchangeId -> exchange as the API or an alert gives it, plus what this page noted (raisedAt, wasLevel, version) */
  let exchanges = new Map();
  /** alerts received after "hello" and before the exchanges were read: applied on top of them */
  let pending = null;
  /** streams opened so far: only the latest one's reading of the exchanges is applied */
  let streams = 0;
  let version = 0;
  const cards = new Map(); // exchangeId -> { el, version }

  // ---- access token: from #token=..., or asked for; kept for this tab only ----

  let token = sessionStorage.getItem(TOKEN_KEY);
  let tokenWanted = null; // resolves the one pending request for a token
  let tokenAsked = null;

  /** Takes a token given as #token=... (at load, or pasted into the open page's address). */
  function takeTokenFromFragment() {
    const given = new URLSearchParams(location.hash.slice(1)).get('token');
    if (!given) {
      return;
    }
    history.replaceState(null, '', location.pathname + location.search); // out of the address bar and history
    useToken(given);
  }

  function useToken(value) {
    token = value;
    sessionStorage.setItem(TOKEN_KEY, token);
    tokenForm.hidden = true;
    if (tokenWanted) {
      const resolve = tokenWanted;
      tokenWanted = null;
      resolve();
    }
  }
  takeTokenFromFragment();
  window.addEventListener('hashchange', takeTokenFromFragment);

  function authHeaders(extra) {
    const headers = Object.assign({}, extra);
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    return headers;
  }

  /** Shows the token form; every caller waits for the same answer. */
  function askForToken() {
    if (!tokenAsked) {
      setStatus('token', token ? 'the access token was refused' : 'an access token is needed');
      tokenForm.hidden = false;
      tokenInput.focus();
      tokenAsked = new Promise((resolve) => { tokenWanted = resolve; }).then(() => { tokenAsked = null; });
    }
    return tokenAsked;
  }

  tokenForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = tokenInput.value.trim();
    tokenInput.value = '';
    useToken(value);
  });

  class Unauthorized extends Error {}

  // ---- the stream ----

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function follow() {
    let backoff = 1000;
    for (;;) {
      let retryAfter = backoff;
      try {
        const response = await fetch('events', { headers: authHeaders({ Accept: 'text/event-stream' }), cache: 'no-store' });
        if (response.status === 401) {
          await askForToken();
          continue;
        }
        if (!response.ok || !response.body) {
          throw new Error('the server answered ' + response.status);
        }
        let serverRetry = null;
        await readEvents(response.body, (event) => {
          if (event.retry !== null) {
            serverRetry = event.retry;
          }
          if (event.type === 'hello') {
            backoff = 1000;
            onHello();
          } else if (event.type === 'alert') {
            onAlert(JSON.parse(event.data));
          }
        });
        // the server ends each stream after a while: reconnect soon and read the exchanges afresh
        retryAfter = serverRetry === null ? 1000 : serverRetry;
      } catch (e) {
        if (e instanceof Unauthorized) {
          await askForToken();
          continue;
        }
        backoff = Math.min(backoff * 2, 30000);
        setStatus('retrying', 'offline (' + e.message + '); retrying in ' + Math.round(retryAfter / 1000) + ' s');
      }
      await sleep(retryAfter);
    }
  }

  /** Calls onEvent({type, data, retry}) for each event of a text/event-stream body, until it ends. */
  async function readEvents(body, onEvent) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      await readBlocks(reader, onEvent);
    } catch (e) {
      reader.cancel().catch(() => {}); // closes the connection, which frees the server's slot
      throw e;
    }
  }

  async function readBlocks(reader, onEvent) {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value.replace(/\r\n?/g, '\n');
      if (buffer.length > EVENT_MAX_CHARS) {
        throw new Error('an event of over 4 MiB');
      }
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = { type: 'message', data: '', retry: null };
        const data = [];
        for (const line of block.split('\n')) {
          if (line === '' || line.startsWith(':')) {
            continue; // comments are the server's heartbeats
          }
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event.type = val;
          else if (field === 'data') data.push(val);
          else if (field === 'retry' && /^\d+$/.test(val)) event.retry = Number(val);
        }
        event.data = data.join('\n');
        if (data.length > 0 || event.type !== 'message' || event.retry !== null) {
          onEvent(event);
        }
      }
    }
  }

  function onHello() {
    setStatus('live', 'live');
    pending = [];
    const stream = ++streams;
    document.documentElement.dataset.streams = String(stream); // how many times the page has (re)connected
    loadExchanges(stream).catch((e) => {
      if (stream !== streams) return; // a newer stream reads the exchanges again
      const alerts = pending || [];
      pending = null;
      alerts.forEach((alert) => apply(alert, true));
      render();
      if (e instanceof Unauthorized) {
        askForToken().then(onHello);
        return;
      }
      setStatus('retrying', 'could not read the exchanges (' + e.message + '); showing alerts as they come');
    });
  }

  function onAlert(alert) {
    if (pending !== null) {
      if (pending.length >= PENDING_MAX) {
        pending = null;
        throw new Error(PENDING_MAX + ' alerts came while the exchanges were read');
      }
      pending.push(alert);
      return;
    }
    apply(alert, true);
    render();
  }

  /** Reads the exchanges for stream number {@code stream}; a newer stream's reading supersedes it. */
  async function loadExchanges(stream) {
    const response = await fetch('../exchanges?limit=1000', { headers: authHeaders({ Accept: 'application/json' }), cache: 'no-store' });
    if (response.status === 401) {
      throw new Unauthorized();
    }
    if (!response.ok) {
      throw new Error('the server answered ' + response.status);
    }
    const body = await response.json();
    if (stream !== streams) {
      return; // the alerts held since then belong to the newer stream's reading
    }
    const next = new Map();
    for (const e of body.exchanges || []) {
      const before = exchanges.get(e.exchangeId);
      next.set(e.exchangeId, remember(e, before));
    }
    exchanges = next;
    const alerts = pending || [];
    pending = null;
    for (const alert of alerts) {
      apply(alert, true);
    }
    if (body.partial) {
      setStatus('live', 'live (some instances did not answer: ' + (body.failedInstances || []).join(', ') + ')');
    }
    render();
  }

  /** Keeps what this page noted about an exchange across fresh reads. */
  function remember(e, before) {
    const same = before && rank(before.level) === rank(e.level) && before.lastActivityAt === e.lastActivityAt
      && (before.turns || []).length === (e.turns || []).length && before.score === e.score;
    e.version = same ? before.version : ++version;
    if (before && before.raisedAt) {
      e.raisedAt = before.raisedAt;
      e.wasLevel = before.wasLevel;
    }
    return e;
  }

  /** An alert is the exchange as it stood when it reached a level: newer turns win, the level only rises. */
  function apply(alert, live) {
    const before = exchanges.get(alert.exchangeId);
    const fresher = !before || time(alert.lastActivityAt) >= time(before.lastActivityAt);
    const e = Object.assign({}, fresher ? alert : before);
    e.level = rank(alert.level) >= rank(before && before.level) ? alert.level : before.level;
    e.version = ++version;
    if (live && rank(alert.level) > rank(before && before.level)) {
      e.raisedAt = Date.now();
      e.wasLevel = before ? before.level : alert.previousLevel;
      e.flash = true;
    } else if (before && before.raisedAt) {
      e.raisedAt = before.raisedAt;
      e.wasLevel = before.wasLevel;
    }
    exchanges.set(alert.exchangeId, e);
  }

  // ---- rendering ----

  const rank = (level) => LEVELS[level] || 0;
  const time = (iso) => (iso ? Date.parse(iso) : 0);

  function ranked() {
    return [...exchanges.values()].sort((x, y) => rank(y.level) - rank(x.level)
      || (y.score || 0) - (x.score || 0)
      || time(y.lastActivityAt) - time(x.lastActivityAt)
      || (x.exchangeId < y.exchangeId ? -1 : 1));
  }

  function render() {
    const all = ranked();
    const newest = Math.max(0, ...all.map((e) => time(e.lastActivityAt)));
    const feedMoved = newest !== newestTurn;
    newestTurn = newest;
    replayNote.hidden = !replaying(Date.now());
    if (!replayNote.hidden) replayNewest.textContent = when(new Date(newestTurn).toISOString());
    const quiet = all.filter((e) => !rank(e.level)).length;
    quietCount.textContent = quiet ? '(' + quiet + ')' : '';
    const wanted = figureFilter.value.trim().toLowerCase();
    const shown = (showQuiet.checked ? all : all.filter((e) => rank(e.level))).filter((e) => involves(e, wanted));
    const keep = new Set();
    for (const e of shown) {
      keep.add(e.exchangeId);
      let card = cards.get(e.exchangeId);
      if (!card || card.version !== e.version) {
        const el = renderCard(e);
        if (card) {
          card.el.replaceWith(el);
        }
        card = { el, version: e.version };
        cards.set(e.exchangeId, card);
      }
      if (e.flash) {
        e.flash = false;
        card.el.classList.remove('flash');
        void card.el.offsetWidth; // restart the animation
        card.el.classList.add('flash');
      }
      list.appendChild(card.el); // moves it into rank order
    }
    for (const [id, card] of cards) {
      if (!keep.has(id)) {
        card.el.remove();
        cards.delete(id);
      }
    }
    if (feedMoved) refreshTimes(); // cards drawn earlier counted back from an older newest turn
    empty.hidden = shown.length > 0;
    empty.textContent = wanted ? 'No exchange shown involves “' + figureFilter.value.trim() + '”.' : EMPTY_TEXT;
    document.title = (all.some((e) => e.level === 'SEVERE') ? '● ' : '') + 'crossfire · ' + all.filter((e) => rank(e.level)).length
      + ' active exchanges';
  }

  /** Whether one of the exchange's two figures has {@code wanted} (lower case) in its name or id; true for "". */
  function involves(e, wanted) {
    return !wanted || (e.figures || []).some((f) => String(f.name || '').toLowerCase().includes(wanted)
      || String(f.id || '').toLowerCase().includes(wanted));
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  function renderCard(e) {
    const figures = e.figures || [];
    const a = figures[0] || { id: '?', name: '?' };
    const b = figures[1] || { id: '?', name: '?' };
    const names = new Map(figures.map((f) => [f.id, f.name]));
    const side = (figureId) => (figureId === a.id ? 'a' : 'b');

    const card = el('li', 'exchange' + (rank(e.level) ? '' : ' quiet'));
    card.dataset.exchangeId = e.exchangeId;
    card.dataset.level = e.level || '';

    const head = el('div', 'head');
    head.appendChild(el('span', 'level level-' + (e.level || 'none'), e.level || 'watching'));
    const pair = el('h2', 'pair');
    pair.appendChild(el('span', 'a', a.name));
    pair.appendChild(el('span', 'vs', ' ↔ '));
    pair.appendChild(el('span', 'b', b.name));
    head.appendChild(pair);
    const score = el('span', 'score', 'score ');
    score.appendChild(el('b', null, typeof e.score === 'number' ? e.score.toFixed(2) : '–'));
    head.appendChild(score);
    card.appendChild(head);

    const meta = el('p', 'meta');
    if (e.raisedAt && Date.now() - e.raisedAt < RAISED_SHOWN_MS) {
      const raised = el('span', 'raised', 'raised to ' + e.level + ' ');
      raised.appendChild(since(e.raisedAt, Date.now));
      if (e.wasLevel) raised.appendChild(document.createTextNode(' (was ' + e.wasLevel + ')'));
      meta.appendChild(raised);
      meta.appendChild(document.createTextNode(' · '));
    }
    meta.appendChild(document.createTextNode('last turn '));
    meta.appendChild(since(time(e.lastActivityAt), feedNow));
    const turns = e.turns || [];
    const count = e.turnCount || turns.length;
    meta.appendChild(document.createTextNode(' · ' + count + (count === 1 ? ' turn' : ' turns') + ' since ' + when(e.startedAt)));
    card.appendChild(meta);

    if (turns.length) {
      card.appendChild(sparkline(turns, side, names));
      // a long exchange shows its latest turns; the earlier ones fold away above them
      const cut = Math.max(0, turns.length - TURNS_SHOWN);
      if (cut > 0) {
        const earlier = el('details', 'earlier');
        earlier.appendChild(el('summary', null, cut + (cut === 1 ? ' earlier turn' : ' earlier turns')));
        const ol = el('ol', 'turns');
        turns.slice(0, cut).forEach((t) => ol.appendChild(renderTurn(t, side, names)));
        earlier.appendChild(ol);
        card.appendChild(earlier);
      }
      const ol = el('ol', 'turns');
      turns.slice(cut).forEach((t) => ol.appendChild(renderTurn(t, side, names)));
      card.appendChild(ol);
    }

    if ((e.reasons || []).length) {
      const why = el('details', 'why');
      why.appendChild(el('summary', null, 'why this level'));
      const ul = el('ul');
      for (const r of e.reasons) {
        ul.appendChild(el('li', null, (r.label || r.code) + ': ' + r.detail));
      }
      why.appendChild(ul);
      card.appendChild(why);
    }
    return card;
  }

  function renderTurn(t, side, names) {
    const li = el('li', 'turn ' + side(t.figureId));
    li.dataset.postId = t.postId;
    const head = el('div', 'turn-head');
    const at = el('time', null, when(t.createdAt));
    at.dateTime = t.createdAt;
    head.appendChild(at);
    head.appendChild(el('span', 'who', (names.get(t.figureId) || t.figureId) + ' → ' + (names.get(t.targetFigureId) || t.targetFigureId)));
    head.appendChild(el('span', 'kind', t.kind));
    const h = el('span', 'hostility');
    h.title = 'hostility ' + t.hostility.toFixed(2) + ((t.cues || []).length ? ': ' + t.cues.join('; ') : '');
    const bar = svg('svg', { viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' });
    bar.appendChild(svg('rect', { class: 'track', x: 0, y: 0, width: 100, height: 10, rx: 3 }));
    bar.appendChild(svg('rect', { class: 'fill', x: 0, y: 0, width: Math.round(100 * clamp(t.hostility)), height: 10, rx: 3 }));
    h.appendChild(bar);
    h.appendChild(document.createTextNode('hostility ' + t.hostility.toFixed(2)));
    head.appendChild(h);
    li.appendChild(head);
    li.appendChild(el('p', 'text', t.text));
    const link = safeUrl(t.url);
    if (link) {
      const a = el('a', null, 'original post ↗');
      a.href = link;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      li.appendChild(a);
    } else {
      li.appendChild(el('span', 'turn-id', t.postId));
    }
    return li;
  }

  /** Hostility of each turn over time: a dot per turn in its figure's colour, joined in order. */
  function sparkline(turns, side, names) {
    const W = 300, H = 64, PAD_X = 8, PAD_Y = 6;
    const t0 = time(turns[0].createdAt);
    const t1 = time(turns[turns.length - 1].createdAt);
    const x = (t) => (t1 > t0 ? PAD_X + ((time(t) - t0) / (t1 - t0)) * (W - 2 * PAD_X) : W / 2);
    const y = (h) => PAD_Y + (1 - clamp(h)) * (H - 2 * PAD_Y);
    const chart = svg('svg', { class: 'spark', viewBox: '0 0 ' + W + ' ' + H, role: 'img' });
    const title = svg('title');
    title.textContent = 'hostility per turn: ' + turns.map((t) => (names.get(t.figureId) || t.figureId) + ' ' + t.hostility.toFixed(2)).join(', ');
    chart.appendChild(title);
    chart.appendChild(svg('rect', { class: 'band', x: 0, y: 0, width: W, height: y(0.5) }));
    chart.appendChild(svg('line', { class: 'axis', x1: 0, y1: H - PAD_Y, x2: W, y2: H - PAD_Y }));
    const top = svg('text', { x: 2, y: 10 });
    top.textContent = 'hostile';
    chart.appendChild(top);
    const bottom = svg('text', { x: 2, y: H - PAD_Y - 2 });
    bottom.textContent = 'civil';
    chart.appendChild(bottom);
    chart.appendChild(svg('polyline', { class: 'path', points: turns.map((t) => x(t.createdAt).toFixed(1) + ',' + y(t.hostility).toFixed(1)).join(' ') }));
    for (const t of turns) {
      const dot = svg('circle', { class: side(t.figureId), cx: x(t.createdAt).toFixed(1), cy: y(t.hostility).toFixed(1), r: 4.5 });
      const tip = svg('title');
      tip.textContent = (names.get(t.figureId) || t.figureId) + ', ' + when(t.createdAt) + ': hostility ' + t.hostility.toFixed(2);
      dot.appendChild(tip);
      chart.appendChild(dot);
    }
    return chart;
  }

  const clamp = (v) => Math.max(0, Math.min(1, Number(v) || 0));

  function safeUrl(url) {
    if (!url) return null;
    try {
      const u = new URL(url);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  function when(iso) {
    return iso ? dateFormat.format(new Date(iso)) : '';
  }

  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const UNITS = [['year', 31536e6], ['month', 2592e6], ['week', 6048e5], ['day', 864e5], ['hour', 36e5], ['minute', 6e4]];
  function ago(ms, clock) {
    const diff = ms - clock();
    for (const [unit, size] of UNITS) {
      if (Math.abs(diff) >= size) return relative.format(Math.trunc(diff / size), unit); // "6 years", not 7, for 6½
    }
    return 'just now';
  }

  /**
   * The clock that turn times are measured against. Live, that is the browser's. A feed far behind
   * it is a replay of past posts (the demo's are from 2017 and 2020): "last turn 6 years ago" on
   * every card would say nothing, so the newest turn on the page stands for now, and a note says so.
   */
  function feedNow() {
    const wall = Date.now();
    return replaying(wall) ? newestTurn : wall;
  }

  function replaying(wall) {
    return newestTurn > 0 && wall - newestTurn > REPLAY_BEHIND_MS;
  }

  /** A <time> that says how long before {@code clock()}, kept current by the timer below. */
  function since(ms, clock) {
    const t = el('time', 'since', ago(ms, clock));
    t.dateTime = new Date(ms).toISOString();
    t.dataset.ms = String(ms);
    t.dataset.clock = clock === Date.now ? 'wall' : 'feed';
    t.title = dateFormat.format(new Date(ms));
    return t;
  }

  function refreshTimes() {
    for (const t of document.querySelectorAll('time.since')) {
      t.textContent = ago(Number(t.dataset.ms), t.dataset.clock === 'wall' ? Date.now : feedNow);
    }
  }
  setInterval(refreshTimes, 30000);

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

  showQuiet.checked = localStorage.getItem(QUIET_KEY) === 'true';
  showQuiet.addEventListener('change', () => {
    localStorage.setItem(QUIET_KEY, String(showQuiet.checked));
    render();
  });

  follow();
})();
