"""Reads the tool schemas of a managed MCP server's tools.py (Lambda + Python).

Run by agentcore-projen (never by synth): python tool_schemas.py <code dir> <label>

Each public top-level function defined in tools.py is a tool: its name is the tool name, its
docstring (before any section) the description, each parameter one argument, typed by its hint and
described by the docstring's Args section (or Annotated[T, "text"]). Prints one JSON object,
{"tools": [...], "issues": [{"where": ..., "message": ...}]}, on stdout. Standard library only.
"""

import collections.abc
import dataclasses
import datetime
import decimal
import enum
import importlib.util
import inspect
import json
import os
import re
import sys
import types
import typing

SECTION = re.compile(
    r"^(Args|Arguments|Parameters|Params|Keyword Args|Keyword Arguments|Attributes|Fields|Returns?|Yields?|Raises|"
    r"Examples?|Notes?|See Also|Todo|Warnings?|References)\s*:\s*$"
)
ENTRY = re.compile(r"^\*{0,2}(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$")
REST_PARAM = re.compile(r"^:(?:param|ivar|var)\s+(?:[^:]*\s)?(\w+)\s*:\s*(.*)$")
TOOL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Problem(Exception):
    """A type that cannot be described; the message says why and what to write instead."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def doc_parts(doc):
    """The description (text before the first section) and the documented names of a docstring."""
    if not doc:
        return "", {}
    lines = inspect.cleandoc(doc).splitlines()
    summary, names = [], {}
    i = 0
    while i < len(lines) and not SECTION.match(lines[i].strip()) and not REST_PARAM.match(lines[i].strip()):
        summary.append(lines[i])
        i += 1
    current, section, entry_indent = None, None, None
    for line in lines[i:]:
        stripped = line.strip()
        rest = REST_PARAM.match(stripped)
        if rest:
            current = rest.group(1)
            names[current] = rest.group(2).strip()
            continue
        header = SECTION.match(stripped)
        if header and len(line) - len(line.lstrip()) == 0:
            section, current, entry_indent = header.group(1), None, None
            continue
        if not stripped:
            current = None
            continue
        indent = len(line) - len(line.lstrip())
        documents_names = section in ("Args", "Arguments", "Parameters", "Params", "Keyword Args", "Keyword Arguments", "Attributes", "Fields")
        entry = ENTRY.match(stripped)
        if documents_names and entry and (entry_indent is None or indent <= entry_indent):
            entry_indent = indent
            current = entry.group(1)
            names[current] = entry.group(2).strip()
        elif current is not None and (section is None or documents_names):
            names[current] = f"{names[current]} {stripped}".strip()
    return "\n".join(summary).strip(), names


def described(schema, description):
    if not description:
        return schema
    out = {"type": schema["type"], "description": description}
    out.update((k, v) for k, v in schema.items() if k not in ("type", "description"))
    return out


def object_schema(properties, required):
    out = {"type": "object", "properties": properties}
    if required:
        out["required"] = list(required)
    out["additionalProperties"] = False
    return out


def type_name(tp):
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


class Reader:
    def __init__(self):
        self.expanding = []

    def schema(self, tp, field):
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin is typing.Annotated:
            text = next((m for m in args[1:] if isinstance(m, str)), None)
            return described(self.schema(args[0], field), text)
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is typing.Any or tp is object:
            raise Problem(field, f"`{type_name(tp)}` says nothing about the value, so it cannot be described to the agent; give it a concrete type (str, int, float, bool, a TypedDict or a list)")
        if origin is typing.Literal:
            return self.literal(args, field)
        if origin is typing.Union or origin is types.UnionType:
            if type(None) in args:
                raise Problem(field, "the gateway cannot describe None; give the parameter a default (`= None`) so the agent may leave it out")
            return self.union(args, tp, field)
        if origin in (list, collections.abc.Sequence, collections.abc.MutableSequence):
            return {"type": "array", "items": self.schema(args[0], f"{field}[]")} if args else self.bare_list(field)
        if tp in (list, typing.List, typing.Sequence):
            return self.bare_list(field)
        if tp is tuple or origin is tuple:
            raise Problem(field, "tuples cannot be described to the gateway (its arrays have one item type); use a TypedDict with named fields, or a list")
        if tp in (dict, typing.Dict) or origin in (dict, collections.abc.Mapping, collections.abc.MutableMapping):
            raise Problem(field, "a dict with arbitrary keys cannot be described to the gateway; use a TypedDict that lists the fields, or a list of {key, value} TypedDicts")
        if tp in (set, frozenset) or origin in (set, frozenset, collections.abc.Set):
            raise Problem(field, "JSON has no sets; use list[...]")
        if tp in (datetime.datetime, datetime.date, datetime.time):
            raise Problem(field, f"the gateway passes JSON, so the function would receive a string, not a {tp.__name__}; declare it as str (ISO 8601) and parse it in the function")
        if tp is bytes or tp is bytearray:
            raise Problem(field, "JSON has no binary data; use str (e.g. base64) and decode it in the function")
        if tp is decimal.Decimal:
            raise Problem(field, "arguments arrive as JSON numbers; use float (or str, for exact decimals)")
        if tp is type(None):
            raise Problem(field, "None is not an argument; remove it")
        if hasattr(tp, "__supertype__"):  # typing.NewType
            return self.schema(tp.__supertype__, field)
        if isinstance(tp, typing.TypeVar):
            raise Problem(field, f"`{tp}` is a type variable; a tool needs concrete types")
        if origin is collections.abc.Callable or tp is collections.abc.Callable or callable(tp) and not inspect.isclass(tp):
            raise Problem(field, "is a function; arguments arrive as JSON, which holds no functions: remove it")
        # The handler passes the event's JSON values as they are: a parameter gets what JSON holds.
        if inspect.isclass(tp) and issubclass(tp, enum.Enum):
            values = ", ".join(json.dumps(m.value) for m in tp)
            raise Problem(field, f"the handler passes the plain JSON value, not a {tp.__name__} member; use Literal[{values}] and convert it in the function if you need the enum")
        if dataclasses.is_dataclass(tp):
            raise Problem(field, f"the handler passes a dict, not a {tp.__name__}; declare the fields with a TypedDict (a dict at run time) and build the dataclass in the function if you need one")
        if typing.is_typeddict(tp):
            return self.record(tp, field)
        raise Problem(field, f"`{type_name(tp)}` cannot be described to the gateway; use str, int, float, bool, Literal[...], list[...] or a TypedDict")

    def bare_list(self, field):
        raise Problem(field, "say what the list holds, e.g. list[str]")

    def literal(self, values, field):
        kinds = {"boolean" if isinstance(v, bool) else "integer" if isinstance(v, int) else "number" if isinstance(v, float) else "string" if isinstance(v, str) else None for v in values}
        if None in kinds:
            raise Problem(field, "Literal values must be strings, numbers or booleans")
        if kinds == {"integer", "number"}:
            kinds = {"number"}
        if len(kinds) > 1:
            raise Problem(field, "the Literal mixes types, which the gateway cannot describe; use values of one type")
        kind = kinds.pop()
        unique = list(dict.fromkeys(values))
        if kind == "boolean" and len(unique) == 2:
            return {"type": "boolean"}
        return {"type": kind, "enum": unique}

    def union(self, members, tp, field):
        schemas = [self.schema(m, field) for m in members]
        kinds = {s["type"] for s in schemas}
        if len(kinds) > 1:
            raise Problem(field, f"`{type_name(tp)}` mixes types, which the gateway cannot describe; use one type (e.g. Literal[...] of strings)")
        kind = kinds.pop()
        if kind in ("object", "array"):
            raise Problem(field, f"a union of {'objects' if kind == 'object' else 'lists'} cannot be described to the gateway; use one {'TypedDict with optional fields' if kind == 'object' else 'list type'}")
        if any("enum" not in s for s in schemas):
            return {"type": kind}
        values = list(dict.fromkeys(v for s in schemas for v in s["enum"]))
        if kind == "boolean" and len(values) == 2:
            return {"type": kind}
        return {"type": kind, "enum": values}

    def record(self, cls, field):
        """A TypedDict: an object of its fields, described by its docstring's Attributes section."""
        if cls in self.expanding:
            raise Problem(field, f"{cls.__name__} refers to itself, and the gateway's schemas cannot describe recursion; limit the nesting to a fixed depth with separate types")
        self.expanding.append(cls)
        try:
            try:
                hints = typing.get_type_hints(cls, include_extras=True)
            except Exception as e:  # an unresolvable forward reference
                raise Problem(field, f"the type hints of {cls.__name__} cannot be resolved ({e}); import or define the types they name")
            _, docs = doc_parts(cls.__dict__.get("__doc__"))
            fields = [(name, name in cls.__required_keys__) for name in hints]
            properties, required = {}, []
            for name, is_required in fields:
                tp = hints[name]
                origin = typing.get_origin(tp)
                if origin is not None and origin in (getattr(typing, "NotRequired", None), getattr(typing, "Required", None)):
                    tp = typing.get_args(tp)[0]
                at = f"{field}.{name}" if field else name
                members = typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else ()
                if type(None) in members:
                    if is_required:
                        raise Problem(at, "the gateway cannot describe None; make the field optional (NotRequired[...]) instead")
                    rest = [m for m in members if m is not type(None)]
                    tp = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]
                properties[name] = described(self.schema(tp, at), docs.get(name))
                if is_required:
                    required.append(name)
            return object_schema(properties, required)
        finally:
            self.expanding.pop()

    def tool(self, name, fn):
        description, docs = doc_parts(inspect.getdoc(fn) if fn.__doc__ else None)
        problems = []
        if not TOOL_NAME.match(name) or "___" in name:
            problems.append(Problem("", f'"{name}" cannot be a tool name (use letters, digits and _, and not "___"); rename the function'))
        if not description:
            problems.append(Problem("", 'has no description; add a docstring ("""What the tool does.""") as its first line: the agent chooses tools by their descriptions'))
        try:
            hints = typing.get_type_hints(fn, include_extras=True)
        except Exception as e:
            return None, problems + [Problem("", f"its type hints cannot be resolved ({e}); import or define the types they name")]
        properties, required = {}, []
        for param in inspect.signature(fn).parameters.values():
            try:
                if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                    raise Problem(param.name, f"*{'*' if param.kind is param.VAR_KEYWORD else ''}{param.name} takes any arguments, which cannot be described to the agent; list each argument as a named, typed parameter")
                if param.kind is param.POSITIONAL_ONLY:
                    raise Problem(param.name, "is positional-only, but the handler passes arguments by name; remove the `/`")
                if param.name not in hints:
                    raise Problem(param.name, f"has no type hint; annotate it (`{param.name}: str`)")
                tp = hints[param.name]
                has_default = param.default is not param.empty
                members = typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else ()
                if type(None) in members:
                    if not has_default:
                        raise Problem(param.name, "may be None but has no default; give it a default (`= None`) so the agent may leave it out")
                    rest = [m for m in members if m is not type(None)]
                    tp = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]
                properties[param.name] = described(self.schema(tp, param.name), docs.get(param.name))
                if not has_default:
                    required.append(param.name)
            except Problem as p:
                problems.append(p)
        if problems:
            return None, problems
        return {"name": name, "description": description, "inputSchema": object_schema(properties, required)}, []


def load_tools(code_dir, label, issues):
    """tools.py imported as the handler imports it (module `tools`, its folder first on the path)."""
    try:
        sys.path.insert(0, code_dir)
        spec = importlib.util.spec_from_file_location("tools", os.path.join(code_dir, "tools.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules["tools"] = module
        spec.loader.exec_module(module)
        return module
    except BaseException as e:  # noqa: BLE001 - any failure of the user's module is reported, not raised
        issues.append({"where": label, "message": f"importing it failed: {type(e).__name__}: {e}; fix the module, or install its dependencies in the target's .venv (`uv sync` in its folder)"})
        return None


def main():
    code_dir, label = sys.argv[1], sys.argv[2]
    real_stdout = sys.stdout
    # What tools.py prints while it is imported must not mix with the answer.
    sys.stdout = sys.stderr
    tools, issues = [], []
    module = None
    if not os.path.isfile(os.path.join(code_dir, "tools.py")):
        issues.append({"where": label, "message": "the file does not exist; create it (`npx projen` writes a sample) or remove the target"})
    else:
        module = load_tools(code_dir, label, issues)
    if module is not None:
        reader = Reader()
        for name, value in list(vars(module).items()):
            if name.startswith("_") or not inspect.isfunction(value) or value.__module__ != module.__name__:
                continue
            tool, problems = reader.tool(name, value)
            line = value.__code__.co_firstlineno
            for p in problems:
                where = " › ".join(part for part in (f"{label}:{line}", f'tool "{name}"', p.field) if part)
                issues.append({"where": where, "message": p.message})
            if tool:
                tools.append(tool)
    if module is not None and not tools and not issues:
        issues.append({"where": label, "message": "defines no public function, and a Lambda target needs at least one tool; add one (`def name(a: str) -> str:` with a docstring)"})
    real_stdout.write(json.dumps({"tools": tools, "issues": issues}, ensure_ascii=False))
    real_stdout.flush()


if __name__ == "__main__":
    main()
