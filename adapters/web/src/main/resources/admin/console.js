// Switchboard admin console: reads /api/health, then /api/<service> for every service the
// process runs, and renders one panel per service. No framework, no build step.
// What the page shows is also put in data-* attributes so a browser test can read it.
(function () {
  'use strict';

  var SERVICES = ['tokens', 'metrics', 'lottery', 'collector', 'sink'];
  var REFRESH_MS = 3000;
  var MAX_ROWS = 500;          // table rows rendered per panel; the rest is counted, not drawn
  var MAX_CHART_POINTS = 2000; // the newest points of a key are drawn
  var MAX_PAGES = 20;          // pages of a long list read per refresh (the API's pages hold 1000 items)
  var PAGED = { tokens: 'handlers', metrics: 'metrics', sink: 'receipts' }; // the list each answer pages
  var SVG_NS = 'http://www.w3.org/2000/svg';

  var token = null;            // the bearer token, in memory only
  var timer = null;
  var busy = false;
  var waitingForToken = false;
  var ui = { tab: null, metricsKey: null, lastData: {}, open: {} };

  // ---------- small DOM helpers (textContent only: data never becomes markup) ----------

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) { return; }
    Object.keys(attrs).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === 'text') { node.textContent = String(value); } else { node.setAttribute(name, String(value)); }
    });
  }

  function append(node, children) {
    if (children === null || children === undefined) { return; }
    (Array.isArray(children) ? children : [children]).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
    });
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function num(value) {
    return typeof value === 'number' && isFinite(value) ? value : 0;
  }

  function fmtInt(value) {
    return typeof value === 'number' && isFinite(value) ? value.toLocaleString('en-US') : '–';
  }

  function fmtValue(value) {
    if (typeof value !== 'number' || !isFinite(value)) { return String(value); }
    var rounded = Number(value.toPrecision(6));
    var abs = Math.abs(rounded);
    if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) { return rounded.toExponential().replace('e+', 'e'); }
    return String(rounded);
  }

  function fmtBytes(bytes) {
    var n = num(bytes);
    if (n < 1024) { return n + ' B'; }
    var units = ['KiB', 'MiB', 'GiB', 'TiB'];
    var i = -1;
    do { n /= 1024; i++; } while (n >= 1024 && i < units.length - 1);
    return n.toFixed(1) + ' ' + units[i];
  }

  /** Seconds since the epoch as UTC text; a timestamp no Date can hold prints as it is. */
  function fmtEpochSeconds(seconds, short) {
    var ms = seconds * 1000;
    if (typeof seconds !== 'number' || !isFinite(ms) || Math.abs(ms) > 8.64e15) { return String(seconds); }
    var iso = new Date(ms).toISOString().replace('.000Z', 'Z');
    return short ? iso.substring(11, 19) : iso.replace('T', ' ');
  }

  function fmtInstant(text) {
    return typeof text === 'string' ? text.replace('T', ' ') : '–';
  }

  /** A <details> whose open state survives the re-render of every refresh. */
  function details(id, openByDefault, summaryText, content) {
    var open = Object.prototype.hasOwnProperty.call(ui.open, id) ? ui.open[id] : openByDefault;
    var node = el('details', { open: open ? 'open' : null }, [el('summary', { text: summaryText }), content]);
    node.addEventListener('toggle', function () { ui.open[id] = node.open; });
    return node;
  }

  function card(label, value, extra) {
    return el('div', { 'class': 'card' + (extra && extra.cls ? ' ' + extra.cls : ''), 'data-field': extra && extra.field },
      [el('div', { 'class': 'card-value', text: value }), el('div', { 'class': 'card-label', text: label })]);
  }

  // ---------- fetching ----------

  function AuthNeeded() {}

  function api(path) {
    var headers = { 'Accept': 'application/json' };
    if (token !== null) { headers.Authorization = 'Bearer ' + token; }
    return fetch(path, { headers: headers, cache: 'no-store', credentials: 'omit' }).then(function (r) {
      if (r.status === 401) { throw new AuthNeeded(); }
      return r.json().catch(function () { return null; }).then(function (body) {
        if (!r.ok) {
          throw new Error('HTTP ' + r.status + (body && body.error ? ': ' + body.error : ''));
        }
        if (body === null || typeof body !== 'object') { throw new Error('the answer is not a JSON object'); }
        return body;
      });
    });
  }

  // A long list comes in pages: follow "next" and join every page's list into the first answer.
  function read(service) {
    var path = pathOf(service);
    var field = PAGED[service];
    if (!field) { return api(path); }
    function more(body, pages) {
      if (typeof body.next !== 'string' || pages >= MAX_PAGES) {
        body.truncated = typeof body.next === 'string';
        return body;
      }
      var next = path + (path.indexOf('?') < 0 ? '?' : '&') + 'cursor=' + encodeURIComponent(body.next);
      return api(next).then(function (page) {
        var into = body[field];
        var from = page[field];
        if (Array.isArray(into) && Array.isArray(from)) {
          Array.prototype.push.apply(into, from);
        } else if (into && from && typeof into === 'object' && typeof from === 'object') {
          Object.keys(from).forEach(function (k) { into[k] = from[k]; });
        }
        body.next = page.next;
        return more(body, pages + 1);
      });
    }
    return api(path).then(function (body) { return more(body, 1); });
  }

  function pathOf(service) {
    return service === 'metrics' ? '/api/metrics?key=*' : '/api/' + service;
  }

  // ---------- the refresh cycle ----------

  function refresh() {
    if (busy || waitingForToken) { return Promise.resolve(); }
    busy = true;
    return api('/api/health').then(function (health) {
      var running = Array.isArray(health.services) ? health.services : [];
      var status = typeof health.status === 'string' ? health.status : '?';
      setHealth(status === 'UP' ? 'up' : 'down', status + ' · ' + running.length + ' of ' + SERVICES.length + ' services here');
      return Promise.all(SERVICES.map(function (service) {
        if (running.indexOf(service) < 0) {
          setPanelState(service, 'absent', 'not running in this process');
          return null;
        }
        return read(service).then(function (body) {
          ui.lastData[service] = body;
          setPanelState(service, 'running', '');
          try {
            RENDER[service](body);
          } catch (e) {
            setPanelState(service, 'error', 'unexpected answer from ' + pathOf(service) + ': ' + e.message);
          }
        }, function (e) {
          if (e instanceof AuthNeeded) { throw e; }
          setPanelState(service, 'error', 'cannot read ' + pathOf(service) + ': ' + e.message);
        });
      })).then(function () {
        chooseTabIfNone(running);
        $('updated').textContent = 'updated ' + new Date().toISOString().substring(11, 19) + ' UTC';
        document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes) + 1);
      });
    }).catch(function (e) {
      if (e instanceof AuthNeeded) {
        askForToken(token === null ? '' : 'that token was refused');
      } else {
        setHealth('unreachable', 'server not reachable' + (e && e.message ? ' (' + e.message + ')' : ''));
      }
    }).then(function () {
      busy = false;
      schedule();
    });
  }

  function schedule() {
    if (timer !== null) { clearTimeout(timer); timer = null; }
    if ($('auto-refresh').checked && !waitingForToken) {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  function setHealth(state, text) {
    var node = $('health');
    node.dataset.state = state;
    node.textContent = text;
  }

  function setPanelState(service, state, message) {
    var panel = $('panel-' + service);
    panel.dataset.state = state;
    var notice = panel.querySelector('.notice');
    notice.textContent = message;
    notice.hidden = message === '';
    panel.querySelector('.body').hidden = state === 'absent';
    var tab = document.querySelector('[data-tab="' + service + '"]');
    tab.dataset.state = state;
    if (state !== 'running') { tab.querySelector('.badge').textContent = ''; }
  }

  function setBadge(service, text) {
    document.querySelector('[data-tab="' + service + '"] .badge').textContent = text;
  }

  // ---------- the token ----------

  function askForToken(message) {
    waitingForToken = true;
    setHealth('locked', 'token needed');
    SERVICES.forEach(function (s) {
      if ($('panel-' + s).dataset.state === 'loading') { setPanelState(s, 'loading', 'waiting for the token'); }
    });
    $('auth').hidden = false;
    $('auth-message').textContent = message;
    $('auth-token').value = '';
    $('auth-token').focus();
  }

  function onTokenSubmit(event) {
    event.preventDefault();
    token = $('auth-token').value.trim();
    $('auth-token').value = '';
    $('auth').hidden = true;
    waitingForToken = false;
    refresh();
  }

  // ---------- tabs ----------

  function selectTab(service) {
    ui.tab = service;
    document.querySelectorAll('[data-tab]').forEach(function (tab) {
      var on = tab.dataset.tab === service;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      $('panel-' + tab.dataset.tab).hidden = !on;
    });
    if (location.hash !== '#' + service) { history.replaceState(null, '', '#' + service); }
  }

  function chooseTabIfNone(running) {
    if (ui.tab !== null) { return; }
    var wanted = location.hash.replace('#', '');
    if (SERVICES.indexOf(wanted) >= 0) { selectTab(wanted); return; }
    selectTab(SERVICES.filter(function (s) { return running.indexOf(s) >= 0; })[0] || SERVICES[0]);
  }

  // ---------- tokens ----------

  function renderTokens(body) {
    var handlers = Array.isArray(body.handlers) ? body.handlers : [];
    var filter = $('tokens-filter').value.trim().toLowerCase();
    var tbody = $('tokens-table').tBodies[0];
    clear(tbody);
    var clients = 0;
    var shownHandlers = 0;
    var rowsShown = 0;
    var rowsHidden = 0;
    handlers.forEach(function (handler) {
      var rows = Array.isArray(handler.rows) ? handler.rows : [];
      clients += rows.length;
      var name = String(handler.token);
      if (filter !== '' && name.toLowerCase().indexOf(filter) < 0) { return; }
      shownHandlers++;
      if (rowsShown >= MAX_ROWS) { rowsHidden += Math.max(1, rows.length); return; }
      var first = true;
      (rows.length ? rows : [null]).forEach(function (row) {
        var tr = el('tr', { 'class': first ? 'group-start' : null, 'data-token': name });
        if (first) { tr.appendChild(el('td', { 'class': 'token mono', rowspan: Math.max(1, rows.length), text: name })); }
        if (row === null) {
          tr.appendChild(el('td', { colspan: 4, 'class': 'muted', text: 'no client yet' }));
        } else {
          var expected = num(row.expected);
          var received = num(row.received);
          tr.dataset.client = String(row.id);
          append(tr, [
            el('td', { text: row.id }),
            el('td', { 'class': 'mono', text: row.addr }),
            el('td', { 'class': 'num', text: fmtInt(row.expected) }),
            el('td', { 'class': 'num ' + (received > expected ? 'over' : received === expected ? 'complete' : ''), text: fmtInt(row.received) })
          ]);
        }
        first = false;
        rowsShown++;
        tbody.appendChild(tr);
      });
    });
    $('tokens-table').dataset.handlers = String(handlers.length);
    $('tokens-table').dataset.shown = String(shownHandlers);
    $('tokens-summary').textContent = handlers.length + ' handlers · ' + clients + ' client rows'
      + (filter !== '' ? ' · ' + shownHandlers + ' match' : '');
    $('tokens-more').textContent = rowsHidden > 0 ? rowsHidden + ' more rows not drawn: filter to narrow' : '';
    if (handlers.length === 0) {
      tbody.appendChild(el('tr', null, el('td', { colspan: 5, 'class': 'muted', text: 'no handler yet: no token received' })));
    }
    setBadge('tokens', String(handlers.length));
  }

  // ---------- metrics ----------

  function renderMetrics(body) {
    var metrics = body.metrics && typeof body.metrics === 'object' ? body.metrics : {};
    var keys = Object.keys(metrics).sort();
    var filter = $('metrics-filter').value.trim().toLowerCase();
    var total = 0;
    keys.forEach(function (k) { total += Array.isArray(metrics[k]) ? metrics[k].length : 0; });
    if (ui.metricsKey === null || keys.indexOf(ui.metricsKey) < 0) { ui.metricsKey = keys.length ? keys[0] : null; }

    var tbody = $('metrics-keys').tBodies[0];
    clear(tbody);
    var shown = 0;
    keys.forEach(function (key) {
      if (filter !== '' && key.toLowerCase().indexOf(filter) < 0) { return; }
      if (shown++ >= MAX_ROWS) { return; }
      var points = Array.isArray(metrics[key]) ? metrics[key] : [];
      var last = points.length ? points[points.length - 1] : null;
      var tr = el('tr', { 'data-key': key, 'aria-selected': key === ui.metricsKey ? 'true' : 'false', tabindex: 0 }, [
        el('td', { 'class': 'mono', text: key }),
        el('td', { 'class': 'num', text: fmtInt(points.length) }),
        el('td', { 'class': 'num', text: last ? fmtValue(last.value) : '–' }),
        el('td', { 'class': 'mono', text: last ? fmtEpochSeconds(last.timestamp) : '–' })
      ]);
      tbody.appendChild(tr);
    });
    if (keys.length === 0) {
      tbody.appendChild(el('tr', null, el('td', { colspan: 4, 'class': 'muted', text: 'no point stored yet' })));
    }
    $('metrics-keys').dataset.keys = String(keys.length);
    $('metrics-summary').textContent = keys.length + ' keys · ' + fmtInt(typeof body.count === 'number' ? body.count : total) + ' points'
      + (shown > MAX_ROWS ? ' · first ' + MAX_ROWS + ' keys listed' : '');
    setBadge('metrics', String(keys.length));
    if ($('metrics-target').value.trim() !== '') {
      chartPattern();
    } else {
      clear($('metrics-legend'));
      drawChart(ui.metricsKey, ui.metricsKey === null ? [] : metrics[ui.metricsKey] || []);
    }
  }

  // ---------- metrics: a pattern over a time range, through the Graphite render API ----------

  var MAX_SERIES = 6;

  function chartPattern() {
    var target = $('metrics-target').value.trim();
    var from = $('metrics-range').value;
    var path = '/graphite/render?format=json&maxDataPoints=720&until=now&from=' + encodeURIComponent(from)
      + '&target=' + encodeURIComponent(target);
    var headers = { 'Accept': 'application/json' };
    if (token !== null) { headers.Authorization = 'Bearer ' + token; }
    fetch(path, { headers: headers, cache: 'no-store', credentials: 'omit' }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (body) {
        if ($('metrics-target').value.trim() !== target) { return; } // typed on meanwhile
        if (!r.ok || !Array.isArray(body)) {
          drawLines(target, [], body && body.error ? body.error : 'HTTP ' + r.status);
          return;
        }
        drawLines(target, body.slice(0, MAX_SERIES).map(function (s) {
          var points = (Array.isArray(s.datapoints) ? s.datapoints : []).filter(function (d) {
            return Array.isArray(d) && typeof d[0] === 'number' && typeof d[1] === 'number';
          }).map(function (d) { return { timestamp: d[1], value: d[0] }; });
          return { name: String(s.target), points: points };
        }), body.length > MAX_SERIES ? 'first ' + MAX_SERIES + ' of ' + body.length + ' series' : '');
      });
    }).catch(function (e) { drawLines(target, [], String(e && e.message || e)); });
  }

  /** Several series on one chart, one colour each, with a legend. */
  function drawLines(title, lines, note) {
    var chart = $('metrics-chart');
    clear(chart);
    var legend = $('metrics-legend');
    clear(legend);
    chart.dataset.key = title;
    chart.dataset.series = JSON.stringify(lines.map(function (l) { return l.name; }));
    chart.dataset.points = JSON.stringify(lines.map(function (l) {
      return l.points.map(function (p) { return [p.timestamp, p.value]; });
    }));
    $('metrics-chart-title').textContent = title;
    var count = 0;
    lines.forEach(function (l) { count += l.points.length; });
    chart.dataset.count = String(count);
    $('metrics-chart-note').textContent = note || '(' + lines.length + (lines.length === 1 ? ' series, ' : ' series, ')
      + count + (count === 1 ? ' point)' : ' points)');
    var W = 720, H = 300, L = 72, R = 20, T = 18, B = 40;
    if (count === 0) {
      chart.appendChild(svg('text', { x: W / 2, y: H / 2, 'class': 'empty', 'text-anchor': 'middle',
        text: lines.length === 0 ? 'no key matches' : 'no point in this range' }));
      return;
    }
    var t0 = Infinity, t1 = -Infinity, v0 = Infinity, v1 = -Infinity;
    lines.forEach(function (l) {
      l.points.forEach(function (p) {
        t0 = Math.min(t0, p.timestamp); t1 = Math.max(t1, p.timestamp);
        v0 = Math.min(v0, p.value); v1 = Math.max(v1, p.value);
      });
    });
    var scale = chartFrame(chart, t0, t1, v0, v1), x = scale.x, y = scale.y;
    lines.forEach(function (l, i) {
      var cls = 's' + i;
      legend.appendChild(el('li', { 'class': cls, 'data-series': l.name, text: l.name }));
      if (l.points.length === 0) { return; }
      chart.appendChild(svg('polyline', { 'class': 'series ' + cls, 'data-series': l.name,
        points: l.points.map(function (p) { return x(p.timestamp).toFixed(1) + ',' + y(p.value).toFixed(1); }).join(' ') }));
      var last = l.points[l.points.length - 1];
      chart.appendChild(svg('circle', { cx: x(last.timestamp), cy: y(last.value), r: 3.5, 'class': 'point last',
        'data-timestamp': last.timestamp, 'data-value': last.value },
        svg('title', { text: l.name + '  ' + fmtEpochSeconds(last.timestamp) + '  ' + fmtValue(last.value) })));
    });
  }

  function onMetricsKeyClick(event) {
    var tr = event.target.closest('tr[data-key]');
    if (!tr) { return; }
    ui.metricsKey = tr.dataset.key;
    $('metrics-target').value = ''; // a chosen key replaces the pattern
    if (ui.lastData.metrics) { renderMetrics(ui.lastData.metrics); }
  }

  /**
   * The frame both charts draw: the time and value ranges padded so a flat line shows, value
   * grid and ticks, three time ticks, the axes. Returns the time and value to pixel maps.
   */
  function chartFrame(chart, t0, t1, v0, v1) {
    var W = 720, H = 300, L = 72, R = 20, T = 18, B = 40;
    if (t0 === t1) { t0 -= 1; t1 += 1; }
    if (v0 === v1) { var pad = Math.abs(v0) * 0.1 || 1; v0 -= pad; v1 += pad; } else { var m = (v1 - v0) * 0.08; v0 -= m; v1 += m; }
    function x(t) { return L + (t - t0) / (t1 - t0) * (W - L - R); }
    function y(v) { return H - B - (v - v0) / (v1 - v0) * (H - T - B); }
    niceTicks(v0, v1, 5).forEach(function (v) {
      chart.appendChild(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), 'class': 'grid-line' }));
      chart.appendChild(svg('text', { x: L - 8, y: y(v) + 4, 'class': 'tick', 'text-anchor': 'end', text: fmtValue(v) }));
    });
    var shortTimes = t1 - t0 < 86400;
    [0, 0.5, 1].forEach(function (f) {
      var t = t0 + (t1 - t0) * f;
      chart.appendChild(svg('text', { x: x(t), y: H - B + 18, 'class': 'tick', 'text-anchor': f === 0 ? 'start' : f === 1 ? 'end' : 'middle',
        text: fmtEpochSeconds(Math.round(t), shortTimes) }));
    });
    chart.appendChild(svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, 'class': 'axis' }));
    chart.appendChild(svg('line', { x1: L, x2: L, y1: T, y2: H - B, 'class': 'axis' }));
    return { x: x, y: y };
  }

  /** Round numbers for axis ticks between lo and hi. */
  function niceTicks(lo, hi, count) {
    var span = hi - lo;
    var step = Math.pow(10, Math.floor(Math.log10(span / count)));
    var err = span / count / step;
    if (err >= 7.5) { step *= 10; } else if (err >= 3.5) { step *= 5; } else if (err >= 1.5) { step *= 2; }
    var ticks = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) { ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v); }
    return ticks;
  }

  function drawChart(key, allPoints) {
    var chart = $('metrics-chart');
    clear(chart);
    var points = allPoints.filter(function (p) { return p && typeof p.timestamp === 'number' && typeof p.value === 'number'; });
    var dropped = Math.max(0, points.length - MAX_CHART_POINTS);
    points = points.slice(dropped);
    chart.dataset.key = key === null ? '' : key;
    chart.dataset.count = String(points.length);
    chart.dataset.points = JSON.stringify(points.map(function (p) { return [p.timestamp, p.value]; }));
    $('metrics-chart-title').textContent = key === null ? 'no key chosen' : key;
    $('metrics-chart-note').textContent = dropped > 0 ? '(newest ' + points.length + ' of ' + allPoints.length + ' points)'
      : points.length ? '(' + points.length + (points.length === 1 ? ' point)' : ' points)') : '';
    var W = 720, H = 300, L = 72, R = 20, T = 18, B = 40;
    if (points.length === 0) {
      chart.appendChild(svg('text', { x: W / 2, y: H / 2, 'class': 'empty', 'text-anchor': 'middle', text: key === null ? 'no data' : 'no point for this key' }));
      return;
    }
    var t0 = points[0].timestamp, t1 = points[points.length - 1].timestamp;
    var v0 = Infinity, v1 = -Infinity;
    points.forEach(function (p) { v0 = Math.min(v0, p.value); v1 = Math.max(v1, p.value); });
    var scale = chartFrame(chart, t0, t1, v0, v1), x = scale.x, y = scale.y;

    var path = points.map(function (p) { return x(p.timestamp).toFixed(1) + ',' + y(p.value).toFixed(1); }).join(' ');
    chart.appendChild(svg('polyline', { points: path, 'class': 'series' }));
    var withDots = points.length <= 300;
    points.forEach(function (p, i) {
      if (!withDots && i !== points.length - 1) { return; }
      chart.appendChild(svg('circle', { cx: x(p.timestamp), cy: y(p.value), r: i === points.length - 1 ? 4.5 : 3,
        'class': i === points.length - 1 ? 'point last' : 'point', 'data-timestamp': p.timestamp, 'data-value': p.value },
        svg('title', { text: fmtEpochSeconds(p.timestamp) + '  ' + fmtValue(p.value) })));
    });
    var lastP = points[points.length - 1];
    chart.appendChild(svg('text', { x: Math.min(x(lastP.timestamp), W - R) - 6, y: y(lastP.value) - 10, 'class': 'last-label', 'text-anchor': 'end',
      text: fmtValue(lastP.value) }));
  }

  // ---------- lottery ----------

  function renderLottery(body) {
    var agencies = Array.isArray(body.agencies) ? body.agencies : [];
    var done = agencies.filter(function (a) { return a && a.done === true; }).length;
    var winners = 0;
    var totalBets = Math.max(1, num(body.totalBets));
    agencies.forEach(function (a) {
      winners += Array.isArray(a.winners) ? a.winners.length : 0;
    });
    var drawDone = body.drawDone === true;
    var cards = $('lottery-cards');
    clear(cards);
    append(cards, [
      card('bets stored', fmtInt(num(body.totalBets)), { field: 'totalBets' }),
      card('agencies done', done + ' / ' + agencies.length, { field: 'agenciesDone' }),
      card('draw', drawDone ? 'done' : 'pending', { field: 'drawDone', cls: drawDone ? 'good' : 'wait' }),
      card('winners', drawDone ? fmtInt(winners) : '–', { field: 'winners' })
    ]);
    cards.dataset.drawDone = String(drawDone);
    cards.dataset.totalBets = String(num(body.totalBets));
    var tbody = $('lottery-agencies').tBodies[0];
    clear(tbody);
    agencies.forEach(function (a) {
      var list = Array.isArray(a.winners) ? a.winners : [];
      var share = Math.min(100, num(a.bets) / totalBets * 100);
      var bar = el('div', { 'class': 'share' }, [el('div', { 'class': 'bar' }, el('span')), el('span', { 'class': 'muted small', text: share.toFixed(1) + '%' })]);
      bar.firstChild.firstChild.style.width = share.toFixed(1) + '%';
      var winnersCell = !drawDone ? el('span', { 'class': 'muted', text: 'after the draw' })
        : list.length === 0 ? el('span', { 'class': 'muted', text: 'none' })
        : details('lottery-' + a.agency, false, list.length + ' winner' + (list.length === 1 ? '' : 's'),
          el('div', { 'class': 'mono small', text: list.join(', ') }));
      tbody.appendChild(el('tr', { 'data-agency': a.agency, 'data-bets': num(a.bets), 'data-batches': num(a.batches),
        'data-done': String(a.done === true), 'data-winners': list.length }, [
        el('td', { text: a.agency }),
        el('td', { 'class': 'num', text: fmtInt(num(a.bets)) }),
        el('td', { 'class': 'num', text: fmtInt(num(a.batches)) }),
        el('td', null, bar),
        el('td', { 'class': a.done === true ? 'yes' : 'no', text: a.done === true ? '✔ done' : 'sending' }),
        el('td', null, winnersCell)
      ]));
    });
    if (agencies.length === 0) {
      tbody.appendChild(el('tr', null, el('td', { colspan: 6, 'class': 'muted', text: 'no agency yet' })));
    }
    setBadge('lottery', drawDone ? 'drawn' : done + '/' + agencies.length);
  }

  // ---------- collector ----------

  // the spool now, then what the distributor has done since start; each with how to read it
  var COLLECTOR_CARDS = [
    ['pending', 'ready to send', 'files whose period is over, waiting for the next run'],
    ['locked', 'being written', 'files of a period still open (their .lock is there)'],
    ['sent', 'sent', 'files the sink acknowledged (2xx), then deleted'],
    ['failures', 'failures', 'uploads that failed; their files stay and go again'],
    ['rejected', 'refused for good', 'files the sink refused (413), kept in the spool\'s rejected/ folder'],
    ['bytesSent', 'bytes sent', null],
    ['samples', 'samples written', null],
    ['runs', 'distributor runs', null]
  ];
  var COLLECTOR_LABELS = { lastRunAt: 'last run (UTC)', spool: 'spool directory', target: 'ships to' };
  var COLLECTOR_FACTS = ['target', 'spool', 'lastRunAt'];
  var HISTORY = 120;           // refreshes the spool chart remembers (6 minutes at 3 s)

  /** A member's label: a known one, else its camelCase name in words. */
  function labelOf(name) {
    return COLLECTOR_LABELS[name] || name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  }

  /** "12 s ago", "3 min ago" from an ISO instant, against this browser's clock. */
  function ago(text) {
    var then = Date.parse(text);
    if (typeof text !== 'string' || !isFinite(then)) { return ''; }
    var s = Math.max(0, Math.round((Date.now() - then) / 1000));
    return s < 90 ? s + ' s ago' : s < 5400 ? Math.round(s / 60) + ' min ago' : Math.round(s / 3600) + ' h ago';
  }

  function renderCollector(body) {
    var pending = num(body.pending), sent = num(body.sent), failures = num(body.failures), rejected = num(body.rejected);
    var lastError = body.lastError === null || body.lastError === undefined ? '' : String(body.lastError);
    var cards = $('collector-cards');
    clear(cards);
    COLLECTOR_CARDS.forEach(function (f) {
      var name = f[0];
      if (!Object.prototype.hasOwnProperty.call(body, name) && ['pending', 'locked', 'sent', 'failures'].indexOf(name) < 0) { return; }
      var value = num(body[name]);
      var cls = (name === 'failures' || name === 'rejected') && value > 0 ? 'bad'
        : name === 'pending' && value > 0 && lastError !== '' ? 'wait' : null;
      var node = card(f[1], /bytes/i.test(name) ? fmtBytes(value) : fmtInt(value), { field: name, cls: cls });
      if (f[2]) { node.title = f[2]; }
      cards.appendChild(node);
      cards.dataset[name] = String(value);
    });
    // members added later (more counters, paths, file lists) show up without a change here:
    // numbers as cards, text as label/value lines (paths are long), arrays as lists
    var known = COLLECTOR_CARDS.map(function (f) { return f[0]; }).concat(['lastError'], COLLECTOR_FACTS);
    var facts = $('collector-facts');
    var lists = $('collector-lists');
    clear(facts);
    clear(lists);
    function fact(name, text, extra) {
      facts.appendChild(el('div', { 'class': 'fact', 'data-field': name }, [
        el('span', { 'class': 'fact-label', text: labelOf(name) }),
        el('span', { 'class': 'fact-value mono', text: text }, extra ? el('span', { 'class': 'muted', text: '  ' + extra }) : null)
      ]));
    }
    COLLECTOR_FACTS.forEach(function (name) {
      if (!Object.prototype.hasOwnProperty.call(body, name)) { return; }
      var value = body[name];
      if (name === 'lastRunAt') {
        fact(name, value === null ? 'not yet' : fmtInstant(value), value === null ? null : ago(value));
      } else {
        fact(name, value === null ? '–' : String(value));
      }
    });
    Object.keys(body).forEach(function (name) {
      if (known.indexOf(name) >= 0) { return; }
      var value = body[name];
      if (typeof value === 'number') {
        cards.appendChild(card(labelOf(name), /bytes/i.test(name) ? fmtBytes(value) : fmtInt(value), { field: name }));
      } else if (typeof value === 'string' || typeof value === 'boolean' || value === null) {
        fact(name, value === null ? '–' : /At$/.test(name) ? fmtInstant(value) : String(value));
      } else if (Array.isArray(value)) {
        var list = details('collector-' + name, value.length <= 20, labelOf(name) + ' (' + value.length + ')',
          el('ul', { 'class': 'mono small' }, value.slice(0, MAX_ROWS).map(function (item) {
            return el('li', { text: typeof item === 'object' ? JSON.stringify(item) : item });
          })));
        list.dataset.list = name;
        lists.appendChild(list);
      }
    });
    var box = $('collector-last-error');
    box.dataset.error = lastError;
    box.className = 'last-error ' + (lastError === '' ? 'ok' : 'bad');
    box.textContent = lastError !== '' ? 'last error: ' + lastError
      : num(body.runs) === 0 && body.lastRunAt === null ? 'no run yet' : 'last run: no error';
    if (lastError !== '' && pending > 0) {
      box.appendChild(el('div', { 'class': 'small', text: pending + (pending === 1 ? ' file waits in the spool and goes' : ' files wait in the spool and go')
        + ' with the next run that reaches the sink; nothing is deleted before the sink takes it' }));
    }
    remember(body);
    drawSpool();
    setBadge('collector', lastError !== '' ? 'failing' : pending + ' ready');
  }

  /** Each refresh's spool, for the chart: a collector that restarted (sent went down) starts over. */
  function remember(body) {
    var history = ui.collectorHistory || (ui.collectorHistory = []);
    var last = history.length ? history[history.length - 1] : null;
    var now = { at: Date.now(), pending: num(body.pending), locked: num(body.locked), sent: num(body.sent),
      failed: body.lastError !== null && body.lastError !== undefined };
    if (last && (now.sent < last.sent || String(body.spool) !== last.spool)) { history.length = 0; last = null; }
    now.spool = String(body.spool);
    now.shipped = last ? now.sent - last.sent : 0;
    history.push(now);
    if (history.length > HISTORY) { history.splice(0, history.length - HISTORY); }
  }

  /** Files waiting and files shipped per refresh, over the refreshes remembered; red marks a failed run. */
  function drawSpool() {
    var chart = $('collector-chart');
    var history = ui.collectorHistory || [];
    clear(chart);
    chart.dataset.samples = String(history.length);
    chart.dataset.pending = JSON.stringify(history.map(function (h) { return h.pending; }));
    chart.dataset.shipped = JSON.stringify(history.map(function (h) { return h.shipped; }));
    var W = 720, H = 160, L = 44, R = 12, T = 12, B = 24;
    if (history.length < 2) {
      chart.appendChild(svg('text', { x: W / 2, y: H / 2, 'class': 'empty', 'text-anchor': 'middle', text: 'the spool over time shows from the next refresh' }));
      return;
    }
    var top = 1;
    history.forEach(function (h) { top = Math.max(top, h.pending, h.shipped); });
    function x(i) { return L + i / (history.length - 1) * (W - L - R); }
    function y(v) { return H - B - v / top * (H - T - B); }
    // file counts: whole-number ticks only
    niceTicks(0, top, 3).filter(function (v) { return v === Math.round(v); }).forEach(function (v) {
      chart.appendChild(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), 'class': 'grid-line' }));
      chart.appendChild(svg('text', { x: L - 6, y: y(v) + 4, 'class': 'tick', 'text-anchor': 'end', text: fmtValue(v) }));
    });
    history.forEach(function (h, i) {
      if (h.failed) { chart.appendChild(svg('rect', { x: x(i) - 2, y: T, width: 4, height: H - T - B, 'class': 'failed-run' })); }
    });
    chart.appendChild(svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, 'class': 'axis' }));
    var seconds = Math.round((history[history.length - 1].at - history[0].at) / 1000);
    chart.appendChild(svg('text', { x: L, y: H - 6, 'class': 'tick', text: seconds + ' s ago' }));
    chart.appendChild(svg('text', { x: W - R, y: H - 6, 'class': 'tick', 'text-anchor': 'end', text: 'now' }));
    [['pending', 's0'], ['shipped', 's1']].forEach(function (series) {
      chart.appendChild(svg('polyline', { 'class': 'series ' + series[1], 'data-series': series[0],
        points: history.map(function (h, i) { return x(i).toFixed(1) + ',' + y(h[series[0]]).toFixed(1); }).join(' ') }));
    });
  }

  // ---------- sink ----------

  function renderSink(body) {
    var receipts = Array.isArray(body.receipts) ? body.receipts.slice() : [];
    var bytes = 0;
    receipts.forEach(function (r) { bytes += num(r.bytes); });
    // the API lists receipts in arrival order: newest first here (no sort on the time text,
    // whose fraction of a second has a varying length)
    receipts.reverse();
    var cards = $('sink-cards');
    clear(cards);
    var received = typeof body.count === 'number' ? body.count : receipts.length;
    append(cards, [
      card('batches received', fmtInt(received), { field: 'receipts' }),
      card('bytes received', fmtBytes(bytes), { field: 'bytes' }),
      card('duplicates', fmtInt(num(body.duplicates)), { field: 'duplicates' })
    ]);
    cards.dataset.receipts = String(received);
    cards.dataset.duplicates = String(num(body.duplicates));
    var tbody = $('sink-receipts').tBodies[0];
    clear(tbody);
    receipts.slice(0, MAX_ROWS).forEach(function (r) {
      tbody.appendChild(el('tr', { 'data-batch-id': r.batchId }, [
        el('td', { 'class': 'mono', text: r.batchId }),
        el('td', { 'class': 'num', text: fmtInt(num(r.bytes)) }),
        el('td', { 'class': 'mono', text: fmtInstant(r.receivedAt) })
      ]));
    });
    if (receipts.length === 0) {
      tbody.appendChild(el('tr', null, el('td', { colspan: 3, 'class': 'muted', text: 'no batch received yet' })));
    }
    $('sink-more').textContent = receipts.length > MAX_ROWS ? MAX_ROWS + ' of ' + received + ' receipts shown' : '';
    setBadge('sink', String(received));
  }

  var RENDER = { tokens: renderTokens, metrics: renderMetrics, lottery: renderLottery, collector: renderCollector, sink: renderSink };

  function rerender(service) {
    if (ui.lastData[service] && $('panel-' + service).dataset.state === 'running') { RENDER[service](ui.lastData[service]); }
  }

  // ---------- start ----------

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-tab]').forEach(function (tab) {
      tab.addEventListener('click', function () { selectTab(tab.dataset.tab); });
    });
    $('auth').addEventListener('submit', onTokenSubmit);
    $('tokens-filter').addEventListener('input', function () { rerender('tokens'); });
    $('metrics-filter').addEventListener('input', function () { rerender('metrics'); });
    $('metrics-keys').addEventListener('click', onMetricsKeyClick);
    $('metrics-chart-form').addEventListener('submit', function (e) { e.preventDefault(); rerender('metrics'); });
    $('metrics-target').addEventListener('change', function () { rerender('metrics'); });
    $('metrics-range').addEventListener('change', function () { rerender('metrics'); });
    $('metrics-keys').addEventListener('keydown', function (e) { if (e.key === 'Enter') { onMetricsKeyClick(e); } });
    $('auto-refresh').addEventListener('change', schedule);
    $('refresh-now').addEventListener('click', refresh);
    window.addEventListener('hashchange', function () {
      var wanted = location.hash.replace('#', '');
      if (SERVICES.indexOf(wanted) >= 0) { selectTab(wanted); }
    });
    SERVICES.forEach(function (s) { setPanelState(s, 'loading', 'loading…'); });
    refresh();
  });
})();
