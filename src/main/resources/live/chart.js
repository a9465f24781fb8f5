// The hostility of each turn against time: a dot per turn in its side's colour, joined in order,
// over a time axis with ticks at round local times. Drawn at the width it is shown at (one unit of
// the picture is one CSS pixel), so its labels are as readable on a phone as on a desk.

import { clamp, svg } from './dom.js';
import { time, when } from './time.js';

const MINUTE = 6e4, HOUR = 36e5, DAY = 864e5;
const STEPS = [1, 2, 5, 10, 15, 30].map((m) => m * MINUTE)
  .concat([1, 2, 3, 6, 12].map((h) => h * HOUR), [1, 2, 7, 14, 30, 91, 365].map((d) => d * DAY));
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayKey = (ms) => new Date(ms).toDateString();

/**
 * Ticks between {@code t0} and {@code t1} (ms), at most {@code most}: at whole minutes, hours or
 * days of the browser's zone. A tick says the time of day, and the date too where the day changes.
 */
export function timeTicks(t0, t1, most) {
  const step = STEPS.find((s) => (t1 - t0) / s <= most) || STEPS[STEPS.length - 1];
  const zone = new Date(t0).getTimezoneOffset() * MINUTE; // local minus this is UTC
  const ticks = [];
  for (let t = Math.ceil((t0 - zone) / step) * step + zone; t <= t1; t += step) {
    ticks.push(t);
  }
  return ticks.map((t, i) => {
    const newDay = i === 0 || dayKey(t) !== dayKey(ticks[i - 1]);
    const label = step >= DAY ? day.format(t) : (newDay ? day.format(t) + ' ' : '') + clock.format(t);
    return { t, label };
  });
}

/**
 * @param turns  in order, each with createdAt and hostility
 * @param sideOf turn -> 'a' or 'b' (its colour)
 * @param nameOf figure id -> name
 * @param width  the chart's width in CSS pixels
 */
export function hostilityChart(turns, sideOf, nameOf, width) {
  const W = Math.round(Math.max(280, Math.min(720, width || 560)));
  const H = 150, LEFT = 48, RIGHT = 14, TOP = 10, BOTTOM = 34;
  const times = turns.map((t) => time(t.createdAt));
  let t0 = Math.min(...times), t1 = Math.max(...times);
  if (t1 - t0 < 10 * MINUTE) { // one turn, or all at once: a span around them
    t0 -= 15 * MINUTE;
    t1 += 15 * MINUTE;
  }
  const pad = (t1 - t0) * 0.04; // no dot on the frame
  t0 -= pad;
  t1 += pad;
  const x = (t) => LEFT + ((t - t0) / (t1 - t0)) * (W - LEFT - RIGHT);
  const y = (h) => TOP + (1 - clamp(h)) * (H - TOP - BOTTOM);

  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img' });
  chart.appendChild(svg('title', {}, 'hostility of each turn over time, from ' + when(times[0]) + ' to ' + when(times[times.length - 1])
    + ': ' + turns.map((t) => (nameOf(t.figureId) || t.figureId) + ' ' + Number(t.hostility).toFixed(2)).join(', ')));
  chart.appendChild(svg('rect', { class: 'band', x: LEFT, y: y(1), width: W - LEFT - RIGHT, height: y(0.5) - y(1) }));
  for (const [h, label] of [[1, 'hostile'], [0.5, '0.5'], [0, 'civil']]) {
    chart.appendChild(svg('line', { class: h === 0 ? 'axis' : 'grid', x1: LEFT, x2: W - RIGHT, y1: y(h), y2: y(h) }));
    chart.appendChild(svg('text', { class: 'y-label', x: LEFT - 6, y: y(h) + 4, 'text-anchor': 'end' }, label));
  }
  const axis = svg('g', { class: 'time-axis' });
  for (const tick of timeTicks(t0, t1, Math.max(3, Math.floor((W - LEFT - RIGHT) / 90)))) {
    const tx = x(tick.t);
    axis.appendChild(svg('line', { class: 'tick', x1: tx, x2: tx, y1: y(0), y2: y(0) + 5 }));
    axis.appendChild(svg('text', { class: 'tick-label', x: tx, y: H - BOTTOM + 20, 'text-anchor': 'middle' }, tick.label));
  }
  chart.appendChild(axis);
  chart.appendChild(svg('polyline', { class: 'path', points: turns.map((t, i) => x(times[i]).toFixed(1) + ',' + y(t.hostility).toFixed(1)).join(' ') }));
  turns.forEach((t, i) => {
    const dot = svg('circle', { class: 'dot ' + sideOf(t), cx: x(times[i]).toFixed(1), cy: y(t.hostility).toFixed(1), r: 5 });
    dot.appendChild(svg('title', {}, (nameOf(t.figureId) || t.figureId) + ', ' + when(times[i]) + ': hostility ' + Number(t.hostility).toFixed(2)));
    chart.appendChild(dot);
  });
  return chart;
}
