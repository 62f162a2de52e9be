
const { main } = await import(process.argv[2]);
let out = '';
const io = { stdout: (t) => { out += t; }, stderr: (t) => process.stderr.write(t), isTTY: false, cwd: process.cwd(), env: process.env, signal: new AbortController().signal };
const t = performance.now();
const code = await main(['analyze', process.argv[3], '--json'], io);
const doc = JSON.parse(out);
const f = doc.files[0];
process.stdout.write(JSON.stringify({ code, seconds: (performance.now() - t) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, series: f.series?.map((s) => ({ name: s.name, points: s.points, verdict: s.verdict })) ?? f.error, notes: f.notes }) + '\n');
