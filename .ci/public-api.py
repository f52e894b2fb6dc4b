#!/usr/bin/env python3
"""The public API of each published crate, as one sorted line per item, checked in under api/.

    .ci/public-api.py --check   # CI: regenerate, compare with api/<crate>.txt, diff on mismatch
    .ci/public-api.py --bless   # after reviewing a change: rewrite api/<crate>.txt

The API is read from rustdoc's JSON output (nightly: `RUSTDOCFLAGS="-Z unstable-options
--output-format json" cargo +nightly doc --workspace --no-deps --all-features --lib`) and
reduced to lines of the form

    <public path>: <kind> [<signature>]

walking from the crate root through public modules and `pub use` re-exports (so an item in a
private module counts only where it is reachable). Listed: modules, structs/enums/unions with
their public fields and variants (discriminants, `#[non_exhaustive]`, `#[repr]`), traits and
their items, functions and inherent methods with their signatures, constants (with their value
when rustdoc gives one), statics, type aliases, macros, derives, re-exports of other crates'
items, and the trait impls of every public type (auto traits included, blanket impls left out:
they follow from the others). Python 3 standard library only.
"""

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
API_DIR = ROOT / "api"
CRATES = ["closecode", "closecode-core", "closecode-registry", "closecode-macros"]
# The rustdoc JSON format this script was written against; another one still works (unknown
# shapes are printed raw), but a snapshot diff after a nightly update may come from the format.
KNOWN_FORMAT = 57
BLESS = ".ci/public-api.py --bless"

STD_CRATES = {"core", "alloc", "std"}
# Auto-trait impls worth a line; the others (Freeze, UnsafeUnpin, ...) are unstable compiler
# internals that come and go with the nightly.
AUTO_TRAITS = {"Send", "Sync", "Unpin", "UnwindSafe", "RefUnwindSafe"}
# Impls the compiler adds for derives, unstable and not part of the API.
INTERNAL_TRAITS = {"StructuralPartialEq", "StructuralEq"}


def run_rustdoc(target_dir):
    """Writes nightly rustdoc's JSON for every library of the workspace, in one build.

    The same packages and features as .ci/run's docs.rs step (`cargo +nightly doc --workspace
    --no-deps --all-features`), so that the dependencies it checked are reused as they are:
    `cargo rustdoc -p <crate>` would resolve other features for them and rebuild them.
    """
    cmd = [
        "cargo", "+nightly", "doc", "--quiet", "--workspace", "--no-deps", "--all-features", "--lib",
        "--target-dir", str(target_dir),
    ]
    env = dict(os.environ)
    env["RUSTDOCFLAGS"] = "-Z unstable-options --output-format json"
    # --all-features turns on the root crate's build-time `fetch`: keep it on loopback.
    env.setdefault("CLOSECODE_REGISTRY_URL", "http://127.0.0.1:9/close-code-number.csv")
    try:
        subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    except subprocess.CalledProcessError as error:
        sys.exit(f"error: nightly rustdoc (JSON output) failed: exit status {error.returncode}")


def read_json(package, target_dir):
    path = Path(target_dir) / "doc" / (package.replace("-", "_") + ".json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Api:
    def __init__(self, doc):
        self.doc = doc
        self.index = doc["index"]
        self.paths = doc["paths"]
        self.crate = self.index[str(doc["root"])]["name"]
        self.lines = set()
        self.canonical = {}  # local item id -> shortest public path
        self.visited = set()
        if doc.get("format_version") != KNOWN_FORMAT:
            print(
                f"note: rustdoc JSON format {doc.get('format_version')} (this script was written "
                f"for {KNOWN_FORMAT}); check a snapshot diff for format-only changes",
                file=sys.stderr,
            )

    # ---- walking -------------------------------------------------------------------------

    def collect(self):
        # Two passes: the first finds each item's shortest public path (used to name types in
        # signatures), the second writes the lines.
        self.walk_module(self.doc["root"], self.crate, record_only=True)
        self.visited.clear()
        self.walk_module(self.doc["root"], self.crate, record_only=False)
        return sorted(self.lines)

    def item(self, id_):
        return self.index.get(str(id_))

    def add(self, path, text):
        if not self.record_only:
            self.lines.add(f"{path}: {text}")

    def note_path(self, id_, path):
        old = self.canonical.get(str(id_))
        if old is None or (path.count("::"), path) < (old.count("::"), old):
            self.canonical[str(id_)] = path

    def walk_module(self, id_, path, record_only):
        self.record_only = record_only
        key = (str(id_), path)
        if key in self.visited:
            return
        self.visited.add(key)
        module = self.item(id_)
        for child_id in module["inner"]["module"]["items"]:
            child = self.item(child_id)
            if child is None or child["visibility"] != "public":
                continue
            kind, inner = next(iter(child["inner"].items()))
            if kind == "use":
                self.walk_use(child, inner, path)
            else:
                self.walk_item(child_id, child, f"{path}::{child['name']}")

    def walk_use(self, item, use, path):
        target = self.item(use["id"]) if use.get("id") is not None else None
        if use["is_glob"]:
            if target is not None and "module" in target["inner"]:
                self.walk_module(use["id"], path, self.record_only)
            elif target is not None and "enum" in target["inner"]:
                for variant in target["inner"]["enum"]["variants"]:
                    self.walk_item(variant, self.item(variant), f"{path}::{self.item(variant)['name']}")
            else:
                self.add(f"{path}::*", f"pub use {self.external_path(use)}::*")
            return
        name = use["name"]
        if target is not None:
            self.walk_item(use["id"], target, f"{path}::{name}")
        else:
            kind = self.paths.get(str(use.get("id")), {}).get("kind", "?")
            self.add(f"{path}::{name}", f"pub use {self.external_path(use)} ({kind})")

    @staticmethod
    def external_path(use):
        # As the `pub use` names it (the defining crate's module layout is that crate's concern).
        return use["source"]

    def walk_item(self, id_, item, path):
        self.note_path(id_, path)
        key = (str(id_), path)
        kind, inner = next(iter(item["inner"].items()))
        if kind != "module":
            if key in self.visited:
                return
            self.visited.add(key)
        attrs = self.attrs(item)
        if kind == "module":
            self.add(path, "mod" + attrs)
            self.walk_module(id_, path, self.record_only)
        elif kind == "struct":
            self.add(path, f"struct{self.generics(inner['generics'])}{self.struct_kind(inner['kind'])}"
                           f"{self.where_clause(inner['generics'])}{attrs}")
            self.fields(inner["kind"], path)
            self.impls(inner["impls"], path)
        elif kind == "union":
            self.add(path, f"union{self.generics(inner['generics'])}{self.where_clause(inner['generics'])}{attrs}")
            self.fields({"plain": {"fields": inner["fields"], "has_stripped_fields": inner.get("has_stripped_fields")}}, path)
            self.impls(inner["impls"], path)
        elif kind == "enum":
            self.add(path, f"enum{self.generics(inner['generics'])}{self.where_clause(inner['generics'])}{attrs}")
            for variant_id in inner["variants"]:
                variant = self.item(variant_id)
                self.walk_item(variant_id, variant, f"{path}::{variant['name']}")
            self.impls(inner["impls"], path)
        elif kind == "variant":
            text = "variant" + self.struct_kind(inner["kind"])
            if inner.get("discriminant"):
                text += f" = {inner['discriminant']['value']}"
            self.add(path, text + attrs)
            self.fields(inner["kind"], path)
        elif kind == "trait":
            flags = ("unsafe " if inner["is_unsafe"] else "") + ("auto " if inner["is_auto"] else "")
            bounds = self.bounds(inner["bounds"])
            self.add(path, f"{flags}trait{self.generics(inner['generics'])}"
                           f"{': ' + bounds if bounds else ''}{self.where_clause(inner['generics'])}"
                           f"{'' if inner.get('is_dyn_compatible', True) else ' (not dyn-compatible)'}{attrs}")
            for member_id in inner["items"]:
                member = self.item(member_id)
                if member is not None:
                    self.member(member, f"{path}::{member['name']}", in_trait=True)
            for impl_id in inner.get("implementations", []):
                impl = self.item(impl_id)
                if impl is None:
                    continue
                for_type = impl["inner"]["impl"]["for"]
                local = "resolved_path" in for_type and self.item(for_type["resolved_path"]["id"]) is not None
                if not local:
                    self.impl_line(impl["inner"]["impl"], path)
        elif kind == "function":
            self.add(path, self.function(item["name"], inner) + attrs)
        elif kind == "constant":
            value = self.const_value(inner["const"].get("value"))
            self.add(path, f"const {self.ty(inner['type'])}{' = ' + value if value else ''}{attrs}")
        elif kind == "static":
            mut = "mut " if inner.get("is_mutable") else ""
            self.add(path, f"static {mut}{self.ty(inner['type'])}{attrs}")
        elif kind == "type_alias":
            self.add(path, f"type{self.generics(inner['generics'])} = {self.ty(inner['type'])}{attrs}")
        elif kind == "macro":
            self.add(path, "macro_rules!" + attrs)
        elif kind == "proc_macro":
            helpers = inner.get("helpers") or []
            extra = f" (attributes: {', '.join(helpers)})" if helpers else ""
            self.add(path, f"proc_macro {inner['kind']}{extra}{attrs}")
        elif kind in ("trait_alias", "extern_type", "primitive", "extern_crate"):
            self.add(path, kind + attrs)
        else:
            self.add(path, f"{kind}{attrs}")

    # A field is public when declared `pub`, and always in an enum variant ("default").
    def fields(self, kind, path):
        if not isinstance(kind, dict):
            return
        if "plain" in kind or "struct" in kind:
            shape = kind.get("plain") or kind.get("struct")
            for field_id in shape["fields"]:
                field = self.item(field_id)
                if field is not None and field["visibility"] in ("public", "default"):
                    self.add(f"{path}::{field['name']}", f"field {self.ty(field['inner']['struct_field'])}{self.attrs(field)}")

    def struct_kind(self, kind):
        if isinstance(kind, str):  # a unit struct, a plain variant
            return ""
        if "tuple" in kind:
            parts = []
            for field_id in kind["tuple"]:
                field = self.item(field_id) if field_id is not None else None
                if field is None or field["visibility"] not in ("public", "default"):
                    parts.append("_")
                else:
                    parts.append(self.ty(field["inner"]["struct_field"]))
            return "(" + ", ".join(parts) + ")"
        shape = kind.get("plain") or kind.get("struct")
        if shape is not None and shape.get("has_stripped_fields"):
            return " (private fields)"
        return ""

    def impls(self, impl_ids, path):
        for impl_id in impl_ids:
            impl_item = self.item(impl_id)
            if impl_item is None:
                continue
            impl = impl_item["inner"]["impl"]
            if impl.get("blanket_impl") is not None:
                continue
            if impl["trait"] is None:
                for member_id in impl["items"]:
                    member = self.item(member_id)
                    if member is not None and member["visibility"] == "public":
                        self.member(member, f"{path}::{member['name']}", in_trait=False)
            else:
                self.impl_line(impl, path)

    def impl_line(self, impl, path):
        summary = self.paths.get(str(impl["trait"].get("id")), {})
        if summary.get("path", [""])[0] in STD_CRATES:
            name = summary["path"][-1]
            if name in INTERNAL_TRAITS or (impl.get("is_synthetic") and name not in AUTO_TRAITS):
                return
        trait = self.path_ty(impl["trait"])
        text = (f"impl{self.generics(impl['generics'])} {'!' if impl.get('is_negative') else ''}"
                f"{'unsafe ' if impl.get('is_unsafe') else ''}{trait} for {self.ty(impl['for'])}"
                f"{self.where_clause(impl['generics'])}")
        if impl.get("is_synthetic"):
            text += " (auto)"
        self.add(path, text)

    def member(self, item, path, in_trait):
        kind, inner = next(iter(item["inner"].items()))
        attrs = self.attrs(item)
        if kind == "function":
            provided = " (provided)" if in_trait and inner.get("has_body") else ""
            self.add(path, self.function(item["name"], inner) + provided + attrs)
        elif kind == "assoc_const":
            value = self.const_value(inner.get("value"))
            self.add(path, f"const {self.ty(inner['type'])}{' = ' + value if value else ''}{attrs}")
        elif kind == "assoc_type":
            bounds = self.bounds(inner.get("bounds") or [])
            default = f" = {self.ty(inner['type'])}" if inner.get("type") else ""
            self.add(path, f"type{self.generics(inner['generics'])}{': ' + bounds if bounds else ''}{default}{attrs}")
        else:
            self.add(path, kind + attrs)

    # ---- rendering -----------------------------------------------------------------------

    @staticmethod
    def const_value(value):
        """A constant's value as rustdoc evaluated it (numbers), not `_` (anything else)."""
        return None if value in (None, "_") else value

    def attrs(self, item):
        out = []
        for attr in item.get("attrs", []):
            if attr == "non_exhaustive":
                out.append("#[non_exhaustive]")
            elif isinstance(attr, dict) and "repr" in attr:
                repr_ = attr["repr"]
                parts = [] if repr_.get("kind") in (None, "rust") else [repr_["kind"]]
                parts += [str(repr_[k]) for k in ("int",) if repr_.get(k)]
                if repr_.get("align"):
                    parts.append(f"align({repr_['align']})")
                if repr_.get("packed"):
                    parts.append(f"packed({repr_['packed']})")
                if parts:
                    out.append(f"#[repr({', '.join(parts)})]")
            elif isinstance(attr, str) and attr.startswith("#[non_exhaustive"):
                out.append("#[non_exhaustive]")
        if item.get("deprecation") is not None:
            out.append("#[deprecated]")
        return (" " + " ".join(out)) if out else ""

    def function(self, name, inner):
        header = inner.get("header", {})
        quals = "".join(q for q, on in (("const ", header.get("is_const")), ("async ", header.get("is_async")),
                                        ("unsafe ", header.get("is_unsafe"))) if on)
        abi = header.get("abi", "Rust")
        if abi != "Rust":
            quals += f'extern "{abi if isinstance(abi, str) else next(iter(abi))}" '
        return f"{quals}fn{self.generics(inner['generics'])}{self.sig(inner['sig'])}{self.where_clause(inner['generics'])}"

    def sig(self, sig):
        args = []
        for name, ty in sig["inputs"]:
            if name == "self":
                if ty == {"generic": "Self"}:
                    args.append("self")
                    continue
                ref = ty.get("borrowed_ref")
                if ref and ref["type"] == {"generic": "Self"}:
                    lifetime = ref["lifetime"] + " " if ref.get("lifetime") else ""
                    args.append(f"&{lifetime}{'mut ' if ref['is_mutable'] else ''}self")
                    continue
            args.append(f"{name}: {self.ty(ty)}")
        if sig.get("is_c_variadic"):
            args.append("...")
        output = f" -> {self.ty(sig['output'])}" if sig.get("output") is not None else ""
        return f"({', '.join(args)}){output}"

    def generics(self, generics):
        params = []
        for param in generics.get("params", []):
            kind, data = next(iter(param["kind"].items()))
            if kind == "lifetime":
                outlives = data.get("outlives") or []
                params.append(param["name"] + (": " + " + ".join(outlives) if outlives else ""))
            elif kind == "type":
                if data.get("is_synthetic"):
                    continue
                bounds = self.bounds(data.get("bounds") or [])
                default = f" = {self.ty(data['default'])}" if data.get("default") else ""
                params.append(param["name"] + (": " + bounds if bounds else "") + default)
            elif kind == "const":
                default = f" = {data['default']}" if data.get("default") else ""
                params.append(f"const {param['name']}: {self.ty(data['type'])}{default}")
        return f"<{', '.join(params)}>" if params else ""

    def where_clause(self, generics):
        preds = []
        for pred in generics.get("where_predicates", []):
            kind, data = next(iter(pred.items()))
            if kind == "bound_predicate":
                hrtb = self.generics({"params": data.get("generic_params") or []})
                preds.append(f"{'for' + hrtb + ' ' if hrtb else ''}{self.ty(data['type'])}: {self.bounds(data['bounds'])}")
            elif kind == "lifetime_predicate":
                preds.append(f"{data['lifetime']}: {' + '.join(data['outlives'])}")
            elif kind == "eq_predicate":
                preds.append(f"{self.ty(data['lhs'])} == {self.term(data['rhs'])}")
        return f" where {', '.join(preds)}" if preds else ""

    def bounds(self, bounds):
        out = []
        for bound in bounds:
            kind, data = next(iter(bound.items())) if isinstance(bound, dict) else (bound, None)
            if kind == "trait_bound":
                modifier = {"maybe": "?", "maybe_const": "~const "}.get(data.get("modifier"), "")
                hrtb = self.generics({"params": data.get("generic_params") or []})
                out.append(f"{'for' + hrtb + ' ' if hrtb else ''}{modifier}{self.path_ty(data['trait'])}")
            elif kind == "outlives":
                out.append(data)
            elif kind == "use":
                out.append("use<" + ", ".join(a if isinstance(a, str) else next(iter(a.values())) for a in data) + ">")
            else:
                out.append(json.dumps(bound, sort_keys=True))
        return " + ".join(out)

    def term(self, term):
        if "type" in term:
            return self.ty(term["type"])
        if "constant" in term:
            return term["constant"].get("expr", "_")
        return json.dumps(term, sort_keys=True)

    def name_of(self, path):
        """The name a signature uses for a resolved path: the local public path, the other
        crate's path, or the standard library's short name."""
        id_ = str(path.get("id"))
        if id_ in self.canonical:
            return self.canonical[id_]
        summary = self.paths.get(id_)
        if summary is None:
            return path["path"]
        # Another crate's item: its crate and name. The module path in between is where the item
        # is defined, often a private module (tungstenite::protocol::frame::frame::CloseFrame),
        # which a dependency may reorganise without changing anything for users.
        segments = summary["path"]
        if segments[0] in STD_CRATES:
            for module in ("fmt", "io"):
                if module in segments[1:-1]:
                    return f"{module}::{segments[-1]}"
            return segments[-1]
        return f"{segments[0]}::{segments[-1]}"

    def path_ty(self, path):
        return self.name_of(path) + self.args(path.get("args"))

    def args(self, args):
        if not args:
            return ""
        kind, data = next(iter(args.items())) if isinstance(args, dict) else (args, None)
        if kind == "angle_bracketed":
            parts = []
            for arg in data.get("args", []):
                if arg == "infer":
                    parts.append("_")
                    continue
                akind, adata = next(iter(arg.items()))
                if akind == "lifetime":
                    parts.append(adata)
                elif akind == "type":
                    parts.append(self.ty(adata))
                elif akind == "const":
                    parts.append(adata.get("expr", "_"))
            for constraint in data.get("constraints", []):
                binding = constraint["binding"]
                name = constraint["name"] + self.args(constraint.get("args"))
                if "equality" in binding:
                    parts.append(f"{name} = {self.term(binding['equality'])}")
                else:
                    parts.append(f"{name}: {self.bounds(binding['constraint'])}")
            return f"<{', '.join(parts)}>" if parts else ""
        if kind == "parenthesized":
            output = f" -> {self.ty(data['output'])}" if data.get("output") else ""
            return f"({', '.join(self.ty(t) for t in data['inputs'])}){output}"
        return "(..)"

    def ty(self, ty):
        if ty is None:
            return "()"
        kind, data = next(iter(ty.items()))
        if kind == "resolved_path":
            return self.path_ty(data)
        if kind in ("generic", "primitive"):
            return data
        if kind == "borrowed_ref":
            lifetime = data["lifetime"] + " " if data.get("lifetime") else ""
            return f"&{lifetime}{'mut ' if data['is_mutable'] else ''}{self.ty(data['type'])}"
        if kind == "raw_pointer":
            return f"*{'mut' if data['is_mutable'] else 'const'} {self.ty(data['type'])}"
        if kind == "tuple":
            inner = ", ".join(self.ty(t) for t in data)
            return f"({inner}{',' if len(data) == 1 else ''})"
        if kind == "slice":
            return f"[{self.ty(data)}]"
        if kind == "array":
            return f"[{self.ty(data['type'])}; {data['len']}]"
        if kind == "impl_trait":
            return "impl " + self.bounds(data)
        if kind == "dyn_trait":
            parts = []
            for poly in data["traits"]:
                hrtb = self.generics({"params": poly.get("generic_params") or []})
                parts.append(f"{'for' + hrtb + ' ' if hrtb else ''}{self.path_ty(poly['trait'])}")
            if data.get("lifetime"):
                parts.append(data["lifetime"])
            return "dyn " + " + ".join(parts)
        if kind == "function_pointer":
            hrtb = self.generics({"params": data.get("generic_params") or []})
            return f"{'for' + hrtb + ' ' if hrtb else ''}fn{self.sig(data['sig'])}"
        if kind == "qualified_path":
            trait = f" as {self.path_ty(data['trait'])}" if data.get("trait") else ""
            return f"<{self.ty(data['self_type'])}{trait}>::{data['name']}{self.args(data.get('args'))}"
        if kind == "infer":
            return "_"
        if kind == "pat":
            return self.ty(data["type"])
        return json.dumps(ty, sort_keys=True)


def snapshot(package, target_dir):
    doc = read_json(package, target_dir)
    lines = Api(doc).collect()
    header = [
        f"# The public API of {package} (all features), one line per item: path: kind signature.",
        f"# Generated from nightly rustdoc's JSON by .ci/public-api.py; after reviewing a change: {BLESS}",
    ]
    return "\n".join(header + lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="compare with api/<crate>.txt (CI)")
    mode.add_argument("--bless", action="store_true", help="rewrite api/<crate>.txt")
    parser.add_argument("--target-dir", help="cargo target directory for the nightly rustdoc build "
                        "(default: $CARGO_TARGET_DIR or target, + /docsrs: the one of .ci/run's "
                        "nightly docs step, whose dependency builds it shares)")
    parser.add_argument("crates", nargs="*", default=CRATES, help="default: every published crate")
    args = parser.parse_args()
    target_dir = Path(args.target_dir or (Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "docsrs"))

    run_rustdoc(target_dir)
    failed = []
    for package in args.crates:
        current = snapshot(package, target_dir)
        file = API_DIR / f"{package}.txt"
        count = sum(1 for line in current.splitlines() if line and not line.startswith("#"))
        if args.bless:
            API_DIR.mkdir(exist_ok=True)
            if not file.exists() or file.read_text(encoding="utf-8") != current:
                with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=API_DIR, delete=False) as f:
                    f.write(current)
                os.replace(f.name, file)
                print(f"api/{package}.txt: written ({count} items)")
            else:
                print(f"api/{package}.txt: unchanged ({count} items)")
            continue
        old = file.read_text(encoding="utf-8") if file.exists() else ""
        if old == current:
            print(f"api/{package}.txt: matches ({count} items)")
            continue
        failed.append(package)
        sys.stdout.writelines(difflib.unified_diff(
            old.splitlines(keepends=True), current.splitlines(keepends=True),
            fromfile=f"api/{package}.txt (checked in)", tofile=f"api/{package}.txt (this tree)"))
    if failed:
        print(f"\nerror: the public API of {', '.join(failed)} differs from the checked-in snapshot.\n"
              f"If the change is intended, review the diff above and run: {BLESS}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
