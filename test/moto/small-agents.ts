/** The smallest agent code deploy can package: a pyproject with no dependencies and a main.py. */
export function smallAgentFiles(agents: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    agents.flatMap((a) => [
      [`app/${a}/pyproject.toml`, `[project]\nname = "${a.toLowerCase()}"\nversion = "0.1.0"\nrequires-python = ">=3.10"\ndependencies = []\n`],
      [`app/${a}/main.py`, 'def handler(payload):\n    return {"answer": "hello"}\n'],
    ]),
  );
}
