"""`datadam quality aggregate`: the analysts' CLI, its good path on the Snow RTE file and every bad input."""

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.quality.test_aggregation import needs_snow, snow


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("quality", "aggregate", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def labels(tmp_path: Path) -> Path:
    return write(tmp_path / "labels.csv", "worker,task,label\nw1,1,a\nw2,1,a\nw3,1,b\nw1,2,b\nw2,2,b\n")


def test_aggregate_writes_task_label_confidence(tmp_path: Path, labels: Path) -> None:
    output = tmp_path / "out.csv"
    run("--method", "mv", "--input", str(labels), "--output", str(output))
    assert output.read_text().splitlines() == ["task,label,confidence", "1,a,0.6667", "2,b,1.0000"]


def test_gold_accuracy_is_the_last_line_and_unknown_gold_tasks_are_reported(tmp_path: Path, labels: Path) -> None:
    gold = write(tmp_path / "gold.csv", "task,label\n1,a\n2,a\n99,b\n")
    out, err = run("--method", "mv", "--input", str(labels), "--output", str(tmp_path / "o.csv"), "--gold", str(gold))
    assert out.strip().splitlines()[-1] == "accuracy=0.5000"
    assert "not in the labels, ignored: 99" in err


def test_a_task_with_one_label_is_kept_and_reported(tmp_path: Path) -> None:
    source = write(tmp_path / "l.csv", "worker,task,label\nw1,1,a\nw2,1,a\nw1,2,b\n")
    _out, err = run("--method", "ds", "--input", str(source), "--output", str(tmp_path / "o.csv"))
    assert "1 task(s) have one label only" in err and "2" in err
    assert "2,b," in (tmp_path / "o.csv").read_text()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("worker,label\nw1,a\n", "line 1: missing column task"),
        ("", "the file is empty"),
        ("worker,task,label\n", "no rows under the header"),
        ("worker,task,label\nw1,1,a\nw1,1,b\n", "line 3: worker w1 labelled task 1 twice"),
        ("worker,task,label\nw1,1\n", "line 2: expected 3 values"),
    ],
)
def test_bad_label_files_are_refused_and_nothing_is_written(tmp_path: Path, content: str, message: str) -> None:
    output = tmp_path / "out.csv"
    with pytest.raises(CommandError, match=message):
        run("--method", "mv", "--input", str(write(tmp_path / "l.csv", content)), "--output", str(output))
    assert not output.exists()


def test_an_existing_output_is_left_alone_when_the_input_is_bad(tmp_path: Path) -> None:
    output = write(tmp_path / "out.csv", "precious")
    with pytest.raises(CommandError):
        run("--method", "mv", "--input", str(write(tmp_path / "l.csv", "")), "--output", str(output))
    assert output.read_text() == "precious"


def test_unknown_method_is_named(tmp_path: Path, labels: Path) -> None:
    with pytest.raises(CommandError, match="unknown method 'best'; choose one of: mv, ds, wawa, auto"):
        run("--method", "best", "--input", str(labels), "--output", str(tmp_path / "o.csv"))


def test_labels_outside_the_allowed_set_are_refused_with_their_line(tmp_path: Path, labels: Path) -> None:
    with pytest.raises(CommandError, match="line 4: label 'b' is not one of: a, c"):
        run("--method", "mv", "--input", str(labels), "--output", str(tmp_path / "o.csv"), "--labels", "a,c")


@needs_snow
def test_dawid_skene_on_the_rte_file_reaches_the_reference_accuracy(tmp_path: Path) -> None:
    rows, gold = snow("rte")
    source, truth = tmp_path / "rte.csv", tmp_path / "rte_gold.csv"
    with source.open("w", newline="") as stream:
        csv.writer(stream).writerows([("worker", "task", "label"), *rows])
    with truth.open("w", newline="") as stream:
        csv.writer(stream).writerows([("task", "label"), *gold.items()])
    out, _err = run("--method", "ds", "--input", str(source), "--output", str(tmp_path / "o.csv"), "--gold", str(truth))
    last = out.strip().splitlines()[-1]
    assert last.startswith("accuracy=") and abs(float(last.removeprefix("accuracy=")) - 0.9275) <= 0.005


def test_refresh_computes_consensus_and_cuts_remaining_lots(cast) -> None:
    from datadam.quality.models import QualityPolicy
    from tests.quality.conftest import answer

    QualityPolicy.objects.create(project=cast.project, inspection=QualityPolicy.Inspection.SAMPLING, lot_size=50)
    for _ in range(3):
        answer(cast, cast.labeler, "positive")
    out = StringIO()
    call_command("quality", "refresh", "--project", str(cast.project.id), "--flush", stdout=out)
    assert out.getvalue().strip() == "consensus for 0 items; 0 items get one more worker; 1 new lots"
    with pytest.raises(CommandError, match="there is no project 999"):
        call_command("quality", "refresh", "--project", "999")


def test_auto_says_which_gold_chose_the_method_and_measures_it_on_the_rest(tmp_path: Path) -> None:
    from tests.quality.test_aggregation import crowd

    rows, gold = crowd()
    source, truth = tmp_path / "labels.csv", tmp_path / "gold.csv"
    with source.open("w", newline="") as stream:
        csv.writer(stream).writerows([("worker", "task", "label"), *rows])
    with truth.open("w", newline="") as stream:
        csv.writer(stream).writerows([("task", "label"), *gold.items(), ("not-labelled", "a")])

    out, _err = run("--input", str(source), "--output", str(tmp_path / "o.csv"), "--gold", str(truth))

    chose, last = out.strip().splitlines()[0], out.strip().splitlines()[-1]
    assert chose.startswith("auto chose ") and "on 60 gold tasks" in chose
    assert last.startswith("accuracy=") and last.endswith(" on 60 held-out gold tasks (the other 60 chose the method)")
    assert 0.5 < float(last.split()[0].removeprefix("accuracy=")) <= 1.0


def test_auto_with_one_gold_task_says_its_accuracy_is_on_the_gold_that_chose(tmp_path: Path, labels: Path) -> None:
    gold = write(tmp_path / "gold.csv", "task,label\n1,a\n")

    out, _err = run("--input", str(labels), "--output", str(tmp_path / "o.csv"), "--gold", str(gold))

    assert out.strip().splitlines()[-1] == (
        "accuracy=1.0000 on the 1 gold task that chose the method (too few to hold any out)"
    )
