const REQUIREMENT = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*(.*?)\s*$/s;

interface Entry {
  readonly name: string;
  readonly spec: string;
  readonly extras: Set<string>;
  text: string;
}

/** PEP 503 normalized distribution name, so `Foo_Bar` and `foo-bar` are one distribution. */
const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/**
 * One list of Python requirements from several sources, in first-seen order. A distribution named
 * again with the same version spec is written once with the union of its extras
 * (`crewai>=1.15` + `crewai[bedrock]>=1.15` → `crewai[bedrock]>=1.15`); anything else is kept as written.
 */
export function mergeRequirements(...lists: readonly (readonly string[])[]): string[] {
  const entries: Entry[] = [];
  const byKey = new Map<string, Entry>();
  for (const text of lists.flat()) {
    const m = REQUIREMENT.exec(text);
    if (!m) {
      if (!entries.some((e) => e.text === text)) entries.push({ name: text, spec: '', extras: new Set(), text });
      continue;
    }
    const [, name, extras, spec] = m;
    const key = `${normalize(name)}|${spec.replace(/\s+/g, '')}`;
    const extraNames = (extras ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const seen = byKey.get(key);
    if (!seen) {
      const entry: Entry = { name, spec, extras: new Set(extraNames), text };
      byKey.set(key, entry);
      entries.push(entry);
      continue;
    }
    const before = seen.extras.size;
    for (const x of extraNames) seen.extras.add(x);
    if (seen.extras.size !== before) {
      seen.text = `${seen.name}[${[...seen.extras].sort().join(',')}]${seen.spec}`;
    }
  }
  return entries.map((e) => e.text);
}
