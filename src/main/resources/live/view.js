// The desk's rows: a headline per exchange or pile-on, and its card below it once opened.

import { hostilityChart } from './chart.js';
import { el, firstWords, safeUrl, svg, clamp } from './dom.js';
import { since, time, when } from './time.js';

const TURNS_FOLDED = 2; // a closed list of turns shows the last two
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** The figures an item is about, each {id, name}; for a pile-on the target first. */
export function figuresOf(item) {
  return item.kind === 'pileon' ? [item.target || {}].concat(item.attackers || []) : item.figures || [];
}

export function names(item) {
  return new Map(figuresOf(item).map((f) => [f.id, f.name]));
}

/** Whether one of the item's figures has {@code wanted} (lower case) in its name or id; true for "". */
export function involves(item, wanted) {
  return !wanted || figuresOf(item).some((f) => String(f.name || '').toLowerCase().includes(wanted)
    || String(f.id || '').toLowerCase().includes(wanted));
}

/** "A ↔ B", or for a pile-on "T ← 3: A, B, C". */
export function title(item) {
  if (item.kind === 'pileon') {
    const attackers = item.attackers || [];
    return ((item.target || {}).name || '?') + ' ← ' + attackers.length + ': ' + attackerNames(attackers, 3);
  }
  const [a, b] = item.figures || [];
  return (a ? a.name : '?') + ' ↔ ' + (b ? b.name : '?');
}

/** "A, B, C", or "A, B and 3 more" past {@code most}. */
function attackerNames(attackers, most) {
  const named = attackers.length > most ? most - 1 : attackers.length;
  const shown = attackers.slice(0, named).map((f) => f.name).join(', ');
  return attackers.length > named ? shown + ' and ' + (attackers.length - named) + ' more' : shown;
}

function newestTurn(item) {
  const turns = item.turns || [];
  return turns.length ? turns[turns.length - 1] : null;
}

/** Which side a turn is on: in an exchange the first figure's are 'a'; in a pile-on the target's answers are 'a'. */
function sides(item) {
  if (item.kind === 'pileon') {
    const target = (item.target || {}).id;
    return (t) => (t.figureId === target ? 'a' : 'b');
  }
  const a = ((item.figures || [])[0] || {}).id;
  return (t) => (t.figureId === a ? 'a' : 'b');
}

/**
 * Fills a row's headline button: level, figures, the newest turn's first words, the time since the
 * last turn, and the change the page noticed.
 */
export function fillHeadline(button, item, change, unseen) {
  const who = el('span', 'who');
  if (item.kind === 'pileon') {
    // the target first: the story is who is piled on; then who piles on
    const attackers = item.attackers || [];
    who.append(el('span', 'tag', 'pile-on'), ' ', el('span', 'a', (item.target || {}).name || '?'),
      el('span', 'vs', ' ← ' + attackers.length + ': '), el('span', 'b', attackerNames(attackers, 3)));
  } else {
    const [a, b] = item.figures || [];
    who.append(el('span', 'a', a ? a.name : '?'), el('span', 'vs', ' ↔ '), el('span', 'b', b ? b.name : '?'));
  }

  const changeText = el('span', 'change');
  if (change) {
    const raised = el('span', 'raised', 'raised to ' + item.level + ' ');
    raised.append(change.away ? 'while you were away' : since(change.at, 'wall'));
    if (change.was) raised.append(' (was ' + change.was + ')');
    changeText.append(raised);
  } else {
    // a level reached before this browser first looked: when is not known, so say how long it has run
    const count = item.turnCount || (item.turns || []).length;
    changeText.append(el('span', 'started', count + (count === 1 ? ' turn' : ' turns') + ' since ' + day.format(time(item.startedAt))));
  }
  if (unseen) changeText.append(' ', el('span', 'new-mark', 'new'));

  const latest = newestTurn(item);
  const words = el('span', 'words');
  if (latest) {
    words.append(el('span', 'speaker', (names(item).get(latest.figureId) || latest.figureId) + ': '), '“' + firstWords(latest.text) + '”');
  }
  const last = el('span', 'last', 'last turn ', since(time(item.lastActivityAt), 'feed'));

  button.replaceChildren(el('span', 'level level-' + (item.level || 'none'), item.level || 'watching'), who, words,
    el('span', 'meta', changeText, last));
}

/**
 * The card of an opened row: facts, attackers (pile-ons), the chart, the turns (the last two until
 * expanded), and the reasons for its level in words.
 */
export function renderCard(item, expanded, width) {
  const nameOf = (id) => names(item).get(id);
  const sideOf = sides(item);
  const card = el('div', 'card');
  const turns = item.turns || [];
  const count = item.turnCount || turns.length;

  const facts = el('p', 'facts', 'score ', el('b', null, typeof item.score === 'number' ? item.score.toFixed(2) : '–'),
    ' · ' + count + (count === 1 ? ' turn' : ' turns') + ' since ' + when(item.startedAt));
  if (item.currentLevel !== undefined && item.currentLevel !== item.level) {
    facts.append(' · assessed now: ' + (item.currentLevel || 'below NOTICE'));
  }
  card.append(facts);

  if (item.kind === 'pileon') card.append(attackers(item, nameOf));
  if (turns.length) card.append(hostilityChart(turns, sideOf, nameOf, width));

  if (turns.length) {
    const folded = !expanded && turns.length > TURNS_FOLDED;
    const earlier = turns.length - TURNS_FOLDED;
    if (turns.length > TURNS_FOLDED) {
      const more = el('button', 'more', folded ? 'show ' + earlier + ' earlier ' + (earlier === 1 ? 'turn' : 'turns') : 'show the last two only');
      more.type = 'button';
      more.dataset.action = 'turns';
      more.setAttribute('aria-expanded', String(!folded));
      card.append(more);
    }
    const list = el('ol', 'turns');
    (folded ? turns.slice(-TURNS_FOLDED) : turns).forEach((t) => list.append(renderTurn(t, sideOf, nameOf, item)));
    card.append(list);
    if (count > turns.length) {
      card.append(el('p', 'dropped', (count - turns.length) + ' earlier turns are no longer kept.'));
    }
  }

  if ((item.reasons || []).length) {
    card.append(el('h3', 'why', 'Why ' + (item.level || 'watched')));
    const list = el('ul', 'reasons');
    for (const r of item.reasons) {
      const value = typeof r.value === 'number' ? r.value : null;
      const meter = value === null ? null : reasonMeter(value);
      list.append(el('li', null, meter, el('b', null, r.label || String(r.code || '').toLowerCase().replace(/_/g, ' ')), r.detail ? ': ' + r.detail : ''));
    }
    card.append(list);
  }
  return card;
}

function reasonMeter(value) {
  const bar = svg('svg', { class: 'meter', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' });
  bar.append(svg('rect', { class: 'track', x: 0, y: 0, width: 100, height: 10, rx: 3 }),
    svg('rect', { class: 'fill', x: 0, y: 0, width: Math.round(100 * clamp(value)), height: 10, rx: 3 }));
  return bar;
}

function attackers(item, nameOf) {
  const target = item.target || {};
  const turns = item.turns || [];
  const box = el('div', 'attackers');
  const list = el('ul');
  for (const f of item.attackers || []) {
    const theirs = turns.filter((t) => t.figureId === f.id);
    const worst = Math.max(0, ...theirs.map((t) => Number(t.hostility) || 0));
    list.append(el('li', null, el('span', 'b', f.name), ': ' + theirs.length + (theirs.length === 1 ? ' attack' : ' attacks')
      + (theirs.length ? ', most hostile ' + worst.toFixed(2) : '')));
  }
  const answers = turns.filter((t) => t.figureId === target.id).length;
  box.append(el('p', null, (item.attackers || []).length + ' turned on ', el('span', 'a', target.name || nameOf(target.id) || '?'),
    ', in the order they joined:'), list,
  el('p', 'answers', answers ? (target.name || '?') + ' answered ' + (answers === 1 ? 'once' : answers + ' times') + '.'
    : (target.name || '?') + ' has not answered.'));
  return box;
}

function renderTurn(t, sideOf, nameOf, item) {
  const answering = item.kind === 'pileon' && t.figureId === (item.target || {}).id;
  const li = el('li', 'turn ' + sideOf(t));
  li.dataset.postId = t.postId;
  const at = el('time', null, when(t.createdAt));
  at.dateTime = t.createdAt;
  const hostility = el('span', 'hostility');
  hostility.title = 'hostility ' + Number(t.hostility).toFixed(2) + ((t.cues || []).length ? ': ' + t.cues.join('; ') : '');
  hostility.append(reasonMeter(t.hostility), 'hostility ' + Number(t.hostility).toFixed(2));
  li.append(el('div', 'turn-head', at,
    el('span', 'who', (nameOf(t.figureId) || t.figureId) + ' → ' + (nameOf(t.targetFigureId) || t.targetFigureId)),
    el('span', 'kind', t.kind), answering ? el('span', 'kind answer', 'answers') : null, hostility));
  li.append(el('p', 'text', t.text));
  const link = safeUrl(t.url);
  if (link) {
    const a = el('a', null, 'original post ↗');
    a.href = link;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    li.append(a);
  } else {
    li.append(el('span', 'turn-id', t.postId));
  }
  return li;
}
