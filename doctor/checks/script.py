"""`check-script`: the BERT fine-tuning mistakes visible in a training script (BD601-BD616).

The script is parsed with :mod:`ast` (by :func:`bertdoctor.pysource.parse_file`), never imported
or run. A small analysis layer, :class:`Script`, answers the questions the checks share: what a
dotted name refers to after the imports, which names are bound to which expressions in which
scope, which loops train (call ``backward()`` / ``optimizer.step()``) and which DataLoader a loop
iterates. Every check is a small function over a :class:`Script`; when the data flow is unclear a
check stays silent: a linter that cries wolf gets switched off.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..findings import DoctorError, Finding, Location, Report, Section, Severity, plural
from ..render import lines_of
from ..runner import check, run_check, run_checks

Scope = ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
LOOPS = (ast.For, ast.AsyncFor, ast.While)
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)

# ----------------------------------------------------------------------------- analysis layer


@dataclass(frozen=True)
class Binding:
    """One way a name gets a value: ``x = value``, ``for x in iterable``, a parameter ..."""

    name: str
    kind: str  # "assign", "augassign", "for", "comp", "with", "param", "other"
    node: ast.AST  # the statement (or comprehension / argument)
    value: ast.expr | None = None  # the assigned expression, or the iterable of a for
    path: tuple[int, ...] = ()  # position inside a tuple target: `a, (b, c) = ...`


def dotted(node: ast.AST) -> str | None:
    """`torch.nn.CrossEntropyLoss` for Name/Attribute chains, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def last_name(node: ast.AST) -> str:
    """The last component of a name: `self.model` -> "model", `batch["labels"]` -> "labels"."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return str(node.slice.value)
    if isinstance(node, ast.Call):
        return last_name(node.func)
    return ""


def is_method(node: ast.AST, *names: str) -> bool:
    """A call `<something>.<name>(...)`."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in names
    )


def keyword(call: ast.Call, name: str) -> ast.keyword | None:
    return next((k for k in call.keywords if k.arg == name), None)


def has_star_kwargs(call: ast.Call) -> bool:
    return any(k.arg is None for k in call.keywords)


def int_value(node: ast.AST | None) -> int | float | None:
    """The number of a literal (`-100` included), else None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = int_value(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    return None


def walk_local(node: ast.AST) -> Iterator[ast.AST]:
    """Like ast.walk, without descending into nested functions, lambdas and classes."""
    todo = list(ast.iter_child_nodes(node))
    while todo:
        child = todo.pop()
        yield child
        if not isinstance(child, (*FUNCS, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(child))


class Script:
    """A parsed training script and the facts the checks share."""

    def __init__(
        self,
        tree: ast.Module,
        source: str,
        path: str,
        folder: Path | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.tree = tree
        self.source = source
        self.path = path
        self.lines = source.splitlines()
        self.folder = folder  # the script's folder, for paths that may exist beside it
        self.cwd = cwd
        self.parents: dict[ast.AST, ast.AST] = {}
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent

    # -- where things are ---------------------------------------------------------------

    def loc(self, node: ast.AST) -> Location:
        return Location(self.path, getattr(node, "lineno", None))

    def quote(self, node: ast.AST, limit: int = 90) -> str:
        """The code of a node, on one line, shortened: what messages quote."""
        text = self.segment(node) or ast.unparse(node)
        text = re.sub(r"([(\[{])\s+|\s+(?=[)\]}])|,\s*(?=[)\]}])", r"\1", " ".join(text.split()))
        return text if len(text) <= limit else text[: limit - 3] + "..."

    def segment(self, node: ast.AST) -> str | None:
        """Like ast.get_source_segment, without splitting the whole source at every call."""
        try:
            first, last = node.lineno - 1, node.end_lineno - 1  # type: ignore[attr-defined]
            start, end = node.col_offset, node.end_col_offset  # type: ignore[attr-defined]
        except AttributeError:
            return None
        if last is None or end is None or last >= len(self.lines):
            return None
        lines = [line.encode() for line in self.lines[first : last + 1]]
        if first == last:
            return lines[0][start:end].decode(errors="replace")
        lines[0], lines[-1] = lines[0][start:], lines[-1][:end]
        return b"\n".join(lines).decode(errors="replace")

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        while node in self.parents:
            node = self.parents[node]
            yield node

    def scope_of(self, node: ast.AST) -> Scope:
        for parent in self.ancestors(node):
            if isinstance(parent, (*FUNCS, ast.Lambda)):
                return parent
        return self.tree

    def class_of(self, node: ast.AST) -> ast.ClassDef | None:
        return next((a for a in self.ancestors(node) if isinstance(a, ast.ClassDef)), None)

    def inside(self, node: ast.AST, container: ast.AST) -> bool:
        return any(a is container for a in self.ancestors(node))

    # -- names ------------------------------------------------------------------------

    @cached_property
    def imports(self) -> dict[str, str]:
        """Local name -> what it imports: `nn` -> "torch.nn", `AdamW` -> "torch.optim.AdamW"."""
        found: dict[str, str] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        found[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        found[top] = top
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    found[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        return found

    def qualname(self, node: ast.AST) -> str:
        """The dotted name with the imports resolved; `nn.Linear` -> "torch.nn.Linear"."""
        name = dotted(node)
        if name is None:
            return ""
        head, _, rest = name.partition(".")
        full = self.imports.get(head, head)
        return f"{full}.{rest}" if rest else full

    @cached_property
    def bindings(self) -> dict[tuple[int, str], list[Binding]]:
        """(id of scope, name) -> the bindings of that name in that scope, in source order."""
        table: dict[tuple[int, str], list[Binding]] = {}

        def add(
            target: ast.AST,
            kind: str,
            node: ast.AST,
            value: ast.expr | None,
            path: tuple[int, ...] = (),
        ) -> None:
            if isinstance(target, ast.Name):
                key = (id(self.scope_of(node)), target.id)
                table.setdefault(key, []).append(Binding(target.id, kind, node, value, path))
            elif isinstance(target, (ast.Tuple, ast.List)):
                for i, elt in enumerate(target.elts):
                    add(elt, kind, node, value, (*path, i))
            elif isinstance(target, ast.Starred):
                add(target.value, "other", node, None)

        for node in ast.walk(self.tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    add(target, "assign", node, node.value)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
                kind = "augassign" if isinstance(node, ast.AugAssign) else "assign"
                add(node.target, kind, node, node.value)
            elif isinstance(node, ast.NamedExpr):
                add(node.target, "assign", node, node.value)
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                add(node.target, "for", node, node.iter)
            elif isinstance(node, ast.comprehension):
                add(node.target, "comp", node, node.iter)
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if item.optional_vars is not None:
                        add(item.optional_vars, "with", node, item.context_expr)
            elif isinstance(node, (*FUNCS, ast.Lambda)):
                args = node.args
                for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                    key = (id(node), arg.arg)
                    table.setdefault(key, []).append(Binding(arg.arg, "param", node))
        return table

    def bound(self, name: str, at: ast.AST) -> list[Binding]:
        """The bindings of `name` as seen from node `at`: its own scope, else the module's."""
        scope = self.scope_of(at)
        found = self.bindings.get((id(scope), name))
        if found is None and scope is not self.tree:
            found = self.bindings.get((id(self.tree), name))
        return found or []

    def values(self, node: ast.expr, depth: int = 3) -> list[ast.expr] | None:
        """What an expression may hold: itself, or for a name every expression assigned to it.
        None when a binding is not a plain assignment (a parameter, a loop target ...)."""
        if not isinstance(node, ast.Name) or depth == 0:
            return [node]
        found: list[ast.expr] = []
        bindings = self.bound(node.id, node)
        if not bindings:
            return None
        for b in bindings:
            if b.kind != "assign" or b.path or b.value is None:
                return None
            more = self.values(b.value, depth - 1)
            if more is None:
                return None
            found.extend(more)
        return found

    # -- calls and functions -------------------------------------------------------------

    @cached_property
    def calls(self) -> list[ast.Call]:
        return [n for n in ast.walk(self.tree) if isinstance(n, ast.Call)]

    @cached_property
    def functions(self) -> dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]]:
        found: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, FUNCS):
                found.setdefault(node.name, []).append(node)
        return found

    def call_sites(self, func: ast.AST) -> list[ast.Call]:
        """Calls of a module-level function or a method by its name (`train(...)`,
        `self.train_epoch(...)`)."""
        if not isinstance(func, FUNCS):
            return []
        return [
            c
            for c in self.calls
            if last_name(c.func) == func.name and isinstance(c.func, (ast.Name, ast.Attribute))
        ]

    def called_functions(self, node: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
        """The script's own functions called inside `node` (one level)."""
        out = []
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            if isinstance(call.func, (ast.Name, ast.Attribute)):
                out.extend(self.functions.get(last_name(call.func), []))
        return out

    def reaches(self, node: ast.AST, predicate: Callable[[ast.AST], bool], depth: int = 2) -> bool:
        """Whether `predicate` holds for a node inside `node` or inside a function it calls."""
        if any(predicate(n) for n in ast.walk(node)):
            return True
        if depth == 0:
            return False
        return any(
            self.reaches(f, predicate, depth - 1)
            for f in self.called_functions(node)
            if f is not node and not self.inside(node, f)
        )

    def argument_for(self, call: ast.Call, func: ast.AST, param: str) -> ast.expr | None:
        """The argument a call gives to the parameter `param` of `func`."""
        kw = keyword(call, param)
        if kw is not None:
            return kw.value
        if not isinstance(func, FUNCS):
            return None
        names = [a.arg for a in [*func.args.posonlyargs, *func.args.args]]
        if isinstance(call.func, ast.Attribute) and names and names[0] in ("self", "cls"):
            names = names[1:]
        if param in names and names.index(param) < len(call.args):
            arg = call.args[names.index(param)]
            return None if isinstance(arg, ast.Starred) else arg
        return None

    # -- what names hold -------------------------------------------------------------------

    def is_class_call(self, node: ast.AST, pattern: str) -> bool:
        """A call of a class whose last name matches `pattern`, or of its `from_pretrained`."""
        if not isinstance(node, ast.Call):
            return False
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "from_pretrained":
            func = func.value
        return bool(re.search(pattern, self.qualname(func).rsplit(".", 1)[-1]))

    def loaders_of(self, iterable: ast.expr, depth: int = 2) -> list[ast.Call] | None:
        """The `DataLoader(...)` calls a loop's iterable comes from (`enumerate(tqdm(loader))`
        included, a function parameter followed to every call site); None when unclear."""
        while (
            isinstance(iterable, ast.Call)
            and iterable.args
            and last_name(iterable.func)
            in ("enumerate", "tqdm", "iter", "trange", "track", "notebook_tqdm")
        ):
            iterable = iterable.args[0]
        if isinstance(iterable, ast.Call):
            return [iterable] if self.is_dataloader(iterable) else None
        if not isinstance(iterable, ast.Name) or depth == 0:
            return None
        bindings = self.bound(iterable.id, iterable)
        if not bindings:
            return None
        found: list[ast.Call] = []
        for b in bindings:
            if b.kind == "assign" and not b.path and b.value is not None:
                more = self.loaders_of(b.value, depth)
            elif b.kind == "param":
                sites = self.call_sites(b.node)
                args = [self.argument_for(c, b.node, b.name) for c in sites]
                if not args or any(a is None for a in args):
                    return None
                more = []
                for arg in args:
                    got = self.loaders_of(arg, depth - 1)  # type: ignore[arg-type]
                    if got is None:
                        return None
                    more.extend(got)
            else:
                return None
            if more is None:
                return None
            found.extend(more)
        return found

    def is_dataloader(self, node: ast.AST) -> bool:
        return isinstance(node, ast.Call) and last_name(node.func) == "DataLoader"

    @staticmethod
    def is_backward(node: ast.AST) -> bool:
        return is_method(node, "backward") or (
            isinstance(node, ast.Call) and last_name(node.func) in ("manual_backward",)
        )

    def is_optimizer_step(self, node: ast.AST) -> bool:
        """`optimizer.step()`, or AMP's `scaler.step(optimizer)`."""
        if not is_method(node, "step"):
            return False
        owner = node.func.value  # type: ignore[union-attr]
        name = last_name(owner).lower()
        if node.args:  # type: ignore[union-attr]
            return "scaler" in name and len(node.args) == 1  # type: ignore[union-attr]
        if "sched" in name or "scaler" in name:
            return False
        if "optim" in name or name in ("opt", "op"):
            return True
        values = self.values(owner) if isinstance(owner, ast.Name) else None
        return bool(values) and all(self.is_optimizer_ctor(v) for v in values)

    def is_optimizer_ctor(self, node: ast.AST) -> bool:
        return self.is_class_call(node, r"^(AdamW|Adam|SGD|Adafactor|RMSprop|Adagrad|LAMB|Lamb)$")

    @cached_property
    def train_loops(self) -> list[ast.For | ast.AsyncFor | ast.While]:
        """Innermost loops whose body back-propagates (directly)."""
        loops = []
        for node in ast.walk(self.tree):
            if isinstance(node, LOOPS) and any(self.is_backward(n) for n in walk_local(node)):
                inner = [
                    n
                    for n in walk_local(node)
                    if isinstance(n, LOOPS) and any(self.is_backward(m) for m in walk_local(n))
                ]
                if not inner:
                    loops.append(node)
        return loops

    def uses_crf_with_mask(self) -> bool:
        """A CRF layer called with a mask (`crf(emissions, tags, mask=...)`)."""
        for call in self.calls:
            name = (dotted(call.func) or "").lower()
            if name.endswith("crf"):  # crf(emissions, tags, mask)
                if keyword(call, "mask") is not None or len(call.args) >= 3:
                    return True
            elif name.endswith("crf.decode"):  # crf.decode(emissions, mask)
                if keyword(call, "mask") is not None or len(call.args) >= 2:
                    return True
        return False

    @cached_property
    def saved_to(self) -> set[str]:
        """The code of every first argument of save_pretrained / torch.save's path: folders
        the script writes itself (and reads back from the same working directory)."""
        found = set()
        for call in self.calls:
            if is_method(call, "save_pretrained") and call.args:
                found.add(ast.unparse(call.args[0]))
            elif self.qualname(call.func) == "torch.save" and len(call.args) > 1:
                found.add(ast.unparse(call.args[1]))
        return found

    def in_dataset_method(self, node: ast.AST) -> bool:
        """Inside a method of a Dataset subclass (where tensors are one example's)."""
        cls = self.class_of(node)
        return cls is not None and any(last_name(b).endswith("Dataset") for b in cls.bases)


def _loops(script: Script, kinds: tuple[type, ...] = LOOPS) -> list[ast.AST]:
    return [n for n in ast.walk(script.tree) if isinstance(n, kinds)]


# ----------------------------------------------------------------------------- the checks

TOKENIZER_CLASS = r"Tokenizer(Fast)?$"
CLASSIFIER_CLASS = r"For(SequenceClassification|TokenClassification)$"
MODEL_KWARGS = (
    "num_labels",
    "num_classes",
    "num_class",
    "n_classes",
    "nb_classes",
    "class_num",
    "id2label",
    "label2id",
    "problem_type",
    "finetuning_task",
    "hidden_dropout_prob",
    "attention_probs_dropout_prob",
    "classifier_dropout",
    "output_hidden_states",
    "output_attentions",
)


@check("BD601")
def check_model_kwarg_to_tokenizer(script: Script) -> Iterator[Finding]:
    for call in script.calls:
        if not script.is_class_call(call, TOKENIZER_CLASS):
            continue
        wrong = [k for k in call.keywords if k.arg in MODEL_KWARGS]
        if not wrong:
            continue
        given = ", ".join(f"{k.arg}={script.quote(k.value, 30)}" for k in wrong)
        names = ", ".join(k.arg for k in wrong if k.arg)
        if _model_gets_labels(script):  # harmless here, but it misleads the reader
            yield Finding.of(
                "BD601",
                f"`{script.quote(call)}` gives the tokenizer {given}, which it ignores; the "
                "model gets its own labels here, so this only misleads",
                locations=[script.loc(call)],
                fix=f"remove {names} from the tokenizer's from_pretrained",
                severity="warning",
            )
            continue
        # the label-count spellings all become num_labels, the real config name
        move = ", ".join(
            f"{'num_labels' if k.arg in MODEL_KWARGS[:6] else k.arg}={script.quote(k.value, 30)}"
            for k in wrong
        )
        yield Finding.of(
            "BD601",
            f"`{script.quote(call)}` gives the tokenizer {given}: a tokenizer keeps unknown "
            "keywords without a word and the model never sees them",
            locations=[script.loc(call)],
            fix=f"remove {names} here and pass {move} to the model's from_pretrained(...)",
        )


def _model_gets_labels(script: Script) -> bool:
    """Every classification model of the script gets num_labels, id2label or a config."""
    models = [
        c
        for c in script.calls
        if is_method(c, "from_pretrained") and script.is_class_call(c, CLASSIFIER_CLASS)
    ]
    wanted = {"num_labels", "id2label", "label2id", "config", None}
    return bool(models) and all({k.arg for k in c.keywords} & wanted for c in models)


LABEL_COUNT_NAME = re.compile(
    r"^(num_?labels?|num_?class(es)?|n_?class(es)?|n_?labels?|nb_?class(es)?|class_?num|"
    r"label_?num|num_?tags?|n_?tags?|tag_?num|num_?categor(y|ies))$",
    re.I,
)
LABEL_LIST_NAME = re.compile(
    r"^(labels?|tags?|classes|categories)(_?list|_?names|_?set)?$|"
    r"^(label|tag|class)_?(list|names|vocab)$|^id2label$",
    re.I,
)


def _label_count_evidence(script: Script) -> tuple[str, ast.AST] | None:
    """Where the script shows it works with other than 2 labels: a label count or a label list
    whose size is not 2; None when it shows nothing (or shows 2)."""
    for node in ast.walk(script.tree):
        targets: list[tuple[str, ast.expr]] = []
        if isinstance(node, ast.Assign):
            targets = [(dotted(t) or "", node.value) for t in node.targets]
        elif isinstance(node, ast.keyword) and node.arg in MODEL_KWARGS[:6]:
            targets = [(node.arg, node.value)]
        for name, value in targets:
            short = name.rsplit(".", 1)[-1]
            count = _count_of(script, value) if LABEL_COUNT_NAME.match(short) else None
            if count not in (2, None):
                shown = f"`{name or short} = {script.quote(value, 40)}`"
                return shown + (f" ({count} labels)" if count != -1 else ""), node
            if LABEL_LIST_NAME.match(short) and (_label_names(value) or 0) > 2:
                return f"`{short}` with {_label_names(value)} labels", node
    return None


def _label_names(node: ast.AST) -> int | None:
    """The size of a literal list of label names (distinct strings) or a label dict."""
    if (
        isinstance(node, ast.Dict)
        and node.keys
        and all(isinstance(k, ast.Constant) for k in node.keys)
    ):
        return len(node.keys)
    if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
        values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        if len(values) == len(node.elts) and all(isinstance(v, str) for v in values):
            return len(set(values))
    return None


def _count_of(script: Script, value: ast.expr) -> int | float | None:
    """A label count: a literal, `len(<literal list>)`; -1 for a computed count (unknown but
    meant to be passed on); None for anything else."""
    if int_value(value) is not None:
        return int_value(value)
    if isinstance(value, ast.Call) and last_name(value.func) == "len" and value.args:
        for v in script.values(value.args[0]) or []:
            size = _label_names(v)
            if size is not None:
                return size
        return -1
    return None


FINETUNED_NAME = re.compile(r"output|save|checkpoint|ckpt|best|fine_?tuned|(?<!pre)trained", re.I)


@check("BD602")
def check_default_num_labels(script: Script) -> Iterator[Finding]:
    if not script.train_loops and not any(last_name(c.func) == "Trainer" for c in script.calls):
        return  # an inference script loads a fine-tuned model, whose config has the labels
    evidence = None
    for call in script.calls:
        if not (
            is_method(call, "from_pretrained") and script.is_class_call(call, CLASSIFIER_CLASS)
        ):
            continue
        given = {k.arg for k in call.keywords}
        if given & {"num_labels", "id2label", "label2id", "config", None} or len(call.args) != 1:
            continue
        source = ast.unparse(call.args[0])
        if source in script.saved_to or FINETUNED_NAME.search(source):
            continue  # a fine-tuned checkpoint: its config.json holds the labels
        evidence = evidence or _label_count_evidence(script)
        if evidence is None:
            return
        what, where = evidence
        yield Finding.of(
            "BD602",
            f"`{script.quote(call)}` gets no num_labels, id2label or config, so its head has "
            f"2 outputs, while {what} (line {getattr(where, 'lineno', '?')}) never reaches it",
            locations=[script.loc(call), script.loc(where)],
            fix="pass num_labels=... (and id2label=..., label2id=...) to this from_pretrained",
        )


def _loss_attr(script: Script, expr: ast.expr, depth: int = 3) -> bool:
    """Whether an expression is the model's own loss: `outputs.loss`, `model(..., labels=y)[0]`,
    or a name assigned from one of those (divided by the accumulation steps included)."""
    if isinstance(expr, ast.BinOp):
        return _loss_attr(script, expr.left, depth)
    if isinstance(expr, ast.Attribute) and expr.attr == "loss":
        return True
    if isinstance(expr, ast.Subscript) and int_value(expr.slice) == 0:
        base = expr.value
        calls = [base] if isinstance(base, ast.Call) else (script.values(base) or [])
        return any(isinstance(c, ast.Call) and keyword(c, "labels") is not None for c in calls)
    if isinstance(expr, ast.Name) and depth:
        bindings = script.bound(expr.id, expr)
        if not bindings:
            return False
        if all(
            b.kind in ("assign", "augassign") and b.value is not None and not b.path
            for b in bindings
        ):
            return any(
                _loss_attr(script, b.value, depth - 1) for b in bindings if b.kind == "assign"
            )
        # `loss, logits = model(..., labels=labels)`: the first element is the loss
        return all(
            b.kind == "assign"
            and b.path == (0,)
            and isinstance(b.value, ast.Call)
            and keyword(b.value, "labels") is not None
            for b in bindings
        )
    return False


@check("BD603")
def check_unused_criterion(script: Script) -> Iterator[Finding]:
    backwards = [c for c in script.calls if is_method(c, "backward") and not c.args]
    if not backwards or not all(_loss_attr(script, c.func.value) for c in backwards):
        return
    used = {
        n.id
        for n in ast.walk(script.tree)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    used |= {
        n.attr
        for n in ast.walk(script.tree)
        if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Load)
    }
    for node in ast.walk(script.tree):
        if not (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.value, ast.Call)
        ):
            continue
        target = node.targets[0]
        name = last_name(target) if isinstance(target, (ast.Name, ast.Attribute)) else ""
        loss_class = script.qualname(node.value.func).rsplit(".", 1)[-1]
        if name and name not in used and (loss_class.endswith("Loss") or loss_class == "CRF"):
            settings = [script.quote(k, 40) for k in node.value.keywords] + [
                script.quote(a, 40) for a in node.value.args
            ]
            effect = (
                f"so its settings ({', '.join(settings)}) are never applied"
                if settings
                else "so it is dead code that looks as if it chose the loss"
            )
            yield Finding.of(
                "BD603",
                f"`{script.quote(node)}` is never used: the backward pass runs on the model's "
                f"own loss (`{script.quote(backwards[0])}`, line {backwards[0].lineno}), " + effect,
                locations=[script.loc(node), script.loc(backwards[0])],
                fix=f"compute the loss with {name}(logits.view(-1, num_labels), "
                "labels.view(-1)) and do not pass labels= to the model, or delete the line",
            )


BATCH_TENSOR = re.compile(
    r"^(input_ids|attention_mask|token_type_ids|segment_ids|input_mask|masks?|labels?|"
    r"targets?|logits|outputs?|out|preds?|predictions|scores|ids|tags|label_ids)$"
)


def _batch_tensor_name(node: ast.AST) -> str | None:
    """The batch-tensor name inside a receiver: `batch["input_ids"]`, `outputs.logits` ..."""
    while True:
        name = last_name(node)
        if BATCH_TENSOR.match(name):
            return name
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value
        else:
            return None


@check("BD604")
def check_squeeze_without_dim(script: Script) -> Iterator[Finding]:
    for call in script.calls:
        if is_method(call, "squeeze") and not call.args and not call.keywords:
            receiver = call.func.value
        elif (
            script.qualname(call.func) == "torch.squeeze"
            and len(call.args) == 1
            and not call.keywords
        ):
            receiver = call.args[0]
        else:
            continue
        name = _batch_tensor_name(receiver)
        if name is None or script.in_dataset_method(call):
            continue  # in a Dataset, the axis of size 1 is the tokenizer's batch of one
        parent = script.parents.get(call)
        if isinstance(parent, ast.Call) and any(
            a is not call and is_method(a, "squeeze") and not a.args for a in parent.args
        ):
            continue  # loss(logits.squeeze(), labels.squeeze()): both sides lose the same axes
        yield Finding.of(
            "BD604",
            f"`{script.quote(call)}` drops every axis of size 1: the batch axis too, when a "
            "batch holds one example",
            locations=[script.loc(call)],
            fix="name the axis: .squeeze(0) for the tokenizer's batch of one, .squeeze(-1) "
            "for a last axis of size 1",
        )


def _shuffles_itself(script: Script) -> bool:
    """`random.shuffle(...)`, `df.sample(frac=1)`, `dataset.shuffle(seed=...)`, sklearn's
    shuffle: the script shuffles the data before the DataLoader sees it."""
    for call in script.calls:
        name = last_name(call.func)
        if name in ("shuffle", "permutation", "randperm", "random_split"):
            return True
        if name == "train_test_split" and not any(
            k.arg == "shuffle" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in call.keywords
        ):
            return True  # sklearn shuffles before splitting unless told not to
        if name == "sample" and keyword(call, "frac") is not None:
            return True
    return False


def _iterable_dataset(script: Script, loader: ast.Call) -> bool:
    """A DataLoader over an IterableDataset (which cannot be shuffled by the loader)."""
    if not loader.args:
        return False
    iterable_classes = {
        n.name
        for n in ast.walk(script.tree)
        if isinstance(n, ast.ClassDef) and any("Iterable" in last_name(b) for b in n.bases)
    }
    for value in script.values(loader.args[0]) or [loader.args[0]]:
        text = script.quote(value).lower()
        if "stream" in text or "iterable" in text:
            return True
        if isinstance(value, ast.Call) and last_name(value.func) in iterable_classes:
            return True
    return False


@check("BD605")
def check_train_loader_not_shuffled(script: Script) -> Iterator[Finding]:
    if _shuffles_itself(script):
        return
    seen: set[int] = set()
    for loop in script.train_loops:
        if not isinstance(loop, (ast.For, ast.AsyncFor)):
            continue
        loaders = script.loaders_of(loop.iter)
        for loader in loaders or []:
            if id(loader) in seen or has_star_kwargs(loader) or _iterable_dataset(script, loader):
                continue
            seen.add(id(loader))
            given = {k.arg: k.value for k in loader.keywords}
            if "sampler" in given or "batch_sampler" in given or len(loader.args) > 2:
                continue
            if "shuffle" in given and not (
                isinstance(given["shuffle"], ast.Constant) and given["shuffle"].value is False
            ):
                continue
            yield Finding.of(
                "BD605",
                f"the training loop (line {loop.lineno}) iterates "
                f"`{script.quote(loop.iter, 40)}`, built by `{script.quote(loader, 60)}` without "
                "shuffle=True or a sampler: a file sorted by label gives one-class batches",
                locations=[script.loc(loader), script.loc(loop)],
                fix="add shuffle=True to this DataLoader (keep evaluation loaders unshuffled)",
            )


DEVICE_NAME = re.compile(r"device|^dev$|^gpu$", re.I)


def _moves_to_gpu(node: ast.AST) -> bool:
    """`.cuda()`, `.to(device)`, `.to("cuda")`, `.to(torch.device("cuda"))`; not `.to(dtype)`."""
    if is_method(node, "cuda"):
        return True
    if not is_method(node, "to"):
        return False
    args = [*node.args, *(k.value for k in node.keywords if k.arg == "device")]  # type: ignore[attr-defined]
    if not args:
        return False
    arg = args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value.startswith("cuda")
    if isinstance(arg, ast.Call) and last_name(arg.func) == "device":
        return True
    return isinstance(arg, (ast.Name, ast.Attribute)) and bool(DEVICE_NAME.search(last_name(arg)))


def _data_building_functions(script: Script) -> Iterator[tuple[ast.AST, str]]:
    """Functions that build the data: Dataset methods, collate functions, functions whose
    result goes into a TensorDataset / DataLoader / Dataset."""
    dataset_classes = set()
    for node in ast.walk(script.tree):
        if isinstance(node, ast.ClassDef) and any(
            last_name(b).endswith("Dataset") for b in node.bases
        ):
            dataset_classes.add(node.name)
            for item in node.body:
                if isinstance(item, FUNCS) and item.name in ("__init__", "__getitem__", "__iter__"):
                    yield item, f"{node.name}.{item.name}"
    consumers = {"TensorDataset", "DataLoader", "Dataset", *dataset_classes}
    for call in script.calls:
        if last_name(call.func) not in consumers:
            continue
        for arg in [*call.args, *(k.value for k in call.keywords)]:
            if isinstance(arg, ast.Name) and script.values(arg):
                arg = script.values(arg)[0]  # type: ignore[index]
            name = (
                last_name(arg.func)
                if isinstance(arg, ast.Call)
                else (
                    arg.id
                    if isinstance(arg, ast.Name)
                    and last_name(call.func) == "DataLoader"
                    and any(k.value is arg and k.arg == "collate_fn" for k in call.keywords)
                    else ""
                )
            )
            for func in script.functions.get(name, []):
                yield func, name
    # functions that tokenize, never run the model, and are not called batch by batch in a
    # loop that runs the model (there, moving the encoded batch is the right thing)
    for funcs in script.functions.values():
        for func in funcs:
            if not any(_tokenizes(n) for n in walk_local(func)) or _calls_model(script, func):
                continue
            sites = script.call_sites(func)
            if not any(_in_model_loop(script, site) for site in sites):
                yield func, func.name


def _in_model_loop(script: Script, node: ast.AST) -> bool:
    return any(
        isinstance(a, LOOPS) and (_calls_model(script, a) or a in script.train_loops)
        for a in script.ancestors(node)
    )


def _tokenizes(node: ast.AST) -> bool:
    if is_method(node, "encode_plus", "batch_encode_plus", "encode", "convert_tokens_to_ids"):
        return True
    return isinstance(node, ast.Call) and last_name(node.func) == "tokenizer"


@check("BD606")
def check_cuda_during_data_loading(script: Script) -> Iterator[Finding]:
    done: set[int] = set()
    for func, name in _data_building_functions(script):
        if id(func) in done or _calls_model(script, func):
            continue  # a function that runs a model on the GPU (precomputed features) is fine
        done.add(id(func))
        moves = sorted(
            (n for n in walk_local(func) if _moves_to_gpu(n)),
            key=lambda n: (n.lineno, n.col_offset),
        )
        if moves:
            yield Finding.of(
                "BD606",
                f"{name} moves data to the GPU while the dataset is built: "
                f"`{script.quote(moves[0])}`"
                + (f" and {len(moves) - 1} more" if len(moves) > 1 else ""),
                locations=sorted({script.loc(m) for m in moves}, key=lambda loc: loc.line),
                fix="return CPU tensors here and move each batch in the training loop: "
                "batch = {k: v.to(device) for k, v in batch.items()}",
            )
    for call in script.calls:
        if last_name(call.func) != "TensorDataset" or script.scope_of(call) in (
            f for f, _ in _data_building_functions(script)
        ):
            continue
        moved = [a for a in call.args if _moves_to_gpu(a)]
        if moved:
            yield Finding.of(
                "BD606",
                f"`{script.quote(call)}` builds the dataset from GPU tensors",
                locations=[script.loc(call)],
                fix="build the TensorDataset from CPU tensors and move each batch in the "
                "training loop",
            )


TENSOR_FACTORIES = {
    "tensor",
    "as_tensor",
    "from_numpy",
    "zeros",
    "ones",
    "empty",
    "full",
    "arange",
    "rand",
    "randn",
    "randint",
    "stack",
    "cat",
    "LongTensor",
    "FloatTensor",
    "Tensor",
    "zeros_like",
    "ones_like",
    "full_like",
    "where",
    "cumsum",
    "argmax",
    "softmax",
    "sigmoid",
}
TENSOR_METHODS = {
    "cuda",
    "cpu",
    "to",
    "long",
    "float",
    "int",
    "bool",
    "view",
    "reshape",
    "squeeze",
    "unsqueeze",
    "clone",
    "detach",
    "contiguous",
    "flatten",
    "argmax",
    "softmax",
    "sigmoid",
    "permute",
    "transpose",
    "masked_fill",
    "type",
    "half",
}
OUTPUT_TENSORS = {"logits", "loss", "last_hidden_state", "pooler_output"}


def _is_tensor(script: Script, node: ast.AST, depth: int = 3) -> bool:
    """Whether an expression is certainly a torch tensor."""
    if isinstance(node, ast.Call):
        func = script.qualname(node.func)
        if func.startswith("torch.") and func.rsplit(".", 1)[-1] in TENSOR_FACTORIES:
            return True
        if isinstance(node.func, ast.Attribute) and node.func.attr in TENSOR_METHODS:
            return _is_tensor(script, node.func.value, depth)
        return False
    if isinstance(node, ast.Attribute) and node.attr in OUTPUT_TENSORS:
        return True
    if isinstance(node, ast.Subscript):
        if isinstance(node.value, ast.Name) and _items_replaced(script, node.value):
            return False  # `batch["labels"] = [...]` may have put a list there
        return _is_encoding(script, node.value, depth) or _is_tensor(script, node.value, depth)
    if isinstance(node, ast.Name) and depth:
        bindings = script.bound(node.id, node)
        return bool(bindings) and all(_binding_is_tensor(script, b, depth - 1) for b in bindings)
    return False


def _items_replaced(script: Script, name: ast.Name) -> bool:
    """Whether the scope assigns to an item of `name` (`batch["labels"] = ...`)."""
    return any(
        isinstance(n, ast.Assign)
        and any(
            isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == name.id
            for t in n.targets
        )
        for n in walk_local(script.scope_of(name))
    )


def _binding_is_tensor(script: Script, b: Binding, depth: int) -> bool:
    if b.value is None:
        return False
    if b.kind == "assign" and not b.path:
        return _is_tensor(script, b.value, depth)
    if b.kind in ("for", "comp"):
        if _is_tensor(script, b.value, depth):  # iterating a tensor gives tensors
            return not b.path
        # the elements of a batch from a DataLoader with the default collate are tensors
        loaders = script.loaders_of(b.value)
        wrapped, it = False, b.value
        while isinstance(it, ast.Call) and it.args:
            wrapped = wrapped or last_name(it.func) == "enumerate"
            if last_name(it.func) not in ("enumerate", "tqdm", "iter", "trange", "track"):
                break
            it = it.args[0]
        if loaders and all(keyword(d, "collate_fn") is None for d in loaders):
            return len(b.path) == (2 if wrapped else 1) and (not wrapped or b.path[0] == 1)
    return False


def _is_encoding(script: Script, node: ast.AST, depth: int = 2) -> bool:
    """A tokenizer's output with return_tensors="pt"."""
    if isinstance(node, ast.Call):
        rt = keyword(node, "return_tensors")
        return rt is not None and isinstance(rt.value, ast.Constant) and rt.value.value == "pt"
    if isinstance(node, ast.Name) and depth:
        values = script.values(node, 1)
        return bool(values) and all(_is_encoding(script, v, depth - 1) for v in values)
    return False


@check("BD607")
def check_tensor_from_tensor(script: Script) -> Iterator[Finding]:
    for call in script.calls:
        if script.qualname(call.func) != "torch.tensor" or len(call.args) != 1:
            continue
        arg = call.args[0]
        if not _is_tensor(script, arg):
            continue
        yield Finding.of(
            "BD607",
            f"`{script.quote(call)}`: {script.quote(arg, 40)} is already a tensor; "
            "torch.tensor copies it, cuts it from the autograd graph and warns",
            locations=[script.loc(call)],
            fix=f"use {script.quote(arg, 40)} as it is, torch.as_tensor({script.quote(arg, 40)}) "
            "or .clone().detach() when a copy is wanted",
        )


def _scaled(script: Script, expr: ast.expr, depth: int = 3) -> bool:
    """Whether the loss passed to backward() was divided (or multiplied) somewhere."""
    if isinstance(expr, ast.BinOp):
        return isinstance(expr.op, (ast.Div, ast.Mult)) or _scaled(script, expr.left, depth)
    if isinstance(expr, ast.Call) and expr.args:  # scaler.scale(loss / n)
        return _scaled(script, expr.args[0], depth)
    if isinstance(expr, ast.Name) and depth:
        for b in script.bound(expr.id, expr):
            if b.kind == "augassign" and isinstance(b.node.op, (ast.Div, ast.Mult)):  # type: ignore[attr-defined]
                return True
            if b.value is not None and b.kind in ("assign", "augassign"):
                if _scaled(script, b.value, depth - 1):
                    return True
            if b.kind not in ("assign", "augassign"):
                return True  # a parameter, a loop target: unclear, stay silent
    return False


def _accumulation_if(script: Script, loop: ast.AST) -> ast.If | None:
    """The `if ... % steps == 0:` around optimizer.step() inside a training loop."""
    for node in walk_local(loop):
        if not isinstance(node, ast.If):
            continue
        mods = [  # `is_update = (step + 1) % steps == 0` before the `if` counts too
            n
            for n in _expand(script, node.test)
            if isinstance(n, ast.BinOp)
            and isinstance(n.op, ast.Mod)
            and int_value(n.right) not in (1,)
        ]
        if mods and any(script.is_optimizer_step(n) for b in node.body for n in ast.walk(b)):
            return node
    return None


@check("BD608")
def check_accumulation_not_scaled(script: Script) -> Iterator[Finding]:
    for loop in script.train_loops:
        gate = _accumulation_if(script, loop)
        if gate is None:
            continue
        backward = next(
            (
                n
                for n in walk_local(loop)
                if is_method(n, "backward") and not script.inside(n, gate)
            ),
            None,
        )
        if backward is None or backward.args:  # accelerator.backward(loss) and friends
            continue
        if _scaled(script, backward.func.value):
            continue
        divisor = next(
            n.right
            for n in _expand(script, gate.test)
            if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod)
        )
        if any(int_value(v) == 1 for v in script.values(divisor) or []):
            continue  # accumulation_steps = 1: no accumulation
        steps = script.quote(divisor, 40)
        yield Finding.of(
            "BD608",
            f"`{script.quote(backward)}` back-propagates a loss that is never divided by "
            f"{steps}, while the optimizer steps only when `{script.quote(gate.test, 50)}` "
            f"(line {gate.lineno}): each step applies {steps} batches' summed gradients",
            locations=[script.loc(backward), script.loc(gate)],
            fix=f"divide the loss before backward: loss = loss / {steps}",
        )


SCHEDULES = {
    "get_linear_schedule_with_warmup": 2,
    "get_cosine_schedule_with_warmup": 2,
    "get_polynomial_decay_schedule_with_warmup": 2,
    "get_cosine_with_hard_restarts_schedule_with_warmup": 2,
    "get_scheduler": 3,
}
EPOCH_NAME = re.compile(r"epoch", re.I)
ACCUM_NAME = re.compile(r"accum|grad_acc|acc_steps|accumulation", re.I)


def _expand(script: Script, expr: ast.expr) -> list[ast.AST]:
    """The nodes of an expression with its names replaced by what they were assigned."""
    nodes: list[ast.AST] = []
    todo = [(expr, 3)]
    while todo:
        node, depth = todo.pop()
        for n in ast.walk(node):
            nodes.append(n)
            if isinstance(n, ast.Name) and depth:
                for v in script.values(n, 1) or []:
                    if v is not n:
                        todo.append((v, depth - 1))
    return nodes


def _epoch_loop_count(script: Script, near: ast.AST) -> ast.expr | None:
    """The `range(N)` of the loop around the training loop, preferring the training loops of
    the scope of `near` (the scheduler); None without one."""
    scope = script.scope_of(near)
    loops = sorted(script.train_loops, key=lambda loop: script.scope_of(loop) is not scope)
    for loop in loops:
        for outer in script.ancestors(loop):
            if (
                isinstance(outer, ast.For)
                and isinstance(outer.iter, ast.Call)
                and last_name(outer.iter.func) == "range"
                and outer.iter.args
            ):
                return outer.iter.args[-1] if len(outer.iter.args) < 3 else None
    return None


def _is_scheduler_step(node: ast.AST) -> bool:
    return is_method(node, "step") and "sched" in last_name(node.func.value).lower()  # type: ignore[attr-defined]


@check("BD609")
def check_schedule_sized_in_batches(script: Script) -> Iterator[Finding]:
    if not any(_is_scheduler_step(n) for loop in script.train_loops for n in walk_local(loop)):
        return  # stepped per epoch, or not at all: another story
    for call in script.calls:
        name = last_name(call.func)
        total = _schedule_total(call) if name in SCHEDULES or name == "OneCycleLR" else None
        if total is None:
            continue
        nodes = _expand(script, total)
        lens = [n for n in nodes if isinstance(n, ast.Call) and last_name(n.func) == "len"]
        if any(n.args and _dataset_of(script, n.args[0]) for n in lens):
            continue  # examples, not batches: _schedule_counts_examples says so
        counts_batches = bool(lens)
        names = " ".join(dotted(n) or "" for n in nodes if isinstance(n, (ast.Name, ast.Attribute)))
        multiplied = any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mult) for n in nodes)
        if not counts_batches or EPOCH_NAME.search(names) or multiplied:
            continue
        epochs = _epoch_loop_count(script, call)
        if epochs is None or int_value(epochs) == 1:
            continue
        yield Finding.of(
            "BD609",
            f"`{script.quote(call)}` sizes the schedule as {script.quote(total, 50)} (one "
            f"epoch), but training runs `range({script.quote(epochs, 30)})` epochs: the "
            "learning rate reaches 0 after the first epoch",
            locations=[script.loc(call)],
            fix="num_training_steps = math.ceil(len(train_loader) / accumulation_steps) * "
            f"{script.quote(epochs, 30)}",
        )
    yield from _schedule_ignores_accumulation(script)
    yield from _schedule_counts_examples(script)


def _schedule_total(call: ast.Call) -> ast.expr | None:
    """The num_training_steps (or OneCycleLR total_steps) argument of a schedule call."""
    name = last_name(call.func)
    kw = keyword(call, "total_steps" if name == "OneCycleLR" else "num_training_steps")
    if kw is not None:
        return kw.value
    position = SCHEDULES.get(name)
    return call.args[position] if position and len(call.args) > position else None


def _dataset_of(script: Script, node: ast.AST) -> ast.Call | None:
    """The Dataset construction a name holds (`TensorDataset(...)`, a Dataset subclass of the
    script), for `len(train_dataset)`; None when it is not certainly a dataset."""
    classes = {
        n.name
        for n in ast.walk(script.tree)
        if isinstance(n, ast.ClassDef) and any(last_name(b).endswith("Dataset") for b in n.bases)
    }
    values = script.values(node) if isinstance(node, ast.Name) else None
    if not values or len(values) != 1 or not isinstance(values[0], ast.Call):
        return None
    call = values[0]
    return call if last_name(call.func) in {"TensorDataset", *classes} else None


def _schedule_counts_examples(script: Script) -> Iterator[Finding]:
    """`num_training_steps=len(train_dataset) * epochs`: examples, not batches."""
    for call in script.calls:
        if last_name(call.func) not in SCHEDULES and last_name(call.func) != "OneCycleLR":
            continue
        total = _schedule_total(call)
        nodes = _expand(script, total) if total is not None else []
        if any(
            isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Div, ast.FloorDiv)) for n in nodes
        ):
            continue  # divided by the batch size somewhere
        sized = [
            n.args[0]
            for n in nodes
            if isinstance(n, ast.Call) and last_name(n.func) == "len" and len(n.args) == 1
        ]
        dataset = next((a for a in sized if _dataset_of(script, a) is not None), None)
        if dataset is None or any(script.loaders_of(a) for a in sized):
            continue
        batch = next(
            (
                script.quote(k.value, 20)
                for c in script.calls
                if script.is_dataloader(c) and c.args and ast.dump(c.args[0]) == ast.dump(dataset)
                for k in c.keywords
                if k.arg == "batch_size"
            ),
            "the batch size",
        )
        yield Finding.of(
            "BD609",
            f"`{script.quote(call)}` counts len({script.quote(dataset, 30)}) examples, not "
            f"batches: with batch_size={batch} the schedule is that many times too long, so the "
            "learning rate hardly decays and warmup lasts far longer than planned",
            locations=[script.loc(call)],
            fix="count optimizer steps: math.ceil(len(train_loader) / accumulation_steps) "
            "* num_epochs",
        )


def _schedule_ignores_accumulation(script: Script) -> Iterator[Finding]:
    """Epochs counted, but in batches while the scheduler steps every N batches."""
    gates = [g for g in (_accumulation_if(script, loop) for loop in script.train_loops) if g]
    gated = [n for g in gates for n in ast.walk(g) if _is_scheduler_step(n)]
    if not gated:
        return
    for call in script.calls:
        total = _schedule_total(call) if last_name(call.func) in SCHEDULES else None
        if total is None:
            continue
        nodes = _expand(script, total)
        names = " ".join(dotted(n) or "" for n in nodes if isinstance(n, (ast.Name, ast.Attribute)))
        if not any(isinstance(n, ast.Call) and last_name(n.func) == "len" for n in nodes):
            continue
        if (
            ACCUM_NAME.search(names)
            or any(
                isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Div, ast.FloorDiv))
                for n in nodes
            )
            or not EPOCH_NAME.search(names)
        ):
            continue
        yield Finding.of(
            "BD609",
            f"`{script.quote(call)}` counts {script.quote(total, 50)} batches, but "
            f"`{script.quote(gated[0])}` runs only on accumulation steps (line "
            f"{gated[0].lineno}): the schedule decays only part of the way",
            locations=[script.loc(call), script.loc(gated[0])],
            fix="count optimizer steps: math.ceil(len(train_loader) / accumulation_steps) "
            "* num_epochs",
        )


def _zeroes_grad(node: ast.AST) -> bool:
    if is_method(node, "zero_grad") or (
        is_method(node, "zero_") and last_name(node.func.value) == "grad"
    ):  # type: ignore[attr-defined]
        return True
    return isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Attribute) and t.attr == "grad" for t in node.targets
    )


@check("BD610")
def check_zero_grad_missing(script: Script) -> Iterator[Finding]:
    for loop in script.train_loops:
        step = next((n for n in walk_local(loop) if script.is_optimizer_step(n)), None)
        if step is None or script.reaches(loop, _zeroes_grad):
            continue
        yield Finding.of(
            "BD610",
            f"the training loop at line {loop.lineno} calls `{script.quote(step)}` (line "
            f"{step.lineno}) but never zero_grad(): gradients add up across every step",
            locations=[script.loc(step), script.loc(loop)],
            fix=f"call {script.quote(step.args[0] if step.args else step.func.value, 30)}"
            f".zero_grad() after {script.quote(step, 30)} in the loop",
        )


EVAL_NAME = re.compile(r"dev|val|test|eval", re.I)
EVAL_FUNC = re.compile(r"^(eval|valid|test|predict|infer|score|compute_metrics)", re.I)
NO_GRAD = {"no_grad", "inference_mode"}
DATA_NAME = re.compile(r"loader|data|batches|_dl\b|^dl\b", re.I)


def _is_eval_call(node: ast.AST) -> bool:
    """`model.eval()`, or its long form `model.train(False)`."""
    if is_method(node, "train") and node.args:  # type: ignore[attr-defined]
        arg = node.args[0]  # type: ignore[attr-defined]
        return isinstance(arg, ast.Constant) and arg.value is False
    return is_method(node, "eval") and not node.args  # type: ignore[attr-defined]


def _is_train_call(node: ast.AST) -> bool:
    """`model.train()` / `model.train(True)`; not `trainer.train()`, not `model.train(False)`."""
    return (
        is_method(node, "train")
        and "trainer" not in last_name(node.func.value).lower()  # type: ignore[attr-defined]
        and all(isinstance(a, ast.Constant) and a.value is not False for a in node.args)  # type: ignore[attr-defined]
    )


def _calls_model(script: Script, loop: ast.AST) -> bool:
    for node in walk_local(loop):
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
            name = last_name(node.func).lower()
            if name in ("model", "net", "bert") or name.endswith("model"):
                return True
    return False


def _without_grad(script: Script, node: ast.AST) -> bool:
    """Inside `with torch.no_grad():`, a no_grad-decorated function, or after
    `torch.set_grad_enabled(False)`."""
    for a in script.ancestors(node):
        if isinstance(a, (ast.With, ast.AsyncWith)) and any(
            last_name(i.context_expr) in NO_GRAD
            or (last_name(i.context_expr) == "set_grad_enabled")
            for i in a.items
        ):
            return True
        if isinstance(a, FUNCS) and any(last_name(d) in NO_GRAD for d in a.decorator_list):
            return True
    inner = [
        i.context_expr
        for n in walk_local(node)
        if isinstance(n, (ast.With, ast.AsyncWith))
        for i in n.items
    ]
    if any(last_name(c) in NO_GRAD for c in inner):  # `with torch.no_grad():` inside the loop
        return True
    scope = script.scope_of(node)
    return any(
        isinstance(n, ast.Call) and last_name(n.func) == "set_grad_enabled"
        for n in walk_local(scope)
    )


def _is_eval_loop(script: Script, loop: ast.For | ast.AsyncFor) -> bool:
    """A loop over batches that runs the model and never back-propagates, over a loader named
    like dev/val/test/eval or in a function named like evaluate/validate/predict."""
    if script.reaches(loop, script.is_backward) or not _calls_model(script, loop):
        return False
    loaders = script.loaders_of(loop.iter) or []
    if not (loaders or DATA_NAME.search(script.quote(loop.iter))):
        return False  # a loop over something else than batches
    scope = script.scope_of(loop)
    names = " ".join(script.quote(n) for n in [loop.iter, *loaders])
    return bool(
        EVAL_NAME.search(names) or (isinstance(scope, FUNCS) and EVAL_FUNC.match(scope.name))
    )


@check("BD611")
def check_train_eval_mode(script: Script) -> Iterator[Finding]:
    for loop in _loops(script, (ast.For, ast.AsyncFor)):
        if not _is_eval_loop(script, loop):
            continue
        scope = script.scope_of(loop)
        sites = script.call_sites(scope)  # eval() and no_grad() may be the caller's
        eval_mode = any(_is_eval_call(n) for n in walk_local(scope)) or any(
            any(_is_eval_call(n) for n in walk_local(script.scope_of(s))) for s in sites
        )
        no_grad = _without_grad(script, loop) or any(_without_grad(script, s) for s in sites)
        missing = [
            m for m, ok in (("model.eval()", eval_mode), ("torch.no_grad()", no_grad)) if not ok
        ]
        if not missing:
            continue
        why = (
            "dropout stays on and the scores are noisy and low"
            if not eval_mode
            else "every forward keeps its activations for a backward that never comes"
        )
        yield Finding.of(
            "BD611",
            f"the evaluation loop `{script.quote(loop.iter, 50)}` (line {loop.lineno}) runs "
            f"without {' and without '.join(missing)}: {why}",
            locations=[script.loc(loop)],
            fix="call model.eval() before the loop, wrap it in `with torch.no_grad():`, "
            "and call model.train() before training resumes",
        )
    yield from _training_resumed_in_eval_mode(script)


def _training_resumed_in_eval_mode(script: Script) -> Iterator[Finding]:
    """A loop that trains and switches to eval (directly or through a function it calls)
    without switching back to train mode anywhere in the loop."""
    for loop in _loops(script):
        if not script.reaches(loop, script.is_backward):
            continue  # neither it nor a function it calls trains
        if any(
            isinstance(a, LOOPS) and any(_is_eval_call(n) for n in walk_local(a))
            for a in script.ancestors(loop)
        ):
            continue  # an outer loop holds the switch; it is checked on its own
        evals = [n for n in walk_local(loop) if _is_eval_call(n)]
        via = [
            f
            for f in script.called_functions(loop)
            if any(_is_eval_call(n) for n in walk_local(f))
            and not any(_is_train_call(n) for n in walk_local(f))
        ]
        if not (evals or via) or script.reaches(loop, _is_train_call):
            continue
        where = (
            evals[0]
            if evals
            else next(
                c
                for c in walk_local(loop)
                if isinstance(c, ast.Call) and last_name(c.func) == via[0].name
            )
        )
        yield Finding.of(
            "BD611",
            f"`{script.quote(where)}` (line {where.lineno}) leaves the model in eval mode "
            f"inside the training loop at line {loop.lineno}, and nothing calls model.train() "
            "again: later epochs train without dropout",
            locations=[script.loc(where), script.loc(loop)],
            fix="call model.train() at the start of each epoch (or right after evaluation)",
        )


@check("BD612")
def check_weight_decay_on_all_params(script: Script) -> Iterator[Finding]:
    for call in script.calls:
        if not script.is_class_call(call, r"^AdamW$"):
            continue
        params = call.args[0] if call.args else getattr(keyword(call, "params"), "value", None)
        decay = keyword(call, "weight_decay")
        if params is None or decay is None:
            continue
        values = script.values(decay.value) or []
        if not values or any(not int_value(v) for v in values):
            continue
        sources = script.values(params) or []
        if not sources or not all(_all_parameters(s) for s in sources):
            continue
        yield Finding.of(
            "BD612",
            f"`{script.quote(call)}` decays every parameter by {script.quote(decay.value)}, "
            "the biases and LayerNorm weights included",
            locations=[script.loc(call)],
            fix='split the parameters in two groups: names containing "bias" or '
            '"LayerNorm.weight" get "weight_decay": 0.0, the others the decay',
        )


def _all_parameters(node: ast.AST) -> bool:
    """`model.parameters()`, or a comprehension / filter over it that does not look at names."""
    if is_method(node, "parameters"):
        return True
    if isinstance(node, (ast.ListComp, ast.GeneratorExp)) and len(node.generators) == 1:
        return is_method(node.generators[0].iter, "parameters")
    if isinstance(node, ast.Call) and last_name(node.func) in ("filter", "list") and node.args:
        return _all_parameters(node.args[-1])
    return False


@check("BD613")
def check_one_hot_in_place(script: Script) -> Iterator[Finding]:
    for node in ast.walk(script.tree):
        if not isinstance(node, (ast.Assign, ast.AugAssign)):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if not isinstance(target, ast.Subscript) or not isinstance(target.slice, ast.Tuple):
                continue
            same = _same_tensor(script, target.value)
            index = next((e for e in target.slice.elts if ast.dump(e) in same), None)
            if index is None:
                continue
            name, read = script.quote(target.value, 30), script.quote(index, 30)
            alias = "" if name == read else f" ({name} is {read})"
            yield Finding.of(
                "BD613",
                f"`{script.quote(node)}` writes into {name} at positions read from {read}"
                f"{alias}, the same tensor: it fails (`too many indices` on 1-D class ids, "
                "`unsupported operation` on overlapping memory) or overwrites the labels",
                locations=[script.loc(node)],
                fix=f"build a new tensor: torch.nn.functional.one_hot({read}, "
                "num_classes=num_labels).float()",
            )


def _same_tensor(script: Script, node: ast.expr) -> set[str]:
    """The dumps of the expressions that are the same tensor as `node`: itself, and for a
    name assigned once from another name (`targets = labels`), that name."""
    same = {ast.dump(node)}
    values = script.values(node, 1) if isinstance(node, ast.Name) else None
    if values and len(values) == 1 and isinstance(values[0], ast.Name):
        same.add(ast.dump(values[0]))
    return same


HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")


def _relative_local_path(script: Script, value: str) -> bool:
    """A relative path that is certainly a folder or file, not a Hub id."""
    if (
        not value
        or os.path.isabs(value)
        or value.startswith(("~", "http"))
        or re.match(r"^[A-Za-z]:", value)
        or re.search(r"[\x00-\x1f]", value)  # a string that is not raw: BD309
    ):
        return False
    if value.startswith(("./", "../", ".\\", "..\\")) or value in (".", ".."):
        return True
    if "\\" in value or value.count("/") >= 2 or not HUB_ID.match(value):
        return True
    folders = [f for f in (script.folder, script.cwd) if f is not None]
    return any((f / value).exists() for f in folders)


@check("BD614")
def check_relative_model_path(script: Script) -> Iterator[Finding]:
    places: dict[str, list[ast.AST]] = {}
    for call in script.calls:
        if not is_method(call, "from_pretrained"):
            continue
        arg = (
            call.args[0]
            if call.args
            else getattr(keyword(call, "pretrained_model_name_or_path"), "value", None)
        )
        if arg is None:
            continue
        if ast.unparse(arg) in script.saved_to:
            continue  # the script writes this folder itself, from the same working directory
        for value in script.values(arg, 2) or []:
            text = _relative_literal(script, value)
            if text is not None:
                nodes = places.setdefault(text, [])
                nodes.extend(n for n in (value, call) if n not in nodes)
    for value, nodes in places.items():
        lines = sorted({n.lineno for n in nodes})
        rest = re.sub(r"^(f?['\"])\.[/\\]+", r"\1", value)  # './bert' -> 'bert'
        yield Finding.of(
            "BD614",
            f"from_pretrained gets the relative path {value}: it resolves against the working "
            "directory, not the script's folder, so started from another folder it is not found",
            locations=[Location(script.path, line) for line in lines],
            fix=f"use Path(__file__).resolve().parent / {rest} (from pathlib import Path), "
            "or an absolute path",
        )


# calls whose first argument is a path (every argument of os.path.join), and the names that
# hold one (bert_path, DATA_DIR, vocab_file)
PATH_CALLS = frozenset(
    "from_pretrained save_pretrained open Path PurePath exists isdir isfile listdir makedirs "
    "read_csv read_excel read_json read_table load load_dataset join".split()
)
PATH_NAME = re.compile(r"(path|dir|file|folder|root)s?$", re.I)


def _path_literals(script: Script) -> Iterator[ast.Constant | ast.JoinedStr]:
    """String literals used as paths: arguments of path calls, path-named keywords and
    variables (through their assignments), and any literal that starts with a drive letter."""
    roots: list[ast.expr] = []
    for call in script.calls:
        name = last_name(call.func)
        if name in PATH_CALLS and call.args:
            roots.extend(call.args if name == "join" else call.args[:1])
        roots.extend(k.value for k in call.keywords if k.arg and PATH_NAME.search(k.arg))
    for node in ast.walk(script.tree):
        if isinstance(node, ast.Assign) and any(
            PATH_NAME.search(last_name(t)) for t in node.targets
        ):
            roots.append(node.value)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if re.match(r"[A-Za-z]:[\\\x00-\x1f]\w", node.value):
                # a part of an f-string stands for the f-string: from Python 3.12 on, the part
                # has its own position, and its code is the bare text without r, f or quotes
                parent = script.parents.get(node)
                roots.append(parent if isinstance(parent, ast.JoinedStr) else node)
    seen: set[int] = set()
    for root in roots:
        for value in script.values(root, 2) or []:
            if isinstance(value, (ast.Constant, ast.JoinedStr)) and id(value) not in seen:
                seen.add(id(value))
                yield value


def _control_escapes(script: Script, node: ast.Constant | ast.JoinedStr) -> list[str]:
    """The escapes (`\b`, `\t`, `\0`) by which a string that is not raw turned a backslash of
    a path into a control character; empty when there is none."""
    parts = [node] if isinstance(node, ast.Constant) else node.values
    value = "".join(
        p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)
    )
    code = script.segment(node) or ""
    prefix = re.match(r"[A-Za-z]*", code).group(0).lower()  # type: ignore[union-attr]
    if not re.search(r"[\x00-\x1f]", value) or "r" in prefix or "b" in prefix:
        return []
    return [
        m.group(0)
        for m in re.finditer(r"\\([0-7]{1,3}|x[0-9A-Fa-f]{2}|.)", code[len(prefix) :])
        if m.group(1)[0] in "abfnrtv01234567x"
    ]


@check("BD309")
def check_path_escapes(script: Script) -> Iterator[Finding]:
    from ..pysource import ESCAPE_NAMES

    for node in _path_literals(script):
        escapes = _control_escapes(script, node)
        if not escapes:
            continue
        code = script.quote(node, 70)
        escapes = list(dict.fromkeys(escapes))
        named = ", ".join(
            f"{e} is {ESCAPE_NAMES.get(e[1], 'a control character')}" for e in escapes
        )
        yield Finding.of(
            "BD309",
            f"the path {code} is not a raw string, so Python reads "
            f"{'an escape' if len(escapes) == 1 else 'escapes'} in it ({named}) and the "
            "program gets a path with control characters, which does not exist",
            locations=[script.loc(node)],
            fix=f"write r{code} (a raw string), or the path with forward slashes",
        )


def _relative_literal(script: Script, value: ast.AST) -> str | None:
    """The code of a relative path literal (a string, or an f-string starting with ./ or ../),
    else None."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return repr(value.value) if _relative_local_path(script, value.value) else None
    if isinstance(value, ast.JoinedStr) and value.values:
        head = value.values[0]
        if isinstance(head, ast.Constant) and str(head.value).startswith(("./", "../")):
            return script.quote(value, 60)
    return None


# label sequences: labels, tags, sent_tags, label_ids, tag_ids, targets (not target_sizes)
LABEL_NAME = re.compile(r"(^|_)(labels?|tags?|targets?)(_?ids?)?$", re.I)


def _pad_value(script: Script, node: ast.AST) -> tuple[ast.AST, ast.AST] | None:
    """(the padded label sequence, the padding value) of a padding expression."""
    if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.Add):
        left = node.left if isinstance(node, ast.BinOp) else node.target
        right = node.right if isinstance(node, ast.BinOp) else node.value
        for seq, pad in ((left, right), (right, left)):  # labels + [0] * n, [0] * n + labels
            if (
                isinstance(pad, ast.BinOp)
                and isinstance(pad.op, ast.Mult)
                and isinstance(pad.left, ast.List)
                and len(pad.left.elts) == 1
            ):
                return seq, pad.left.elts[0]
    if is_method(node, "extend") and node.args:  # type: ignore[attr-defined]
        arg = node.args[0]  # type: ignore[attr-defined]
        if (
            isinstance(arg, ast.BinOp)
            and isinstance(arg.op, ast.Mult)
            and isinstance(arg.left, ast.List)
            and len(arg.left.elts) == 1
        ):
            return node.func.value, arg.left.elts[0]  # type: ignore[attr-defined]
    if isinstance(node, ast.Call) and last_name(node.func) == "pad_sequence" and node.args:
        value = keyword(node, "padding_value")
        return node.args[0], value.value if value else ast.Constant(0)
    if (
        isinstance(node, ast.Call)
        and script.qualname(node.func) in ("numpy.pad", "torch.nn.functional.pad")
        and node.args
    ):
        value = keyword(node, "constant_values") or keyword(node, "value")
        return node.args[0], value.value if value else ast.Constant(0)
    return None


def _is_real_class(script: Script, node: ast.AST) -> bool:
    """A label id >= 0 (a literal or a constant name), or `label2id["O"]`."""
    if isinstance(node, ast.Name):
        values = script.values(node, 1) or []
        return len(values) == 1 and values[0] is not node and _is_real_class(script, values[0])
    number = int_value(node)
    if number is not None:
        return number >= 0
    return (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Constant)
        and node.slice.value == "O"
    )


@check("BD615")
def check_labels_padded_with_class(script: Script) -> Iterator[Finding]:
    if script.uses_crf_with_mask():
        return
    ignored = {
        int_value(k.value) for c in script.calls for k in c.keywords if k.arg == "ignore_index"
    }
    for node in ast.walk(script.tree):
        found = _pad_value(script, node)
        if found is None:
            continue
        seq, value = found
        name = last_name(seq)
        parent = script.parents.get(node)
        if not name and isinstance(parent, ast.Assign) and len(parent.targets) == 1:
            name = last_name(parent.targets[0])
        if (
            not LABEL_NAME.search(name)
            or "mask" in name.lower()
            or not _is_real_class(script, value)
        ):
            continue
        shown = script.quote(value, 20)
        number = (
            int_value(value)
            if int_value(value) is not None
            else int_value((script.values(value, 1) or [None])[0])
        )
        if number in ignored:
            continue  # CrossEntropyLoss(ignore_index=...) skips this padding
        yield Finding.of(
            "BD615",
            f"`{script.quote(node)}` pads {name} with {shown}, a real class"
            + (' (usually "O")' if shown == "0" else "")
            + ": padding positions count in the loss as that class",
            locations=[script.loc(node)],
            fix=f"pad labels with -100 instead of {shown} (the loss skips -100); for a CRF, "
            "pass mask=attention_mask.bool()",
        )


BCE_FUNCS = ("binary_cross_entropy_with_logits",)


def _flattened(node: ast.AST) -> bool:
    """`x.view(-1)`, `x.reshape(-1)`, `x.flatten()`, `torch.flatten(x)`."""
    if is_method(node, "view", "reshape") and len(node.args) == 1:  # type: ignore[attr-defined]
        return int_value(node.args[0]) == -1  # type: ignore[attr-defined]
    if is_method(node, "flatten") and not node.args:  # type: ignore[attr-defined]
        return True
    return (
        isinstance(node, ast.Call)
        and last_name(node.func) == "flatten"
        and isinstance(node.func, ast.Attribute)
        and dotted(node.func.value) == "torch"
    )


def _head_sizes(script: Script) -> list[int | None]:
    """The number of outputs of every classification model the script builds."""
    sizes: list[int | None] = []
    for call in script.calls:
        if is_method(call, "from_pretrained") and script.is_class_call(call, CLASSIFIER_CLASS):
            kw = keyword(call, "num_labels")
            if kw is None:
                config_given = (
                    keyword(call, "config") or has_star_kwargs(call) or keyword(call, "id2label")
                )
                sizes.append(None if config_given else 2)
            else:
                values = script.values(kw.value) or [kw.value]
                sizes.extend(int_value(v) for v in values)  # type: ignore[misc]
    return sizes


@check("BD616")
def check_flattened_logits_for_bce(script: Script) -> Iterator[Finding]:
    bce_names = {
        dotted(t)
        for n in ast.walk(script.tree)
        if isinstance(n, ast.Assign)
        and isinstance(n.value, ast.Call)
        and last_name(n.value.func) == "BCEWithLogitsLoss"
        for t in n.targets
    }
    sizes = _head_sizes(script)
    if not sizes or any(s is None or s < 2 for s in sizes):
        return
    for call in script.calls:
        func = dotted(call.func)
        is_bce = (
            func in bce_names
            or last_name(call.func) in BCE_FUNCS
            or (
                isinstance(call.func, ast.Call) and last_name(call.func.func) == "BCEWithLogitsLoss"
            )
        )
        if not is_bce or len(call.args) < 2:
            continue
        logits, labels = call.args[0], call.args[1]
        if (
            not _flattened(logits)
            or _flattened(labels)
            or (isinstance(labels, ast.Call) and _flattened(getattr(labels.func, "value", None)))
        ):
            continue
        yield Finding.of(
            "BD616",
            f"`{script.quote(call)}` flattens the logits of a {sizes[0]}-label head to "
            f"(batch*{sizes[0]},) against labels {script.quote(labels, 30)} of another shape: "
            "Target size must be the same as input size",
            locations=[script.loc(call)],
            fix="keep logits (batch, num_labels) against float multi-hot labels of the same "
            "shape, or use CrossEntropyLoss(logits, labels) for one class per example",
        )


CHECKS = (
    check_model_kwarg_to_tokenizer,
    check_default_num_labels,
    check_unused_criterion,
    check_squeeze_without_dim,
    check_train_loader_not_shuffled,
    check_cuda_during_data_loading,
    check_tensor_from_tensor,
    check_accumulation_not_scaled,
    check_schedule_sized_in_batches,
    check_zero_grad_missing,
    check_train_eval_mode,
    check_weight_decay_on_all_params,
    check_one_hot_in_place,
    check_relative_model_path,
    check_path_escapes,
    check_labels_padded_with_class,
    check_flattened_logits_for_bce,
)


# ----------------------------------------------------------------------------- the report


def check_script(path: str, *, cwd: str | None = None) -> list[Finding]:
    """The BD6xx findings of one script; a syntax error is a BD317 finding with its line (the
    rules still run on what parses, e.g. a notebook export with `!pip` lines). A Jupyter
    notebook (.ipynb) is read cell by cell; its findings name the cell and the line in it.

    Raises DoctorError when the file cannot be read."""
    from ..pysource import parse_file, parse_source

    base = Path(cwd).expanduser() if cwd else Path.cwd()
    full = base / Path(path).expanduser()
    if full.is_dir():
        raise DoctorError(f"{path} is a directory; give the script to check (e.g. {path}/train.py)")
    cells: list[tuple[int, int]] = []
    try:
        if full.suffix == ".ipynb":
            text, cells = read_notebook(full, path)
            source = parse_source(text, full)
        else:
            source = parse_file(full)
    except OSError as exc:
        raise DoctorError(f"cannot read {path}: {exc.strerror or exc}") from None
    findings: list[Finding] = []
    if source.error is not None:
        problem = source.error
        text = f": `{problem.text}`" if problem.text else ""
        findings.append(
            Finding.of(
                "BD317",
                f"{path} line {problem.line}: {problem.message}{text}; the script cannot run",
                locations=[Location(path, problem.line)],
                fix="fix this line; delete notebook `!`/`%` lines or turn them into comments",
            )
        )
    if source.tree is not None:
        script = Script(source.tree, source.text, path, full.resolve().parent, base.resolve())
        found = run_checks(CHECKS, script)
        findings.extend(sorted(found, key=lambda f: (f.code, f.location.line if f.location else 0)))
    return [_in_cells(f, cells) for f in findings] if cells else findings


NOTEBOOK_MAGIC = re.compile(r"^(\s*)[!%]")
CELL_MAGICS_IN_PYTHON = ("%%time", "%%timeit", "%%capture")


def read_notebook(file: Path, shown: str) -> tuple[str, list[tuple[int, int]]]:
    """The code cells of a notebook as one script, and for each of its lines (cell number,
    line in the cell). IPython `!`/`%` lines become `pass`; cells in another language
    (`%%bash`, `%%writefile`) are left out."""
    import json

    try:
        doc = json.loads(file.read_text(encoding="utf-8"))
        cells = [c for c in doc["cells"] if isinstance(c, dict)]
    except (ValueError, KeyError, TypeError) as exc:
        raise DoctorError(f"{shown} is not a Jupyter notebook: {exc}") from None
    lines: list[str] = []
    where: list[tuple[int, int]] = []
    for number, cell in enumerate(cells, start=1):
        body = cell.get("source", "")
        body = "".join(body) if isinstance(body, list) else str(body)
        if cell.get("cell_type") != "code" or not body.strip():
            continue
        if body.lstrip().startswith("%%") and not body.lstrip().startswith(CELL_MAGICS_IN_PYTHON):
            continue
        for index, line in enumerate(body.splitlines(), start=1):
            magic = NOTEBOOK_MAGIC.match(line)
            lines.append(f"{magic.group(1)}pass" if magic else line)
            where.append((number, index))
    return "\n".join(lines) + "\n", where


def _in_cells(finding: Finding, cells: list[tuple[int, int]]) -> Finding:
    """A finding on a notebook, its lines told as a cell and a line in that cell: locations
    `train.ipynb cell 5:6`, and "line 13" in the message becomes "cell 5 line 6"."""
    from dataclasses import replace

    def cell_of(line: int | None) -> tuple[int, int] | None:
        return cells[line - 1] if line and 0 < line <= len(cells) else None

    def told(match: re.Match[str]) -> str:
        spot = cell_of(int(match.group(1)))
        return f"cell {spot[0]} line {spot[1]}" if spot else match.group(0)

    locations = []
    for loc in finding.locations:
        spot = cell_of(loc.line)
        locations.append(Location(f"{loc.path} cell {spot[0]}", spot[1]) if spot else loc)
    message = re.sub(r"\bline (\d+)\b", told, finding.message)
    return replace(finding, message=message, locations=tuple(locations))


MAX_MODULES = 30


def local_modules(path: str, *, cwd: str | None = None) -> list[str]:
    """The project's own modules the script imports directly (`from dataset import
    RumourDataset` -> dataset.py), found the way `python SCRIPT` finds them, as paths shown
    relative to the working directory. Nothing is imported."""
    from ..pysource import find_local_module, list_imports, parse_file, script_sys_path

    base = (Path(cwd).expanduser() if cwd else Path.cwd()).resolve()
    full = (base / Path(path).expanduser()).resolve()
    try:
        tree = parse_file(full).tree
    except OSError:
        return []
    if tree is None:
        return []
    entries = script_sys_path(full, base)
    found: dict[Path, None] = {}
    for ref in list_imports(tree):
        if ref.level:
            continue  # relative imports fail in a script anyway (check-imports says so)
        names = [ref.module] + [f"{ref.module}.{n}" for n in ref.names if n != "*"]
        for name in names:
            module = find_local_module(name, entries)
            file = module.file if module is not None else None
            if file is None or file.resolve() == full or file.suffix != ".py":
                continue
            if file.stat().st_size:  # an empty __init__.py has nothing to check
                found[file.resolve()] = None
    shown = []
    for file in list(found)[:MAX_MODULES]:
        rel = os.path.relpath(file, base)
        shown.append(str(file) if rel.startswith("..") else rel)
    return shown


def _import_findings(path: str, cwd: str | None) -> list[Finding]:
    """The check-imports rules (BD310-BD313, BD317, BD318) for the script and its local modules."""
    try:
        from .imports import check_imports
    except ImportError:  # pragma: no cover - check-imports ships with bertdoctor
        return []
    return run_check(check_imports, path, cwd=cwd)


def check_script_report(scripts: list[str], *, cwd: str | None = None) -> Report:
    """One section per script: the training-script rules (BD6xx) on the script and the
    project modules it imports, and the check-imports rules.

    Raises DoctorError when a script cannot be read or `cwd` is not a directory."""
    if cwd is not None and not Path(cwd).expanduser().is_dir():
        raise DoctorError(f"--cwd {cwd}: no such directory")
    return Report("check-script", [_script_section(path, cwd) for path in scripts])


def _script_section(path: str, cwd: str | None) -> Section:
    own = check_script(path, cwd=cwd)
    notebook = Path(path).suffix == ".ipynb"  # check-imports reads exported scripts only
    imported = [] if notebook else _import_findings(path, cwd)
    if (
        own
        and own[0].code == "BD317"
        and any(
            f.code == "BD317" and f.location and f.location.line == own[0].location.line
            for f in imported
        )
    ):
        own = own[1:]  # check-imports reports the same syntax error, with more context
    modules = [] if notebook else local_modules(path, cwd=cwd)
    for module in modules:  # a module that does not parse is check-imports' BD317
        own.extend(f for f in check_script(module, cwd=cwd) if f.code != "BD317")
    findings = own + imported
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    counts = [plural(n, w) for n, w in ((errors, "error"), (warnings, "warning")) if n]
    rules = "training-script rules" if notebook else "training-script rules and the import rules"
    note = None
    if notebook:
        note = (
            "a notebook: findings name the cell and the line in it; for the import rules, "
            f"export it with `jupyter nbconvert --to script {path}` and check the .py file"
        )
    elif modules:
        note = f"also checked, imported by {Path(path).name}: {', '.join(modules)}"
    return Section(
        f"Notebook {path}" if notebook else f"Script {path}",
        ", ".join(counts) if counts else f"{len(CHECKS)} {rules}: no finding",
        findings,
        lines=lines_of([note]) if note else [],
        data={"path": path, "modules": modules, "errors": errors, "warnings": warnings},
    )
