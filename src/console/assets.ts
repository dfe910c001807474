/**
 * The console's two assets, served by the controller itself (`/console.css`, `/console.js`): no
 * external asset, nothing inline, so the CSP can be `default-src 'none'` with only 'self' for
 * style and script. Every page works without the script: it only rewrites `<time>` elements into
 * the viewer's own zone (the UTC value stays in the tooltip) and reloads a page that asks for it
 * (`data-refresh`), with a button to stop — never a `<meta>` refresh, which the user cannot stop (WCAG 2.2.1).
 *
 * Colours meet WCAG AA (4.5:1) for text on their backgrounds; state is never colour alone (each
 * badge carries its word).
 */
export const CONSOLE_CSS = `:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--head:#f6f8fa;--link:#0550ae;--focus:#0969da;
--ok-fg:#116329;--ok-bg:#dafbe1;--warn-fg:#7d4e00;--warn-bg:#fff8c5;--bad-fg:#a40e26;--bad-bg:#ffebe9;--neutral-fg:#393f46;--neutral-bg:#eff2f5}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
header{display:flex;flex-wrap:wrap;align-items:center;gap:1rem;padding:.5rem 1.5rem;border-bottom:1px solid var(--line);background:var(--head)}
header .brand{font-weight:700;font-size:1.1rem;color:var(--fg);text-decoration:none}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
nav a{text-decoration:none;padding:.25rem 0}
nav a[aria-current=page]{font-weight:700;color:var(--fg);border-bottom:3px solid var(--focus)}
.session{margin-left:auto;display:flex;gap:.5rem;align-items:center}
main{padding:1rem 1.5rem 2rem;max-width:90rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .5rem}
table{border-collapse:collapse;margin:.25rem 0 1rem;min-width:20rem}
th,td{border:1px solid var(--line);padding:.3rem .55rem;text-align:left;vertical-align:top}
thead th{background:var(--head)}
tbody th{font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted{color:var(--muted)}
.badge{display:inline-block;padding:0 .45rem;border-radius:1rem;border:1px solid currentColor;font-size:.85rem;font-weight:600;white-space:nowrap}
.ok{color:var(--ok-fg);background:var(--ok-bg)}
.warn{color:var(--warn-fg);background:var(--warn-bg)}
.bad{color:var(--bad-fg);background:var(--bad-bg)}
.neutral{color:var(--neutral-fg);background:var(--neutral-bg)}
.cards{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0;margin:.25rem 0 1rem}
.cards li{border:1px solid var(--line);border-radius:.4rem;min-width:9rem}
.cards a,.cards span.card{display:block;padding:.5rem .75rem;text-decoration:none;color:inherit;border-radius:.4rem}
.cards .n{display:block;font-size:1.6rem;font-weight:700}
.condition{border:1px solid currentColor;border-radius:.4rem;padding:.6rem .9rem;margin:.5rem 0 1rem}
.condition p{margin:.2rem 0}
.error-text{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.9rem}
form.inline{display:inline}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;margin:.5rem 0 1rem}
form.filters label{display:flex;flex-direction:column;font-size:.9rem}
input,select,button{font:inherit;padding:.25rem .4rem}
button{cursor:pointer;border:1px solid #1f6feb;background:#0969da;color:#fff;border-radius:.3rem}
button.secondary{background:#fff;color:#0550ae}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0 1rem}
.notice{border-left:4px solid var(--focus);background:var(--head);padding:.5rem .75rem}
ul.tree{list-style:none;padding-left:1.25rem;margin:0}
ul.tree>li{margin:.25rem 0 .75rem}
.pager{display:flex;gap:1rem;align-items:center}
pre{background:var(--head);border:1px solid var(--line);padding:.5rem;overflow:auto}
code{font-family:ui-monospace,monospace;font-size:.92em}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.markdown table{min-width:0}
`;

export const CONSOLE_JS = `// updops console: times in the viewer's own zone (the UTC value stays in the tooltip), and the
// reload of a page that asks for it (a run in progress, the overview) with a button to stop it.
// Pages work without this script.
(function () {
  var fmt;
  try { fmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }); } catch (e) { fmt = null; }
  if (fmt) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
    var times = document.querySelectorAll('time[datetime*="T"]');
    for (var i = 0; i < times.length; i++) {
      var d = new Date(times[i].getAttribute('datetime'));
      if (!isNaN(d.getTime())) { times[i].textContent = fmt.format(d); times[i].title = d.toISOString() + ' (UTC); shown in ' + zone; }
    }
  }
  var seconds = Number(document.body.getAttribute('data-refresh'));
  if (seconds > 0 && sessionStorage.getItem('updops-no-refresh') !== '1') {
    var timer = setTimeout(function () { location.reload(); }, seconds * 1000);
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = 'Stop refreshing (every ' + seconds + ' s)';
    button.addEventListener('click', function () { clearTimeout(timer); sessionStorage.setItem('updops-no-refresh', '1'); button.remove(); });
    var main = document.getElementById('main');
    if (main) main.insertBefore(button, main.firstChild);
  }
})();
`;
