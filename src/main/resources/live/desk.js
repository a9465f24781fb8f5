// What the desk knows: the exchanges and pile-ons as the server gives them, and what this browser
// noted about each, kept in localStorage so that a reload or a tab opened tomorrow still knows:
//   l  the highest level this browser has known it at
//   s  the level the editor has seen it at (opened it, moved to it, or marked all seen)
//   c  when its latest change (a new alert, or a higher level) was noticed, on the browser's clock
//   w  the level it had before that change
//   a  true when that change was found on reading the lists after a gap, not seen as it happened
//   t  when the server last listed it (entries not listed for two weeks are forgotten)

import { time } from './time.js';

export const LEVELS = { NOTICE: 1, ESCALATING: 2, SEVERE: 3 };
export const rank = (level) => LEVELS[level] || 0;
const higher = (x, y) => (rank(x) >= rank(y) ? x || null : y || null);

const MEMORY_KEY = 'crossfire.desk';
const MEMORY_MAX = 5000;
const MEMORY_DAYS_MS = 14 * 864e5;
/** A reading after a longer silence than this finds changes "while you were away", not "just now". */
const AWAY_MS = 2 * 6e4;

export const KINDS = {
  exchange: { idOf: (json) => json.exchangeId },
  pileon: { idOf: (json) => json.pileOnId },
};

export class Desk {
  constructor(storage) {
    this.storage = storage;
    this.items = new Map(); // key -> item (the server's JSON plus key, kind, id, version)
    this.version = 0;
    const stored = readMemory(storage);
    this.memory = stored.items;
    this.lastLive = stored.live || 0;
    // the first visit has nothing to compare with: what is there then counts as seen
    this.baseline = Object.keys(this.memory).length === 0;
    this.saveTimer = null;
  }

  /** The page heard from the server on an open stream (an event, a heartbeat). */
  heard() {
    this.lastLive = Date.now();
  }

  /** Whether the page has heard nothing for a while: what a reading finds then happened "while you were away". */
  away() {
    return Date.now() - this.lastLive > AWAY_MS;
  }

  note(key) {
    let m = this.memory[key];
    if (!m) {
      m = {};
      this.memory[key] = m;
    }
    return m;
  }

  /**
   * An alert as it happened. The alert is the item as it stood when it reached a level: newer
   * turns win, the level only rises. Returns the item when this raised it, else null.
   */
  applyAlert(kind, alert) {
    const id = KINDS[kind].idOf(alert);
    const key = kind + ':' + id;
    const before = this.items.get(key);
    const fresher = !before || time(alert.lastActivityAt) >= time(before.lastActivityAt);
    const item = Object.assign({}, fresher ? alert : before, { key, kind, id });
    item.level = higher(alert.level, before && before.level);
    item.version = ++this.version;
    this.items.set(key, item);
    const m = this.note(key);
    m.t = Date.now();
    const was = higher(before && before.level, m.l);
    if (rank(alert.level) > rank(was)) {
      this.changed(m, alert.level, was || alert.previousLevel || null, false);
      this.save();
      return item;
    }
    this.save();
    return null;
  }

  /**
   * A fresh reading of one kind's list (null: this server has no such list). Items it no longer
   * lists have ended. Returns the items found raised since the page last knew them.
   */
  replace(kind, list, away) {
    const now = Date.now();
    const raised = [];
    const previous = new Map();
    for (const [key, item] of this.items) {
      if (item.kind === kind) {
        previous.set(key, item);
        this.items.delete(key);
      }
    }
    for (const json of list || []) {
      const id = KINDS[kind].idOf(json);
      const key = kind + ':' + id;
      const before = previous.get(key);
      const item = Object.assign({}, json, { key, kind, id });
      item.level = higher(json.level, before && before.level);
      const same = before && before.level === item.level && before.lastActivityAt === item.lastActivityAt
        && before.score === item.score && (before.turns || []).length === (item.turns || []).length;
      item.version = same ? before.version : ++this.version;
      this.items.set(key, item);
      const m = this.note(key);
      m.t = now;
      if (this.baseline && m.l === undefined) {
        m.l = m.s = item.level || null;
      } else if (rank(item.level) > rank(m.l)) {
        this.changed(m, item.level, m.l || null, away);
        raised.push(item);
      }
    }
    this.save();
    return raised;
  }

  /** After a reading of the exchanges: from now on, what appears is new. */
  endBaseline() {
    this.baseline = false;
  }

  changed(m, level, was, away) {
    m.l = level;
    m.w = was;
    m.c = Date.now();
    m.a = away || undefined;
  }

  /** What the page noted about an item's latest change: {at, was, away}, or null when none is known. */
  change(item) {
    const m = this.memory[item.key];
    return m && m.c ? { at: m.c, was: m.w || null, away: !!m.a } : null;
  }

  unseen(item) {
    const m = this.memory[item.key];
    return rank(item.level) > 0 && (!m || rank(item.level) > rank(m.s));
  }

  markSeen(item) {
    const m = this.note(item.key);
    if (rank(item.level) > rank(m.s)) {
      m.s = item.level;
      this.save();
      return true;
    }
    return false;
  }

  markAllSeen() {
    let any = false;
    for (const item of this.items.values()) any = this.markSeen(item) || any;
    return any;
  }

  /** Newest change first; items whose change the page never saw after them, by level, then latest turn. */
  ordered() {
    const changedAt = (item) => (this.memory[item.key] && this.memory[item.key].c) || 0;
    return [...this.items.values()].sort((x, y) => changedAt(y) - changedAt(x)
      || rank(y.level) - rank(x.level)
      || time(y.lastActivityAt) - time(x.lastActivityAt)
      || (x.key < y.key ? -1 : 1));
  }

  /** Written a moment later, once per burst of alerts. */
  save() {
    if (this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => this.flush(), 500);
  }

  flush() {
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const now = Date.now();
    let entries = Object.entries(this.memory).filter(([key, m]) => this.items.has(key) || now - (m.t || 0) < MEMORY_DAYS_MS);
    if (entries.length > MEMORY_MAX) {
      entries = entries.sort((x, y) => (y[1].t || 0) - (x[1].t || 0)).slice(0, MEMORY_MAX);
    }
    this.memory = Object.fromEntries(entries);
    try {
      this.storage.setItem(MEMORY_KEY, JSON.stringify({ v: 1, live: this.lastLive, items: this.memory }));
    } catch (e) {
      // storage full or refused (private mode): the desk works, it only forgets on reload
    }
  }
}

function readMemory(storage) {
  try {
    const stored = JSON.parse(storage.getItem(MEMORY_KEY) || 'null');
    if (stored && stored.v === 1 && stored.items && typeof stored.items === 'object') return stored;
  } catch (e) {
    // unreadable: start afresh
  }
  return { items: {} };
}
