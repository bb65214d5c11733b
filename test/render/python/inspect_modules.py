"""Compiles Python files and describes their top level; prints one JSON object.

    python3 inspect_modules.py FILE...

Per file: `error` (what py_compile reported, or null) and, when it compiles, `statements` (the
kind and name of each top-level statement, so an injected statement shows up), `constants` (the
values of top-level NAME = <literal> assignments) and `functions` (top-level function names).
"""

import ast
import json
import os
import py_compile
import sys
import tempfile


def name_of(node: ast.stmt) -> str:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return f"{type(node).__name__}:{node.name}"
    if isinstance(node, ast.Assign):
        return "Assign:" + ",".join(ast.unparse(t) for t in node.targets)
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return f"{type(node).__name__}:" + ",".join(a.name for a in node.names)
    return type(node).__name__


def describe(path: str, scratch: str) -> dict:
    try:
        py_compile.compile(path, cfile=os.path.join(scratch, "out.pyc"), doraise=True)
    except py_compile.PyCompileError as error:
        return {"error": error.msg}
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return {
        "error": None,
        "statements": [name_of(node) for node in tree.body],
        "constants": constants,
        "functions": [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))],
        "docstring": ast.get_docstring(tree),
    }


with tempfile.TemporaryDirectory() as scratch:
    print(json.dumps({path: describe(path, scratch) for path in sys.argv[1:]}))
