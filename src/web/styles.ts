/** The page's whole stylesheet: inline, small, light and dark, no motion. */
export const STYLES = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #59636e; --bg: #fff; --card: #f6f8fa; --line: #d1d9e0;
  --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --none: #59636e; --maint: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --card: #151b23; --line: #3d444d;
  --ok: #3fb950; --warn: #d29922; --bad: #f85149; --none: #9198a1; --maint: #4493f8; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 56rem; padding: 1.5rem 1rem 3rem; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; }
.banner { padding: 1rem 1.25rem; border-radius: .5rem; border: 1px solid var(--line); background: var(--card); font-size: 1.15rem; font-weight: 600; }
.banner small { display: block; font-weight: 400; font-size: .9rem; color: var(--muted); }
.components { list-style: none; margin: 0; padding: 0; border: 1px solid var(--line); border-radius: .5rem; }
.components li { display: grid; grid-template-columns: 1fr auto; gap: .25rem 1rem; padding: .75rem 1rem; border-top: 1px solid var(--line); }
.components li:first-child { border-top: 0; }
.name { font-weight: 600; }
.detail { grid-column: 1 / -1; color: var(--muted); font-size: .875rem; }
.state { font-weight: 600; white-space: nowrap; }
.state-operational { color: var(--ok); } .state-degraded { color: var(--warn); }
.state-partial-outage, .state-major-outage { color: var(--bad); } .state-no-data { color: var(--none); }
.state-maintenance { color: var(--maint); }
.icon { display: inline-block; width: 1.2em; text-align: center; }
.marked { color: var(--fg); } .marked strong { color: var(--warn); }
footer, .method { color: var(--muted); font-size: .875rem; }
dl.states dt { font-weight: 600; } dl.states dd { margin: 0 0 .5rem 1rem; }
`
