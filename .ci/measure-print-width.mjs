// How many lines prettier would change in the tracked files at each printWidth given, to choose
// the width that rewrites the fewest. Usage: node .ci/measure-print-width.mjs 140 150 160 170
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';

process.chdir(path.join(path.dirname(new URL(import.meta.url).pathname), '..'));

const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);
const base = await prettier.resolveConfig('.prettierrc.json');
const formattable = [];
for (const f of files) {
  const info = await prettier.getFileInfo(f, { ignorePath: ['.prettierignore', '.gitignore'] });
  if (!info.ignored && info.inferredParser) formattable.push(f);
}
const widths = process.argv.slice(2).map(Number);
for (const width of widths) {
  const out = path.join('.tmp', 'print-width', String(width));
  fs.rmSync(out, { recursive: true, force: true });
  const byExt = {};
  for (const f of formattable) {
    const src = fs.readFileSync(f, 'utf8');
    const formatted = await prettier.format(src, { ...base, printWidth: width, filepath: f });
    if (formatted === src) continue;
    const a = path.join(out, 'a', f),
      b = path.join(out, 'b', f);
    fs.mkdirSync(path.dirname(a), { recursive: true });
    fs.mkdirSync(path.dirname(b), { recursive: true });
    fs.writeFileSync(a, src);
    fs.writeFileSync(b, formatted);
    let stat = '';
    try {
      stat = execFileSync('git', ['diff', '--no-index', '--numstat', a, b], { encoding: 'utf8' });
    } catch (e) {
      stat = e.stdout;
    }
    const [add, del] = stat.trim().split(/\s+/).map(Number);
    const ext = path.extname(f) || f;
    byExt[ext] ??= { files: 0, added: 0, removed: 0 };
    byExt[ext].files++;
    byExt[ext].added += add;
    byExt[ext].removed += del;
  }
  const total = Object.values(byExt).reduce((t, x) => ({ files: t.files + x.files, added: t.added + x.added, removed: t.removed + x.removed }), {
    files: 0,
    added: 0,
    removed: 0,
  });
  console.log(`printWidth ${width}: ${total.files} files, ${total.removed} existing lines rewritten as ${total.added} lines`, JSON.stringify(byExt));
}
console.log(`(of ${formattable.length} files prettier formats)`);
