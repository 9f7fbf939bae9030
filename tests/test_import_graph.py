"""
The apps import one way, with no cycle (STYLE.md): computed from the source, so it stays true.

Every import counts: at the top of a module or inside a function, and the lazy ones Django resolves
from a string (`include("stories.urls")`, `apps.get_model("pages", "Page")`, a foreign key to
"pages.SideEffect"). Migrations and tests are left out: a migration is history, and tests may use
anything.

The project package is two nodes. Its plumbing (forms protections, hourly allowances, link
previews, the cache, middleware...) is what any app may import, and it imports no app. Its
composition (COMPOSITION: the URLs, the site-level views, the admin site's home, the page cache)
puts the apps together, so it may import any app, and no app imports it.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["pages", "stories", "search", "planner"]
PROJECT = "lemtrada_site"
PLUMBING = PROJECT
COMPOSED = f"{PROJECT} (composition)"
COMPOSITION = {f"{PROJECT}.{name}" for name in ["urls", "views", "admin", "page_cache"]}
LAZY_CALLS = {"include", "import_module", "get_model"}
RELATED_FIELDS = {"ForeignKey", "ManyToManyField", "OneToOneField"}


def node_of(module):
    """The graph node a dotted module (or attribute) name belongs to, or None outside the project."""
    top = module.split(".")[0]
    if top in APPS:
        return top
    if top != PROJECT:
        return None
    parts = module.split(".")
    prefixes = {".".join(parts[:length]) for length in range(1, len(parts) + 1)}
    return COMPOSED if prefixes & COMPOSITION else PLUMBING


def _name(func):
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def imported_names(path, module):
    """Every project module `path` imports, with its line: import statements anywhere, and lazy imports."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            # `from lemtrada_site import views` imports lemtrada_site.views: the names say which part.
            yield from ((f"{base}.{alias.name}", node.lineno) for alias in node.names)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            first = node.args[0].value
            if not isinstance(first, str):
                continue
            if _name(node.func) in LAZY_CALLS or (_name(node.func) in RELATED_FIELDS and "." in first):
                yield first, node.lineno


def import_graph(root=ROOT):
    """{(importer, imported): ["file:line", ...]} between the apps and the project package's two parts."""
    edges = defaultdict(list)
    for package in [*APPS, PROJECT]:
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" in relative.parts or "tests" in relative.parts:
                continue
            module = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
            importer = node_of(module)
            for name, line in imported_names(path, module):
                imported = node_of(name)
                where = f"{relative}:{line}"
                if imported not in (None, importer) and where not in edges[importer, imported]:
                    edges[importer, imported].append(where)
    return dict(edges)


def cycles(edges):
    """Each cycle of the graph once (as a list of nodes), by depth-first search."""
    graph = defaultdict(set)
    for importer, imported in edges:
        graph[importer].add(imported)
    found, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for following in sorted(graph[node]):
            if state.get(following) == "open":
                found.append([*path[path.index(following) :], following])
            elif following not in state:
                visit(following, [*path, following])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def describe(edges, pairs):
    return "\n".join(f"{a} -> {b}: {', '.join(edges[a, b])}" for a, b in pairs)


def test_no_two_apps_import_each_other_and_there_is_no_cycle():
    edges = import_graph()
    mutual = sorted((a, b) for a, b in edges if (b, a) in edges)
    assert not mutual, f"Imports both ways:\n{describe(edges, mutual)}"
    assert not cycles(edges), f"Import cycles: {cycles(edges)}\n{describe(edges, sorted(edges))}"


def test_the_apps_import_in_the_one_direction_the_style_guide_gives():
    edges = import_graph()
    allowed = {
        ("stories", "pages"),
        ("search", "pages"),
        ("search", "stories"),
        *[(app, PLUMBING) for app in APPS],
        *[(COMPOSED, node) for node in [*APPS, PLUMBING]],
    }
    unexpected = sorted(set(edges) - allowed)
    assert not unexpected, f"Imports against the direction in STYLE.md:\n{describe(edges, unexpected)}"
    # The graph is really computed: the expected imports are found.
    assert {("stories", "pages"), ("search", "stories"), (COMPOSED, "stories")} <= set(edges)


def test_the_graph_counts_lazy_imports_and_finds_a_cycle_through_them(tmp_path):
    for package in [*APPS, PROJECT]:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "pages" / "views.py").write_text("def home(request):\n    from stories.models import Story\n")
    (tmp_path / "stories" / "models.py").write_text("import search\n")
    (tmp_path / "search" / "index.py").write_text("def f():\n    return apps.get_model('pages', 'Page')\n")
    (tmp_path / "planner" / "forms.py").write_text("from lemtrada_site import views\n")
    (tmp_path / PROJECT / "forms.py").write_text("x = 1\nfrom .views import home\n")
    (tmp_path / "pages" / "migrations").mkdir()
    (tmp_path / "pages" / "migrations" / "0001.py").write_text("import planner\n")

    edges = import_graph(tmp_path)

    assert edges == {
        ("pages", "stories"): ["pages/views.py:2"],
        ("stories", "search"): ["stories/models.py:1"],
        ("search", "pages"): ["search/index.py:2"],
        ("planner", COMPOSED): ["planner/forms.py:1"],
        (PLUMBING, COMPOSED): ["lemtrada_site/forms.py:2"],
    }
    assert cycles(edges) == [["pages", "stories", "search", "pages"]]
