package dev.ninelives.status;

/**
 * The status page served at {@code GET /status}: one self-contained HTML document (inline CSS
 * and script, no external assets, no build step) that polls {@code status.json} every two
 * seconds, by a relative URL so it works under any path prefix, and redraws without a reload.
 *
 * <p>Written for the application's own users: plain words, coloured dots with a word beside
 * them (never colour alone), no internal names. While {@code status.json} cannot be reached it
 * says "Status unavailable, retrying" and keeps the last reading on screen; it never throws
 * into the console. Every value from the JSON is inserted as text, never as markup.
 */
public final class StatusPage {
  private StatusPage() {
  }

  /** The page, the same for every request: serve it as {@code text/html; charset=utf-8}. */
  public static String html() {
    return HTML;
  }

  private static final String HTML = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <link rel="icon" href="data:,">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Service status</title>
      <style>
        :root { --ok:#1a7f37; --warn:#b58100; --bad:#c62828; --rec:#1f6feb; --muted:#5f6b7a;
                --bg:#f6f8fa; --card:#fff; --line:#d8dee4; --text:#1f2328; }
        * { box-sizing: border-box; }
        body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
               background:var(--bg); color:var(--text); }
        main { max-width:960px; margin:0 auto; padding:24px 16px 48px; }
        h1 { font-size:24px; margin:0 0 16px; }
        h2 { font-size:18px; margin:32px 0 12px; }
        h3 { font-size:16px; margin:0; }
        .banner { border-radius:8px; padding:16px 20px; font-size:18px; font-weight:600;
                  color:#fff; background:var(--muted); }
        .banner.operational { background:var(--ok); }
        .banner.degraded { background:var(--warn); }
        .banner.partial-outage { background:#d9480f; }
        .banner.major-outage { background:var(--bad); }
        .meta { color:var(--muted); font-size:13px; margin:8px 0 0; }
        .notice { display:none; margin-top:12px; padding:10px 14px; border-radius:6px;
                  background:#fff8c5; border:1px solid #d4a72c; }
        .notice.show { display:block; }
        .stale { opacity:.6; }
        .cards { display:grid; gap:12px; }
        .card { background:var(--card); border:1px solid var(--line); border-radius:8px;
                padding:14px 16px; }
        .card-head { display:flex; justify-content:space-between; align-items:center; gap:12px; }
        .state { white-space:nowrap; font-weight:600; }
        .dot { display:inline-block; width:10px; height:10px; border-radius:50%;
               margin-right:6px; vertical-align:baseline; background:var(--muted); }
        .s-healthy .dot { background:var(--ok); }
        .s-degraded .dot { background:var(--warn); }
        .s-recovering .dot { background:var(--rec); }
        .s-down .dot, .s-quarantined .dot { background:var(--bad); }
        table { width:100%; border-collapse:collapse; margin-top:10px; font-size:14px; }
        th, td { text-align:left; padding:6px 8px; border-top:1px solid var(--line);
                 vertical-align:middle; }
        th { color:var(--muted); font-weight:500; font-size:13px; }
        .num { white-space:nowrap; }
        .spark svg { display:block; }
        details { margin-top:4px; }
        summary { cursor:pointer; color:var(--muted); font-size:13px; }
        .changes { margin:4px 0 0; padding-left:18px; color:var(--muted); font-size:13px; }
        .incident { background:var(--card); border:1px solid var(--line); border-radius:8px;
                    padding:14px 16px; margin-bottom:12px; }
        .incident.open { border-left:4px solid var(--bad); }
        .badge { font-size:12px; font-weight:600; padding:2px 8px; border-radius:10px;
                 background:#eaeef2; color:var(--muted); white-space:nowrap; }
        .badge.open { background:#ffebe9; color:var(--bad); }
        .timeline { margin:8px 0 0; padding-left:0; list-style:none; }
        .timeline li { padding:3px 0 3px 12px; border-left:2px solid var(--line); }
        .when { color:var(--muted); font-variant-numeric:tabular-nums; margin-right:8px; }
        .empty { color:var(--muted); }
      </style>
      </head>
      <body>
      <main>
        <h1>Service status</h1>
        <div id="banner" class="banner">Loading status&hellip;</div>
        <p class="meta" id="updated">Updates every 2 seconds.</p>
        <div id="notice" class="notice" role="status">Status unavailable, retrying&hellip;</div>
        <noscript><p>This page needs JavaScript to show live status.</p></noscript>
        <div id="content">
          <h2>Providers</h2>
          <div id="providers" class="cards"><p class="empty">No data yet.</p></div>
          <h2>Models</h2>
          <div id="routes"><p class="empty">No requests in the last 5 minutes.</p></div>
          <h2>Incidents</h2>
          <div id="incidents"><p class="empty">No incidents.</p></div>
        </div>
      </main>
      <script>
      (function () {
        'use strict';
        var POLL_MS = 2000;
        var WORDS = {
          healthy: 'Working normally',
          degraded: 'Slower or less reliable',
          recovering: 'Recovering',
          down: 'Unavailable',
          quarantined: 'Unavailable (access refused)'
        };
        var CHANGES = {
          open: 'Paused after repeated failures',
          'half-open': 'Testing whether it has recovered',
          closed: 'Back to normal'
        };
        var openDetails = {};

        function el(tag, cls, text) {
          var e = document.createElement(tag);
          if (cls) { e.className = cls; }
          if (text !== undefined && text !== null) { e.textContent = String(text); }
          return e;
        }
        function str(v) { return typeof v === 'string' ? v : ''; }
        function obj(v) { return v && typeof v === 'object' ? v : {}; }
        function list(v) { return Array.isArray(v) ? v.map(obj) : []; }
        function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }
        function num(v) { return typeof v === 'number' && isFinite(v) ? v : null; }
        function pct(v) {
          v = num(v);
          if (v === null) { return 'no requests'; }
          var p = v * 100;
          return (p >= 99.95 || p === 0 ? p.toFixed(0) : p.toFixed(1)) + '% succeeded';
        }
        function ms(v) {
          v = num(v);
          if (v === null) { return '-'; }
          return v < 1000 ? Math.round(v) + ' ms' : (v / 1000).toFixed(1) + ' s';
        }
        function time(iso) {
          var d = new Date(str(iso));
          return isNaN(d.getTime()) ? '' : d.toLocaleTimeString();
        }
        function dateTime(iso) {
          var d = new Date(str(iso));
          return isNaN(d.getTime()) ? '' : d.toLocaleString();
        }
        function duration(s) {
          s = num(s) || 0;
          if (s < 60) { return Math.round(s) + ' s'; }
          if (s < 3600) { return Math.floor(s / 60) + ' min'; }
          return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
        }
        function stateBadge(state) {
          var s = str(state);
          var span = el('span', 'state s-' + (WORDS[s] ? s : 'unknown'));
          span.appendChild(el('span', 'dot'));
          span.appendChild(document.createTextNode(WORDS[s] || 'Unknown'));
          return span;
        }
        function sparkline(series) {
          var pts = Array.isArray(series) ? series : [];
          var box = el('span', 'spark');
          if (!pts.length) { return box; }
          var w = 90, h = 22, step = w / Math.max(1, pts.length - 1), coords = [];
          for (var i = 0; i < pts.length; i++) {
            var v = num(pts[i]);
            if (v === null) { continue; }
            coords.push((i * step).toFixed(1) + ',' + (h - 2 - v * (h - 4)).toFixed(1));
          }
          if (!coords.length) { return box; }
          // Only numbers computed here go into this markup.
          box.innerHTML = '<svg width="' + w + '" height="' + h + '" viewBox="0 0 ' + w + ' ' + h
            + '" role="img" aria-label="success over the last 5 minutes">'
            + '<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="'
            + coords.join(' ') + '"/></svg>';
          return box;
        }
        function remember(details, key) {
          details.open = !!openDetails[key];
          details.addEventListener('toggle', function () { openDetails[key] = details.open; });
          return details;
        }
        function renderProviders(providers) {
          var box = document.getElementById('providers');
          box.textContent = '';
          if (!providers.length) { box.appendChild(el('p', 'empty', 'No providers configured.')); }
          providers.forEach(function (p) {
            var card = el('section', 'card');
            var head = el('div', 'card-head');
            head.appendChild(el('h3', null, str(p.name)));
            head.appendChild(stateBadge(p.state));
            card.appendChild(head);
            var targets = list(p.targets);
            if (!targets.length) { card.appendChild(el('p', 'empty', 'No models in use.')); }
            else {
              var table = el('table');
              var tr = el('tr');
              ['Model', 'State', 'Last 5 minutes', 'Typical answer', 'Slowest 5%', ''].forEach(
                function (t) { tr.appendChild(el('th', null, t)); });
              table.appendChild(tr);
              targets.forEach(function (t) {
                var row = el('tr');
                var name = el('td');
                name.appendChild(el('div', null, str(t.model) || str(t.id)));
                var hist = list(obj(t.breaker).history);
                if (hist.length) {
                  var d = remember(el('details'), 'h:' + str(t.id));
                  d.appendChild(el('summary', null, 'Recent changes'));
                  var ul = el('ul', 'changes');
                  hist.slice(-10).reverse().forEach(function (h) {
                    ul.appendChild(el('li', null, time(h.at) + ' ' + (CHANGES[str(h.to)] || '')));
                  });
                  d.appendChild(ul);
                  name.appendChild(d);
                }
                row.appendChild(name);
                var st = el('td');
                st.appendChild(stateBadge(t.state));
                var retry = num(obj(t.breaker).retry_in_s);
                if (retry !== null && str(t.state) === 'down') {
                  st.appendChild(el('div', 'meta', 'next try in ' + duration(retry)));
                }
                row.appendChild(st);
                row.appendChild(el('td', 'num', pct(t.success_rate_5m)));
                row.appendChild(el('td', 'num', ms(t.latency_p50_ms)));
                row.appendChild(el('td', 'num', ms(t.latency_p95_ms)));
                var sp = el('td');
                sp.appendChild(sparkline(t.success_rate_10s));
                row.appendChild(sp);
                table.appendChild(row);
              });
              card.appendChild(table);
            }
            box.appendChild(card);
          });
        }
        function renderRoutes(routes) {
          var box = document.getElementById('routes');
          box.textContent = '';
          if (!routes.length) {
            box.appendChild(el('p', 'empty', 'No requests in the last 5 minutes.'));
            return;
          }
          var card = el('div', 'card');
          var table = el('table');
          var tr = el('tr');
          ['Model name', 'Requests (5 min)', 'Success', 'Typical answer', 'Answered by a backup']
            .forEach(function (t) { tr.appendChild(el('th', null, t)); });
          table.appendChild(tr);
          routes.forEach(function (r) {
            var row = el('tr');
            row.appendChild(el('td', null, str(r.name)));
            row.appendChild(el('td', 'num', num(r.requests_5m) || 0));
            row.appendChild(el('td', 'num', pct(r.success_rate_5m)));
            row.appendChild(el('td', 'num', ms(r.latency_p50_ms)));
            row.appendChild(el('td', 'num', num(r.failed_over_5m) || 0));
            table.appendChild(row);
          });
          card.appendChild(table);
          box.appendChild(card);
        }
        function renderIncident(i) {
          var isOpen = str(i.status) === 'open';
          var box = el('article', 'incident' + (isOpen ? ' open' : ''));
          var head = el('div', 'card-head');
          head.appendChild(el('h3', null, str(i.title)));
          head.appendChild(el('span', 'badge' + (isOpen ? ' open' : ''),
            isOpen ? 'Ongoing' : 'Resolved'));
          box.appendChild(head);
          var when = 'Started ' + dateTime(i.opened_at)
            + (isOpen ? ', ongoing for ' : ', resolved ' + time(i.resolved_at) + ' after ')
            + duration(i.duration_s) + '.';
          box.appendChild(el('p', 'meta', when));
          var imp = obj(i.impact);
          var parts = [
            plural(num(imp.requests_affected) || 0, 'request', 'requests') + ' affected',
            (num(imp.failed) || 0) + ' failed',
            (num(imp.failed_over) || 0) + ' answered by a backup'];
          var extra = num(imp.extra_latency_ms);
          if (extra !== null && extra >= 1) { parts.push(ms(extra) + ' slower on average'); }
          box.appendChild(el('p', 'meta', parts.join(' · ')));
          var ol = el('ol', 'timeline');
          list(i.timeline).forEach(function (e) {
            var li = el('li');
            li.appendChild(el('span', 'when', time(e.at)));
            li.appendChild(document.createTextNode(str(e.text)));
            ol.appendChild(li);
          });
          if (isOpen) { box.appendChild(ol); }
          else {
            var d = remember(el('details'), 'i:' + str(i.id));
            d.appendChild(el('summary', null, 'What happened'));
            d.appendChild(ol);
            box.appendChild(d);
          }
          return box;
        }
        function renderIncidents(incidents) {
          var box = document.getElementById('incidents');
          box.textContent = '';
          if (!incidents.length) { box.appendChild(el('p', 'empty', 'No recent incidents.')); }
          incidents.forEach(function (i) { box.appendChild(renderIncident(i)); });
        }
        function render(s) {
          var banner = document.getElementById('banner');
          var overall = str(s.overall);
          banner.className = 'banner ' + overall.replace(/ /g, '-');
          banner.textContent = str(s.summary) || 'Status unknown';
          document.getElementById('updated').textContent =
            'Updated ' + time(s.generated_at) + '. Updates every 2 seconds.';
          renderProviders(list(s.providers));
          renderRoutes(list(s.routes));
          renderIncidents(list(s.incidents));
        }
        function unavailable() {
          document.getElementById('notice').className = 'notice show';
          document.getElementById('content').className = 'stale';
        }
        function available() {
          document.getElementById('notice').className = 'notice';
          document.getElementById('content').className = '';
        }
        function poll() {
          var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
          var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, 5000) : null;
          var opts = { cache: 'no-store', headers: { 'Accept': 'application/json' } };
          if (ctrl) { opts.signal = ctrl.signal; }
          var p;
          try { p = fetch('status.json', opts); } catch (e) { p = Promise.reject(e); }
          p.then(function (res) {
            if (!res.ok) { throw new Error('status ' + res.status); }
            return res.json();
          }).then(function (s) {
            if (!s || typeof s !== 'object') { throw new Error('bad status'); }
            render(s);
            available();
          }).catch(function () {
            unavailable();
          }).then(function () {
            if (timer) { clearTimeout(timer); }
            setTimeout(poll, POLL_MS);
          });
        }
        poll();
      })();
      </script>
      </body>
      </html>
      """;
}
