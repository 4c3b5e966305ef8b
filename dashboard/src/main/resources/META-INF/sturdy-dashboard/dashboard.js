// Sturdy's dashboard: reads the server-sent events of /sturdy/stream (a "history" of snapshots on
// connecting, then a "snapshot" a second and a "breaker" event at each change of state) and draws
// them with uPlot (vendored beside this file, MIT licence in uPlot.LICENSE).
'use strict';

const WINDOW = 300; // seconds shown
const breakers = new Map(); // name -> { card, states: [[seconds, state]] }, in the server's time
let serverNow = 0; // the server's time of the latest snapshot or change, in seconds
const methods = new Map(); // name -> { card, rates, latency, data }

function element(tag, attributes, ...children) {
  const made = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => made.setAttribute(name, value));
  children.forEach(child => made.append(child));
  return made;
}

function number(value, digits) {
  return Number(value).toLocaleString('en', { maximumFractionDigits: digits || 0 });
}

// ---- circuit breakers: state, window counts, and a timeline of the last five minutes

function breaker(name) {
  if (!breakers.has(name)) {
    const card = element('div', { class: 'card', 'data-breaker': name },
      element('h3', {}, name + ' '), element('div', { class: 'figures' }),
      element('div', { class: 'timeline' }));
    card.querySelector('h3').append(element('span', { class: 'state' }));
    document.getElementById('breakers').append(card);
    breakers.set(name, { card, states: [] });
  }
  return breakers.get(name);
}

function breakerState(name, state, seconds) {
  const shown = breaker(name);
  const last = shown.states[shown.states.length - 1];
  if (last && seconds < last[0]) {
    return; // older than what is shown: a snapshot taken before a change already drawn
  }
  if (!last || last[1] !== state) {
    shown.states.push([seconds, state]);
  }
  const badge = shown.card.querySelector('.state');
  badge.textContent = state;
  badge.className = 'state ' + state;
}

function drawTimeline(shown, now) {
  const width = 300;
  const from = now - WINDOW;
  shown.states = shown.states.filter((entry, i, all) => i === all.length - 1 || all[i + 1][0] > from);
  const bars = shown.states.map(([start, state], i) => {
    const end = i + 1 < shown.states.length ? shown.states[i + 1][0] : now;
    const x = Math.max(0, (start - from) / WINDOW * width);
    const w = Math.max(1, (end - from) / WINDOW * width - x);
    return `<rect x="${x}" width="${w}" height="14" class="${state}"><title>${state}</title></rect>`;
  });
  shown.card.querySelector('.timeline').innerHTML =
    `<svg width="${width}" height="14" style="background:#eee">${bars.join('')}</svg>`;
}

// ---- methods: totals, and charts of rates and latency

function plot(title, series, target) {
  const options = {
    title, width: 320, height: 140, legend: { show: true },
    scales: { x: { time: true } },
    series: [{}].concat(series.map(([label, stroke]) => ({ label, stroke, width: 1.5, points: { show: false } }))),
    axes: [{ size: 24, font: '10px sans-serif' }, { size: 40, font: '10px sans-serif' }]
  };
  return new uPlot(options, [[]].concat(series.map(() => [])), target);
}

function method(name) {
  if (!methods.has(name)) {
    const card = element('div', { class: 'card', 'data-method': name }, element('h3', {}, name),
      element('div', { class: 'figures' }), element('div', { class: 'rates' }), element('div', { class: 'latency' }));
    document.getElementById('methods').append(card);
    methods.set(name, {
      card, data: [[], [], [], [], []],
      rates: plot('per second', [['calls', '#2b6cb0'], ['failures', '#d6453d'], ['retries', '#e6a23c']],
        card.querySelector('.rates')),
      latency: plot('mean latency (ms)', [['latency', '#6b46c1']], card.querySelector('.latency'))
    });
  }
  return methods.get(name);
}

function methodSample(row, seconds) {
  const shown = method(row.method);
  const data = shown.data;
  [seconds, row.callsPerSecond, row.failuresPerSecond, row.retriesPerSecond, row.meanMillis ?? null]
    .forEach((value, i) => data[i].push(value));
  while (data[0].length && data[0][0] < seconds - WINDOW) {
    data.forEach(values => values.shift());
  }
  shown.card.querySelector('.figures').innerHTML =
    `calls <b class="calls">${number(row.calls)}</b> · failures <b class="failures">${number(row.failures)}</b>` +
    ` · retries <b>${number(row.retries)}</b> · fallbacks <b>${number(row.fallbacks)}</b>` +
    ` · timeouts <b>${number(row.timeouts)}</b>`;
}

function drawMethods() {
  methods.forEach(shown => {
    const data = shown.data;
    shown.rates.setData([data[0], data[1], data[2], data[3]]);
    shown.latency.setData([data[0], data[4]]);
  });
}

// ---- occupancy and fan-outs: bars

function bar(name, value, max, text) {
  const shownMax = Math.max(1, max);
  return element('div', { class: 'bar', 'data-name': name }, element('span', { class: 'name', title: name }, name),
    element('meter', { value: Math.min(value, shownMax), min: 0, max: shownMax }), element('span', {}, text));
}

function drawOccupancy(snapshot) {
  const bars = [];
  snapshot.bulkheads.forEach(b => {
    bars.push(bar('bulkhead ' + b.name, b.running, b.maxConcurrent, `${b.running} of ${b.maxConcurrent} running`));
    bars.push(bar('bulkhead ' + b.name + ' queue', b.waiting, b.maxWaiting, `${b.waiting} of ${b.maxWaiting} waiting`));
  });
  snapshot.adaptiveLimits.forEach(l => bars.push(bar('limit ' + l.name, l.inFlight, l.limit,
    `${l.inFlight} in flight, limit ${l.limit} (${l.min} to ${l.max})`)));
  snapshot.rateLimits.forEach(r => bars.push(bar('rate limit ' + r.name, r.available, r.permits,
    `${number(r.available)} of ${r.permits} permits per ${r.period} left`)));
  const target = document.getElementById('occupancy');
  target.replaceChildren(...(bars.length ? bars : [element('p', { class: 'none' }, 'none')]));
}

function drawFanouts(fanouts) {
  const rows = fanouts.map(f => {
    const known = f.total >= 0 ? f.total : f.drawn;
    const text = `${f.state}: ${number(f.done)} of ${number(known)}${f.total >= 0 ? '' : '+'} items` +
      (f.failed ? `, ${number(f.failed)} failed` : '');
    return element('div', { class: 'bar', 'data-fanout': f.id, 'data-state': f.state },
      element('span', { class: 'name', title: f.method }, f.method),
      element('progress', { value: f.done, max: Math.max(1, known) }), element('span', { class: 'fanout-state' }, text));
  });
  document.getElementById('fanouts')
    .replaceChildren(...(rows.length ? rows : [element('p', { class: 'none' }, 'none in the last ten seconds')]));
}

// ---- the stream

function apply(snapshot, draw) {
  const seconds = snapshot.t / 1000;
  serverNow = Math.max(serverNow, seconds);
  document.getElementById('no-metrics').hidden = snapshot.methodsMeasured;
  snapshot.circuitBreakers.forEach(b => {
    breakerState(b.name, b.state, seconds);
    breaker(b.name).card.querySelector('.figures').innerHTML =
      `${b.callsInWindow} calls, ${b.failuresInWindow} failures in the window of ${b.window}` + (b.forced ? ' · forced' : '');
  });
  snapshot.methods.forEach(row => methodSample(row, seconds));
  if (draw) {
    breakers.forEach(shown => drawTimeline(shown, serverNow));
    drawMethods();
    drawOccupancy(snapshot);
    drawFanouts(snapshot.fanouts);
    document.getElementById('updated').textContent = 'updated ' + new Date(snapshot.t).toLocaleTimeString();
  }
}

function connection(text, state) {
  const shown = document.getElementById('connection');
  shown.textContent = text;
  shown.className = state;
}

const stream = new EventSource('stream');
stream.onopen = () => connection('live', 'live');
stream.onerror = () => connection('reconnecting…', 'down'); // EventSource reconnects by itself
stream.addEventListener('history', event => {
  breakers.forEach(shown => { shown.states = []; });
  methods.forEach(shown => shown.data.forEach(values => { values.length = 0; }));
  const snapshots = JSON.parse(event.data);
  snapshots.forEach((snapshot, i) => apply(snapshot, i === snapshots.length - 1));
});
stream.addEventListener('snapshot', event => apply(JSON.parse(event.data), true));
stream.addEventListener('breaker', event => {
  const change = JSON.parse(event.data);
  serverNow = Math.max(serverNow, change.t / 1000);
  breakerState(change.name, change.to, change.t / 1000);
  drawTimeline(breaker(change.name), serverNow);
});
