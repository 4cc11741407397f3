from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from datadam.projects.models import Project
from datadam.quality import consensus, files, inspection
from datadam.quality.aggregation import METHODS, AggregationError, accuracy, aggregate


class Command(BaseCommand):
    help = "Quality tools for analysts (datadam quality aggregate …)."
    # The system checks cost more than aggregating 7,500 labels and tell an analyst nothing (`datadam check` does).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        run = actions.add_parser("aggregate", help="Aggregate overlapped labels into one label per task")
        run.add_argument("--method", default="auto", help=f"One of: {', '.join(METHODS)} (default auto)")
        run.add_argument("--input", type=Path, required=True, help="LABELS.csv with the header worker,task,label")
        run.add_argument("--output", type=Path, required=True, help="OUT.csv to write: task,label,confidence")
        run.add_argument("--gold", type=Path, help="GOLD.csv with the header task,label; prints the accuracy")
        run.add_argument("--labels", help="Comma-separated allowed labels; any other label is refused")
        refresh = actions.add_parser("refresh", help="Recompute a project's consensus, raise overlap, cut lots")
        refresh.add_argument("--project", type=int, required=True, help="Project id")
        refresh.add_argument("--flush", action="store_true", help="Also cut the lots that are not full (period end)")

    def handle(self, *args, action: str, **options) -> None:
        try:
            if action == "refresh":
                self._refresh(options["project"], options["flush"])
            else:
                self._aggregate(**options)
        except AggregationError as exc:
            raise CommandError(str(exc)) from None

    def _refresh(self, project_id: int, flush: bool) -> None:
        project = Project.objects.filter(id=project_id).first()
        if project is None:
            raise CommandError(f"there is no project {project_id}")
        result = consensus.consensus_refresh(project=project)
        lots = inspection.lots_form(project=project, flush=flush)
        self.stdout.write(
            f"consensus for {result['items']} items; {result['raised']} items get one more worker; {len(lots)} new lots"
        )

    def _aggregate(self, *, method: str, input: Path, output: Path, gold: Path | None, labels: str | None, **_) -> None:
        if method not in METHODS:
            raise AggregationError(f"unknown method {method!r}; choose one of: {', '.join(METHODS)}")
        allowed = {label.strip() for label in labels.split(",") if label.strip()} if labels else None
        rows = files.labels_read(input, allowed)
        truth = files.gold_read(gold) if gold else {}
        tasks = {task for _worker, task, _label in rows}
        self._report_input(rows, tasks, truth)
        outcome = aggregate(rows, method, {task: label for task, label in truth.items() if task in tasks})
        files.output_write(output, outcome.labels)
        if method == "auto":
            scores = ", ".join(f"{name} {score:.4f}" for name, score in outcome.gold_accuracy.items())
            on = f" on {outcome.chosen_on} gold task{'s' if outcome.chosen_on != 1 else ''} ({scores})"
            self.stdout.write(f"auto chose {outcome.method}" + (on if scores else " (no gold task among the labels)"))
        self.stdout.write(f"wrote {len(outcome.labels)} tasks to {output}")
        if gold:
            self.stdout.write(self._accuracy_line(outcome, truth))

    @staticmethod
    def _accuracy_line(outcome, truth: dict[str, str]) -> str:
        """The last line. For auto, the accuracy on gold that played no part in the choice, and it says so."""
        if outcome.held_out:
            return (
                f"accuracy={outcome.held_out_accuracy:.4f} on {outcome.held_out} held-out gold tasks"
                f" (the other {outcome.chosen_on} chose the method)"
            )
        if outcome.chosen_on:
            return (
                f"accuracy={outcome.gold_accuracy[outcome.method]:.4f} on the {outcome.chosen_on} gold task"
                " that chose the method (too few to hold any out)"
            )
        return f"accuracy={accuracy(outcome.labels, truth):.4f}"

    def _report_input(self, rows: list, tasks: set[str], truth: dict[str, str]) -> None:
        per_task: dict[str, int] = {}
        for _worker, task, _label in rows:
            per_task[task] = per_task.get(task, 0) + 1
        single = sorted(task for task, count in per_task.items() if count == 1)
        if single:
            shown = ", ".join(single[:5]) + (" …" if len(single) > 5 else "")
            self.stderr.write(
                f"note: {len(single)} task(s) have one label only; its label rests on one worker: {shown}"
            )
        unknown = sorted(set(truth) - tasks)
        if unknown:
            shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
            self.stderr.write(f"note: the gold file names {len(unknown)} task(s) not in the labels, ignored: {shown}")
