// The dashboard: plain browser JavaScript on the service's own API (API.md), chart.js from
// /vendor. Every value from the API is put in the page with textContent, never as HTML.
'use strict';

const TOKEN_KEY = 'kk.token';
const main = document.getElementById('main');
const numberFormat = new Intl.NumberFormat('en');
const percentFormat = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 2 });
/** Dates as the campaign counts them: in its own time zone, not the reader's. */
function formatDate(iso, timeZone) {
  return new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(iso));
}
const charts = [];

function token() {
  return localStorage.getItem(TOKEN_KEY);
}

/** A token in the link's fragment (`#token=…`, printed by `npm start`) signs in once, then leaves the URL. */
function takeTokenFromFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  const t = params.get('token');
  if (t) {
    localStorage.setItem(TOKEN_KEY, t);
    history.replaceState(null, '', location.pathname + location.search);
  }
}

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || 'HTTP ' + status);
    this.status = status;
  }
}

async function api(path) {
  const res = await fetch('/api/v1' + path, { headers: { Authorization: 'Bearer ' + token() } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function show(templateId) {
  for (const c of charts.splice(0)) c.destroy();
  main.replaceChildren(document.getElementById(templateId).content.cloneNode(true));
}

function showState(message) {
  main.replaceChildren(el('p', { class: 'state', role: 'status' }, message));
}

function fmt(n) {
  return n === null || n === undefined ? '—' : numberFormat.format(n);
}

function showSignIn(message) {
  show('signin');
  if (message) document.getElementById('signin-error').textContent = message;
  document.getElementById('signin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    localStorage.setItem(TOKEN_KEY, document.getElementById('token').value.trim());
    route();
  });
}

async function showCampaigns() {
  const { campaigns } = await api('/campaigns');
  show('campaign-list');
  const list = document.getElementById('campaigns');
  if (campaigns.length === 0) {
    list.append(el('li', { class: 'card' }, 'No campaign yet. Create one with POST /api/v1/campaigns.'));
    return;
  }
  for (const c of campaigns) {
    const failed = Object.entries(c.collection).filter(([, s]) => s.outcome === 'failed');
    const item = el(
      'li',
      { class: 'card' },
      el('a', { href: '?campaign=' + encodeURIComponent(c.id) }, c.name),
      el('p', { class: 'meta' }, c.hashtags.join(' ') + ' · ' + c.status + (c.demo ? ' · demo data' : '')),
    );
    for (const [source, s] of failed) item.append(el('p', { class: 'warning' }, source + ': ' + s.error));
    list.append(item);
  }
}

function kpi(label, value, sub) {
  return el('div', { class: 'card kpi' }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value), el('div', { class: 'sub' }, sub || ''));
}

function fillTable(table, rows) {
  table.replaceChildren(
    el('thead', {}, el('tr', {}, el('th', {}, 'Name'), el('th', { class: 'num' }, 'Posts'), el('th', { class: 'num' }, 'Reach'), el('th', { class: 'num' }, 'Engagement'))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, el('td', {}, r.label), el('td', { class: 'num' }, fmt(r.posts)), el('td', { class: 'num' }, fmt(r.reach)), el('td', { class: 'num' }, fmt(r.engagement))))),
  );
}

function barChart(canvasId, rows) {
  const chart = new Chart(document.getElementById(canvasId), {
    type: 'bar',
    data: { labels: rows.map((r) => r.label), datasets: [{ label: 'Posts', data: rows.map((r) => r.posts), backgroundColor: '#0b6e4f' }] },
    options: { indexAxis: 'y', maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } },
  });
  charts.push(chart);
}

async function showCampaign(id) {
  const enc = encodeURIComponent(id);
  const [{ campaign }, summary, byCity, byTopic, series] = await Promise.all([
    api('/campaigns/' + enc),
    api('/campaigns/' + enc + '/metrics/summary'),
    api('/campaigns/' + enc + '/metrics/breakdown?by=city'),
    api('/campaigns/' + enc + '/metrics/breakdown?by=topic'),
    api('/campaigns/' + enc + '/metrics/timeseries?interval=day'),
  ]);
  show('campaign-view');
  document.title = campaign.name + ' — Kabar Kampanye';
  document.getElementById('c-name').textContent = campaign.name;
  document.getElementById('c-hashtags').textContent = campaign.hashtags.join(' ');
  document.getElementById('c-demo').hidden = !campaign.demo;
  const failures = Object.entries(campaign.collection).filter(([, s]) => s.outcome === 'failed');
  if (failures.length) {
    const w = document.getElementById('c-warnings');
    w.hidden = false;
    w.textContent = failures.map(([source, s]) => source + ': ' + s.error).join(' · ');
  }
  document.getElementById('kpis').append(
    kpi('Posts', fmt(summary.posts)),
    kpi('Contributors', fmt(summary.contributors)),
    kpi('Reach', fmt(summary.reach), 'each author counted once'),
    kpi('Impressions', fmt(summary.impressions), fmt(summary.impressionsReported) + ' reported · ' + fmt(summary.impressionsEstimated) + ' estimated'),
    kpi('Engagement', fmt(summary.engagement)),
    kpi('Engagement rate', summary.engagementRate === null ? '—' : percentFormat.format(summary.engagementRate)),
  );
  // `to` is exclusive: the last day shown is the one before it.
  const tz = campaign.timeZone;
  document.getElementById('c-range').textContent =
    formatDate(summary.from, tz) + ' – ' + formatDate(Date.parse(summary.to) - 1, tz) + ' (' + tz + ') · computed ' + new Date(summary.computedAt).toLocaleString('en');
  if (typeof Chart === 'undefined') return;
  barChart('chart-city', byCity.rows);
  barChart('chart-topic', byTopic.rows);
  fillTable(document.getElementById('table-city'), byCity.rows);
  fillTable(document.getElementById('table-topic'), byTopic.rows);
  charts.push(
    new Chart(document.getElementById('chart-time'), {
      type: 'line',
      data: { labels: series.points.map((p) => p.bucket), datasets: [{ label: 'Posts', data: series.points.map((p) => p.posts), borderColor: '#0b6e4f', pointRadius: 0 }] },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } }, plugins: { legend: { display: false } } },
    }),
  );
}

async function route() {
  if (!token()) return showSignIn();
  showState('Loading…');
  const id = new URLSearchParams(location.search).get('campaign');
  try {
    if (id) await showCampaign(id);
    else await showCampaigns();
  } catch (err) {
    if (err.status === 401) {
      localStorage.removeItem(TOKEN_KEY);
      showSignIn('That token was not accepted.');
    } else showState('Could not load: ' + err.message);
  }
}

takeTokenFromFragment();
route();
