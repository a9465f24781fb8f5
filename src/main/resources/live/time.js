// Times on the live desk: dates in the browser's zone, and "how long ago" on one of two clocks.
//   wall  the browser's clock: when the page saw a change ("raised 2 min ago")
//   feed  the newest turn on the page stands for now when the feed is a replay of past posts

const REPLAY_BEHIND_MS = 24 * 36e5; // a feed whose newest turn is this far behind the clock is a replay

export const time = (iso) => (iso ? Date.parse(iso) : 0);

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export function when(isoOrMs) {
  return isoOrMs ? dateFormat.format(new Date(isoOrMs)) : '';
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS = [['year', 31536e6], ['month', 2592e6], ['week', 6048e5], ['day', 864e5], ['hour', 36e5], ['minute', 6e4]];

export function ago(ms, now) {
  const diff = ms - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return relative.format(Math.trunc(diff / size), unit); // "6 years", not 7, for 6½
  }
  return 'just now';
}

/** The newest turn on the page, in ms: the feed's own clock. */
let newestTurn = 0;

/** Returns whether the newest turn moved (then every "ago" on the feed clock is stale). */
export function setNewestTurn(ms) {
  const moved = ms !== newestTurn;
  newestTurn = ms;
  return moved;
}

export function newest() {
  return newestTurn;
}

/**
 * Whether the feed is a replay of past posts (the demo's are from 2017 and 2020): "last turn 6
 * years ago" on every line would say nothing, so the newest turn on the page stands for now.
 */
export function replaying(wall = Date.now()) {
  return newestTurn > 0 && wall - newestTurn > REPLAY_BEHIND_MS;
}

const clocks = {
  wall: () => Date.now(),
  feed: () => (replaying() ? newestTurn : Date.now()),
};

/** A <time> saying how long before now on {@code clock} ('wall' or 'feed'), kept current by {@link refreshTimes}. */
export function since(ms, clock) {
  const t = document.createElement('time');
  t.className = 'since';
  t.textContent = ago(ms, clocks[clock]());
  t.dateTime = new Date(ms).toISOString();
  t.dataset.ms = String(ms);
  t.dataset.clock = clock;
  t.title = dateFormat.format(new Date(ms));
  return t;
}

/** Recounts the times under {@code root}, or only those on one clock. */
export function refreshTimes(root = document, clock = null) {
  const now = { wall: clocks.wall(), feed: clocks.feed() };
  for (const t of root.querySelectorAll(clock ? 'time.since[data-clock="' + clock + '"]' : 'time.since')) {
    const text = ago(Number(t.dataset.ms), now[t.dataset.clock]);
    if (t.textContent !== text) t.textContent = text;
  }
}
