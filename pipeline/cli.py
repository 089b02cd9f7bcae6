"""The ``diplokg`` command: thin Typer commands calling the library.

Errors the user can fix (a bad file, a missing model, a malformed query)
are printed as one clean message and exit with status 1; never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.config import DEFAULT_CORPUS, Settings, load_settings

app = typer.Typer(help="diplokg: a knowledge graph of actors, events and positions in Dutch foreign policy.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
err = Console(stderr=True)
out = Console()

DataDir = Annotated[Path | None, typer.Option(
    "--data-dir", envvar="DIPLOKG_DATA_DIR",
    help="Folder of the embedded Oxigraph store (default: ~/.local/share/diplokg/store).")]
Model = Annotated[str | None, typer.Option(
    "--model", envvar="DIPLOKG_MODEL",
    help="Trained spaCy model folder (default: data/models/nl_diplokg); 'blank' for the rule-only pipeline.")]


class CliError(Exception):
    """An error to print as a clean message."""


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _choose(value: str, allowed, what: str) -> str:
    """An enumeration value, case-insensitive (pipeline.contract); unknown -> one clean error line."""
    from pipeline.contract import ContractError, choose

    try:
        return choose(value, allowed, what)
    except ContractError as e:
        _fail(str(e))
        raise  # unreachable: _fail exits


def _settings(data_dir: Path | None, model: str | None = None):
    return load_settings(data_dir=data_dir, model_path=Path(model) if model and model != "blank" else None)


def _model(settings, model: str | None) -> str:
    return "blank" if model == "blank" else str(settings.model_path)


def _open_store(settings, read_only: bool = False):
    from pipeline.store import open_store

    if read_only:
        _require_store(settings)
    return open_store(settings, read_only=read_only)


def _require_store(settings) -> None:
    """A read command on a store that was never built is a mistake (a typo in --data-dir, most often):
    say so, instead of opening (and so creating) an empty store."""
    if settings.store_url:
        return
    path = settings.data_dir
    if not (path / "CURRENT").is_file():  # RocksDB writes CURRENT when it creates a store
        what = "no such folder" if not path.exists() else "no store in it"
        _fail(f"{path}: {what}. Build one first with `diplokg build --data-dir {path}` "
              "(or point --data-dir / DIPLOKG_DATA_DIR at an existing store).")


@app.command()
def build(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: data/corpus).")] = None,
    data_dir: DataDir = None,
    model: Model = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", help="Worker processes (default: one per core, at most 4; -j 1 extracts in this "
                             "process).")] = None,
    cluster: Annotated[str | None, typer.Option(
        help="Run the extraction on a running Dask cluster instead of local processes: the scheduler's "
             "address (tcp://host:8786). Its workers need diplokg and the model at the same path; the "
             "store is written here.", metavar="ADDRESS")] = None,
    synthetic: Annotated[bool, typer.Option(help="Also build files from folders marked SYNTHETIC (the made-up "
                                                 "evaluation letters); their graphs are marked synthetic.")] = False,
    force: Annotated[bool, typer.Option(help="Extract every file again, even those stored unchanged (same "
                                             "file, sidecar and pipeline version).")] = False,
) -> None:
    """Prepare, extract, validate and store each document (one named graph per document).

    A document whose file, sidecar and pipeline version are unchanged since it was stored is
    skipped (counted as unchanged); --force rebuilds it anyway.
    """
    from pipeline.dataset import record_build, synthetic_inputs, triple_count
    from pipeline.iris import graph_iri, slug
    from pipeline.parallel import ClusterError, default_jobs
    from pipeline.run import build_files, collect_inputs, document_key

    settings = _settings(data_dir, model)
    files = collect_inputs(paths or [DEFAULT_CORPUS])
    made_up = synthetic_inputs(files)
    if made_up and not synthetic:
        # The evaluation letters are invented: they must never enter a corpus graph unmarked.
        _fail(f"{len(made_up)} file(s) lie in a folder marked SYNTHETIC (made-up evaluation letters, not "
              f"corpus), e.g. {made_up[0]}; leave them out, or pass --synthetic to build them marked as such")
    if not files:
        _fail(f"no .txt, .pdf or .xml files in {', '.join(str(p) for p in paths or [DEFAULT_CORPUS])}")
    if jobs is not None and jobs < 1:
        _fail(f"--jobs {jobs}: give 1 or more worker processes")
    if cluster and jobs is not None:
        _fail("--cluster and --jobs: the cluster's workers do the extraction; give one of the two")
    with _open_store(settings) as store, Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=False,
    ) as progress:
        task = progress.add_task("building", total=len(files))
        try:
            result = build_files(files, store, settings, _model(settings, model), n_process=jobs or default_jobs(),
                                 on_done=lambda p: progress.update(task, advance=1, description=p.name), force=force,
                                 cluster=cluster)
        except ClusterError as e:
            _fail(str(e))
        marked = {document_key(p) for p in made_up}
        # Skipped documents keep their mark: the record is written whole on every build.
        record_build(store, settings.base_iri, [graph_iri(settings.base_iri, d)
                                                for d in result.stored + result.unchanged if slug(d) in marked])
        total = triple_count(store)  # the one count: what the store holds, as /.well-known/void says
    _report_stored(result, "document(s)", total, settings)


def _report_stored(result, what: str, total: int, settings: Settings) -> None:
    """What a build or an ingest stored, left unchanged and refused (with the SHACL report); exit 1 on a refusal."""
    unchanged = f", unchanged {len(result.unchanged)}" if result.unchanged else ""
    out.print(f"stored {len(result.stored)} {what}{unchanged}, {total} triples, in "
              f"{settings.store_url or settings.data_dir}")
    for doc, report in result.refused.items():
        err.print(f"[bold red]refused[/] {doc}:\n{report}", highlight=False)
    if result.refused:
        raise typer.Exit(1)


@app.command("ingest-tk")
def ingest_tk(
    paths: Annotated[list[Path], typer.Argument(help="Folders (or files) of recorded Tweede Kamer OData pages.")],
    data_dir: DataDir = None,
    force: Annotated[bool, typer.Option(help="Validate and write every graph again, even those stored unchanged.")]
    = False,
) -> None:
    """Map recorded Tweede Kamer open data (persons, parties, motions, decisions, votes) into the graph."""
    from pipeline.dataset import triple_count
    from pipeline.sources.tk_odata import json_files
    from pipeline.tk_ingest import ingest

    settings = _settings(data_dir)
    files = json_files(paths)
    if not files:
        _fail(f"no .json files in {', '.join(str(p) for p in paths)}")
    with _open_store(settings) as store, Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=False,
    ) as progress:
        reading = progress.add_task("reading", total=len(files))
        storing = progress.add_task("storing", total=None)
        result = ingest(files, store, settings, force,
                        on_file=lambda p: progress.update(reading, advance=1),
                        on_graph=lambda d, n: progress.update(storing, advance=1, total=n, description=d))
        total = triple_count(store)
    rec, m = result.recording, result.mapped
    out.print(f"read {rec.files} page(s) ({len(rec.skipped)} other file(s) skipped): "
              f"{len(rec.of('Persoon'))} persons, {len(rec.of('Fractie'))} parties, {m.motions} motions, "
              f"{m.decisions} decisions ({m.on_motion} on a motion), {m.votes} votes")
    for warning in m.warnings[:20]:
        err.print(f"[yellow]warning[/] {warning}", highlight=False)
    _report_stored(result, "graph(s)", total, settings)


@app.command("fetch-tk")
def fetch_tk(
    url: Annotated[str, typer.Argument(help="The OData service root (https://gegevensmagazijn.tweedekamer.nl/OData/"
                                            "v4/2.0: the term's members, parties, motions and votes) or one "
                                            "collection URL.")],
    cache: Annotated[Path, typer.Option("--cache", help="Folder the pages are kept in (ingest-tk reads it).")],
    delay: Annotated[float, typer.Option(help="Seconds between requests.")] = 1.0,
    max_pages: Annotated[int | None, typer.Option(help="Stop after this many pages (run again to go on).")] = None,
    since: Annotated[str, typer.Option(help="With the service root: motions and votes from this date "
                                            "(YYYY-MM-DD).")] = "2023-12-06",
    refresh: Annotated[bool, typer.Option(help="Fetch queries again that the cache holds complete.")] = False,
) -> None:
    """Fetch Tweede Kamer open data page by page into a cache: resumable, cached, one request at a time."""
    import re

    from pipeline.tk_fetch import Fetcher, FetchError, plan

    if delay < 0 or (max_pages is not None and max_pages < 1):
        _fail("--delay must be 0 or more and --max-pages 1 or more")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
        _fail(f"--since {since}: give a date as YYYY-MM-DD")
    if not url.startswith(("http://", "https://")):
        _fail(f"{url}: give an http(s) URL")
    queries = plan(url, since)
    fetcher = Fetcher(cache, delay)
    try:
        with Progress(TextColumn("[bold]{task.description}"), TextColumn("{task.completed} page(s)"),
                      TimeElapsedColumn(), console=err, transient=False) as progress:
            task = progress.add_task("fetching", total=None)
            result = fetcher.run(queries, max_pages, refresh,
                                 on_page=lambda name, n: progress.update(task, advance=1, description=name))
    except FetchError as e:
        _fail(f"{e}; the pages fetched so far are kept in {cache}: run again to resume")
    finally:
        fetcher.close()
    pending = f", {len(result.pending)} to resume (run again)" if result.pending else ""
    out.print(f"fetched {result.fetched} page(s) into {cache}: {len(result.finished)} of {len(queries)} "
              f"quer(ies) complete, {result.cached} of them from the cache{pending}")


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Documents (.txt, .pdf or Kamerstuk .xml) or folders.")],
    json_dir: Annotated[Path, typer.Option("--json", help="Write OUTDIR/<file stem>.json per document.")],
    model: Model = None,
    full: Annotated[bool, typer.Option(help="Also write <stem>.full.json with provenance.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", help="Worker processes (default: one per core, at most 4).")] = None,
    components: Annotated[str, typer.Option(
        help="both (rules and learned components), or rules / learned alone, for ablations.")] = "both",
) -> None:
    """Extract entities, roles, motions, events and positions as JSON (the eval contract)."""
    from pipeline.nlp import COMPONENT_MODES
    from pipeline.parallel import default_jobs
    from pipeline.run import collect_inputs, extract_files

    if components.lower() not in COMPONENT_MODES:
        _fail(f"--components {components}: choose from {', '.join(COMPONENT_MODES)}")
    if jobs is not None and jobs < 1:
        _fail(f"--jobs {jobs}: give 1 or more worker processes")
    settings = _settings(None, model)
    inputs = collect_inputs(files)
    json_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    results = extract_files(inputs, _model(settings, model), jobs or default_jobs(), components.lower())
    for path, result in zip(inputs, results, strict=True):
        if isinstance(result, Exception):
            err.print(f"[bold red]Error:[/] {result}", highlight=False)
            failed += 1
            continue
        target = json_dir / f"{path.stem}.json"
        target.write_text(json.dumps(result.to_eval_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        if full:
            full_data = result.to_dict()
            full_data.pop("text")
            (json_dir / f"{path.stem}.full.json").write_text(
                json.dumps(full_data, ensure_ascii=False, indent=1), encoding="utf-8")
        counts = result.to_eval_json()
        err.print(f"{path.name}: " + ", ".join(f"{len(counts[k])} {k}" for k in
                                               ("entities", "roles", "motions", "events", "positions")))
    if failed:
        raise typer.Exit(1)


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query; '-' reads it from standard input.")],
    data_dir: DataDir = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """Run a SPARQL query on the store (default graph = union of the document graphs)."""
    if sparql == "-":
        sparql = sys.stdin.read()
    media = {"table": "application/sparql-results+json", "json": "application/sparql-results+json", "csv": "text/csv"}
    fmt = _choose(fmt, media, "format")
    settings = _settings(data_dir)
    with _open_store(settings, read_only=True) as store:
        body, _ = store.query_raw(sparql, media[fmt])
    if fmt != "table":
        sys.stdout.write(body.decode("utf-8"))
        return
    result = json.loads(body)
    if "boolean" in result:
        out.print(str(result["boolean"]).lower())
        return
    names = result["head"]["vars"]
    table = Table(*names, show_lines=False)
    for row in result["results"]["bindings"]:
        table.add_row(*[row[n]["value"] if n in row else "" for n in names])
    out.print(table)


TERM_QUESTIONS = ("votes-per-party", "motions", "reported", "cabinet-agreement")


@app.command()
def term(
    question: Annotated[str, typer.Argument(help="votes-per-party, motions (on --country), reported (adopted motions "
                                                 "a later letter reports on) or cabinet-agreement.")],
    country: Annotated[str, typer.Option(help="motions: the country, as an IRI or country/<key>.")] = "country/ukraine",
    foreign: Annotated[bool | None, typer.Option("--foreign/--all", help="Only foreign-affairs motions (default: "
                                                 "yes for votes-per-party, no otherwise).")] = None,
    data_dir: DataDir = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """The analyst's questions of a parliamentary term (Tweede Kamer open data, pipeline.term_queries)."""
    from pipeline import term_queries as tq
    from pipeline.contract import actor_iri

    question = _choose(question, TERM_QUESTIONS, "question")
    if question == "motions":
        sparql = tq.motions_on(actor_iri(country, _settings(data_dir).base_iri, "country"))
    else:
        build = {"votes-per-party": tq.votes_per_party, "reported": tq.reported_on,
                 "cabinet-agreement": tq.cabinet_agreement}[question]
        sparql = build(question == "votes-per-party" if foreign is None else foreign)
    query(sparql, data_dir, fmt)


@app.command()
def validate(data_dir: DataDir = None) -> None:
    """Check every document graph in the store against the SHACL shapes; exit 1 on violations."""
    from pipeline.validate import check

    settings = _settings(data_dir)
    bad = 0
    from pipeline.dataset import dataset_graph_iri
    from pipeline.iris import actors_graph_iri, ontology_graph_iri

    with _open_store(settings, read_only=True) as store:
        ontology = ontology_graph_iri(settings.base_iri)
        reserved = (ontology, dataset_graph_iri(settings.base_iri), actors_graph_iri(settings.base_iri))
        graphs = [g for g in store.graphs() if g not in reserved]
        for graph_iri in graphs:
            # Each document as the gate saw it: its own graph with what it said about actors put back.
            report = check(store.document_graph(graph_iri))
            if not report.conforms:
                bad += 1
                err.print(f"[bold red]{graph_iri}[/]\n{report.format()}", highlight=False)
        # The ontology graph is checked too: it must be the shipped ontology, not something written over it.
        ontology_ok = not store.has_graph(ontology) or _is_shipped_ontology(store.get_graph(ontology))
        if not ontology_ok:
            err.print(f"[bold red]{ontology}[/]: differs from ontology/diplokg.ttl; `diplokg build` restores it",
                      highlight=False)
    out.print(f"{len(graphs) - bad} of {len(graphs)} document graph(s) conform"
              + ("" if ontology_ok else "; the ontology graph does not"))
    if bad or not ontology_ok:
        raise typer.Exit(1)


def _is_shipped_ontology(graph) -> bool:
    import rdflib
    from rdflib.compare import isomorphic

    from pipeline.config import ONTOLOGY_DIR

    return isomorphic(graph, rdflib.Graph().parse(ONTOLOGY_DIR / "diplokg.ttl", format="turtle"))


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl, trig, nt, nq or jsonld; actor network: "
                                     "gexf, graphml or cyjs.")] = "trig",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: standard output).")] = None,
    data_dir: DataDir = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Network: dated from (ISO).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Network: dated up to (ISO).")] = None,
    stance: Annotated[str | None, typer.Option(help="Network: only positions with this stance.")] = None,
    event_type: Annotated[str | None, typer.Option(help="Network: only events of this type.")] = None,
    actor_type: Annotated[str | None, typer.Option(help="Network: only actors of this type.")] = None,
    document: Annotated[str | None, typer.Option(help="Network: facts of one document (IRI or id).")] = None,
    actor: Annotated[str | None, typer.Option(help="Network: ego network of this actor: IRI or '<type>/<key>' "
                                                   "such as country/armenia.")] = None,
    depth: Annotated[int, typer.Option(help="Network: ego network depth.")] = 1,
    multigraph: Annotated[bool, typer.Option("--multigraph", help="Network: one edge per fact instead of one "
                                             "per actor pair and relation kind with a weight.")] = False,
) -> None:
    """Export the whole graph (TriG/N-Quads keep one named graph per document), or its actor network
    (weighted: one edge per actor pair and relation kind; --multigraph: one per fact)."""
    from pipeline.contract import EXPORT_FORMATS, actor_iri
    from pipeline.export import export_rdf
    from pipeline.network import NETWORK_FORMATS, NetworkError, NetworkFilters, document_ref, export_network

    settings = _settings(data_dir)
    fmt = _choose(fmt, EXPORT_FORMATS, "export format")
    with _open_store(settings, read_only=True) as store:
        if fmt in NETWORK_FORMATS:
            try:
                filters = NetworkFilters(
                    date_from=date_from, date_to=date_to, stance=stance, event_type=event_type,
                    actor_type=actor_type, actor=actor_iri(actor, settings.base_iri) if actor else None, depth=depth,
                    document=document_ref(document, settings.base_iri) if document else None)
            except NetworkError as e:
                raise CliError(str(e)) from e
            data = export_network(store, fmt, filters, settings.base_iri, multigraph=multigraph)
        else:
            data = export_rdf(store, fmt)
    if output:
        output.write_bytes(data)
        err.print(f"wrote {len(data)} bytes to {output}")
    else:
        sys.stdout.buffer.write(data)


@app.command()
def serve(
    data_dir: DataDir = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    access_log: Annotated[bool, typer.Option(help="Log every request (one line each on standard error; "
                                                  "costs about a tenth of the throughput of small queries).")] = False,
) -> None:
    """Serve the SPARQL endpoint, linked-data pages and REST API (FastAPI + uvicorn)."""
    import uvicorn

    from api.app import create_app

    settings = _settings(data_dir)
    _require_store(settings)
    application = create_app(settings)
    out.print(f"diplokg serving {settings.store_url or settings.data_dir} at http://{host}:{port}/ "
              f"(SPARQL: /sparql, API docs: /docs)")
    uvicorn.run(application, host=host, port=port, log_level="info", access_log=access_log)


TRAIN_PARTS = ("parser", "entities", "sentences")


@app.command()
def train(
    parts: Annotated[list[str] | None, typer.Argument(
        help="What to train, in this order: parser (tagger, parser, lemmatizer from UD; about 20 minutes), "
             "entities (the recogniser, from data/annotation; about 5 minutes), sentences (the event and stance "
             "classifier, from data/annotation; about 3 minutes). Default: all three.")] = None,
    nlp_data: Annotated[Path, typer.Option(help="Folder of the annotated Dutch data.")] = Path("../shared/nlp-data"),
    models: Annotated[Path, typer.Option(help="Folder the models are written to.")] = Path("data/models"),
    max_steps: Annotated[int | None, typer.Option(help="Override the parser config's max_steps.")] = None,
) -> None:
    """Train diplokg's models: the Dutch parser from UD treebanks, then the learned components from the
    annotated real documents (they run on the parser's analyses, so it comes first)."""
    chosen = [p.lower() for p in parts or TRAIN_PARTS]
    unknown = sorted(set(chosen) - set(TRAIN_PARTS))
    if unknown:
        _fail(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(TRAIN_PARTS)}")
    if "parser" in chosen:
        from pipeline.training.train import train as train_parser

        if not nlp_data.exists():
            _fail(f"{nlp_data}: no such folder (pass --nlp-data)")
        train_parser(nlp_data, models / "nl_diplokg", max_steps=max_steps)
    if "entities" in chosen:
        from pipeline.training.entities import train as train_entities

        scores = train_entities(models / "nl_diplokg_entities")
        out.print(f"wrote {models / 'nl_diplokg_entities'}; dev: " + _scores(scores))
    if "sentences" in chosen:
        from pipeline.training.sentences import train as train_sentences

        scores = train_sentences(models / "nl_diplokg_sentences")
        out.print(f"wrote {models / 'nl_diplokg_sentences'}; dev: " + _scores(scores))


def _scores(scores: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.3f}" for k, v in sorted(scores.items()))


def main() -> None:
    from pipeline.contract import ContractError
    from pipeline.export import ExportError
    from pipeline.gazetteer import GazetteerError
    from pipeline.nlp import ModelMissingError
    from pipeline.store.base import StoreError
    from pipeline.text import InputError

    try:
        app()
    except (InputError, ModelMissingError, StoreError, GazetteerError, ExportError, CliError, ContractError) as e:
        err.print(f"[bold red]Error:[/] {e}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
