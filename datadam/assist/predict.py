"""Turn a project's data into model input and model output into pre-labels, checked against the schema."""

import inspect
import random
from dataclasses import dataclass

from datadam.assist.assistants.span_tagger import SpanTagger
from datadam.assist.assistants.text_classifier import TextClassifier, TooFewLabels
from datadam.assist.backend import BackendClient
from datadam.assist.examples import Target, accepted_examples, spans_from_value, spans_to_value, target_for
from datadam.assist.models import AssistSettings
from datadam.core.errors import SchemaViolation
from datadam.labeling.models import Annotation
from datadam.projects.models import Item, Project
from datadam.projects.schema.validate import LabelSchema, annotation_validate, schema_parse

HELDOUT_SHARE = 0.2
PREDICT_CHUNK = 2000


@dataclass(frozen=True)
class Prediction:
    item_id: int
    result: dict | None
    confidence: float | None
    uncertainty: float | None
    model: str


@dataclass
class Trained:
    model: TextClassifier | SpanTagger
    name: str
    target: Target
    label_count: int
    heldout_count: int
    heldout_metric: str
    heldout_score: float | None
    heldout_correct: int | None


def builtin_name(kind: str) -> str:
    return SpanTagger.name if kind == AssistSettings.Kind.SPAN_TAGGER else TextClassifier.name


def _new_model(kind: str) -> TextClassifier | SpanTagger:
    return SpanTagger() if kind == AssistSettings.Kind.SPAN_TAGGER else TextClassifier()


def builtin_train(project: Project, settings: AssistSettings, examples: tuple[list, list] | None) -> Trained:
    """Fit on every example after measuring on a held-out fifth. Raises TooFewLabels with the reason."""
    kind = settings.kind
    target = target_for(schema_parse(project.schema), kind)
    if target is None:
        wanted = "a spans control" if kind == AssistSettings.Kind.SPAN_TAGGER else "a single-choice control"
        raise TooFewLabels(f"the label schema has no {wanted} for this assistant", f"no_{kind}_control")
    texts, values = examples if examples is not None else accepted_examples(project, target)
    if kind == AssistSettings.Kind.SPAN_TAGGER:
        values = [spans_from_value(value) for value in values]
    else:
        values = [str(value) for value in values]
    model = _new_model(kind)
    model.check_trainable(values, settings.min_labels)
    trained = Trained(model, model.name, target, len(values), 0, "", None, None)
    _measure_heldout(trained, kind, texts, values, settings.min_labels)
    model.fit(texts, values, min_labels=settings.min_labels)
    return trained


def _measure_heldout(trained: Trained, kind: str, texts: list[str], values: list, min_labels: int) -> None:
    order = list(range(len(texts)))
    random.Random(0).shuffle(order)
    cut = max(1, round(len(order) * HELDOUT_SHARE))
    test, train = order[:cut], order[cut:]
    probe = _new_model(kind)
    try:
        probe.fit([texts[i] for i in train], [values[i] for i in train], min_labels=max(2, min_labels - cut))
    except TooFewLabels:
        return  # too few left after holding some out: the card says "not measured"
    test_texts, test_values = [texts[i] for i in test], [values[i] for i in test]
    trained.heldout_count = len(test)
    if kind == AssistSettings.Kind.SPAN_TAGGER:
        trained.heldout_metric = "span_f1"
        trained.heldout_score = probe.f1(test_texts, test_values)
    else:
        trained.heldout_metric = "accuracy"
        trained.heldout_score = probe.accuracy(test_texts, test_values)
        trained.heldout_correct = round(trained.heldout_score * len(test))


def items_to_predict(project: Project):
    """Published items nobody has an accepted label for yet."""
    done = Annotation.objects.filter(project=project, status=Annotation.Status.ACCEPTED).values("item_id")
    return Item.objects.filter(project=project, is_published=True).exclude(id__in=done).order_by("id")


def builtin_predict(project: Project, settings: AssistSettings, trained: Trained) -> list[Prediction]:
    schema = relaxed_schema(project.schema)
    predictions: list[Prediction] = []
    rows = items_to_predict(project).values_list("id", "data")
    chunk: list[tuple[int, dict]] = []
    for row in rows.iterator(chunk_size=PREDICT_CHUNK):
        chunk.append(row)
        if len(chunk) == PREDICT_CHUNK:
            predictions += _predict_chunk(schema, settings, trained, chunk)
            chunk = []
    return predictions + _predict_chunk(schema, settings, trained, chunk)


def _predict_chunk(schema: LabelSchema, settings: AssistSettings, trained: Trained, rows: list) -> list[Prediction]:
    rows = [(item_id, data) for item_id, data in rows if isinstance((data or {}).get(trained.target.source), str)]
    texts = [data[trained.target.source] for _id, data in rows]
    out = []
    if isinstance(trained.model, SpanTagger):
        for (item_id, data), guess in zip(rows, trained.model.predict(texts), strict=True):
            value = spans_to_value(data[trained.target.source], guess.spans)
            result = {trained.target.control: value} if value else None
            out.append(Prediction(item_id, result, guess.confidence, guess.uncertainty, trained.name))
    else:
        for (item_id, _data), guess in zip(
            rows, trained.model.predict(texts, measure=settings.uncertainty_measure), strict=True
        ):
            result = {trained.target.control: guess.label}
            out.append(Prediction(item_id, result, guess.confidence, guess.uncertainty, trained.name))
    return [
        prediction
        if prediction.result is None or prediction_problem(schema, data, prediction.result) is None
        else Prediction(prediction.item_id, None, None, prediction.uncertainty, prediction.model)
        for prediction, (_id, data) in zip(out, rows, strict=True)
    ]


def backend_predict(project: Project, settings: AssistSettings) -> tuple[str, list[Prediction], list[tuple]]:
    """Ask the backend batch by batch. A failed call raises BackendError (nothing written); a prediction
    outside the schema is dropped and listed in the problems (item id, what, message)."""
    client = BackendClient(
        settings.backend_url, timeout=settings.backend_timeout_seconds, retries=settings.backend_retries
    )
    schema = relaxed_schema(project.schema)
    about = {"id": project.id, "data_type": project.data_type, "schema": project.schema}
    predictions, problems, model_name = [], [], "backend"
    items = items_to_predict(project).values_list("id", "data")
    batch: list[tuple[int, dict]] = []
    for row in [*items.iterator(chunk_size=PREDICT_CHUNK), None]:
        if row is not None:
            batch.append(row)
        if batch and (row is None or len(batch) >= settings.backend_batch_size):
            model_name, answers = client.predict(
                project=about, items=[{"id": item_id, "data": data} for item_id, data in batch]
            )
            data_of = dict(batch)
            for answer in answers:
                problem = prediction_problem(schema, data_of[answer.item_id], answer.result)
                if problem:
                    problems.append((answer.item_id, "outside_schema", problem))
                    continue
                predictions.append(
                    Prediction(answer.item_id, answer.result, answer.confidence, answer.uncertainty, model_name)
                )
            batch = []
    return model_name, predictions, problems


def relaxed_schema(document: dict) -> LabelSchema:
    """The project's schema with every control optional: a pre-label may fill only some controls."""
    schema = schema_parse(document)
    for control in schema.controls:
        control.required = False
    return schema


_VALIDATE_TAKES = set(inspect.signature(annotation_validate).parameters)


def prediction_problem(schema: LabelSchema, data: dict, result: dict) -> str | None:
    """None when the pre-label is valid for this item, else the reason (validated like a worker's answer)."""
    if not result:
        return "the prediction is empty"
    extra = {}
    for name in ("data", "item_data"):
        if name in _VALIDATE_TAKES:
            extra[name] = data
    try:
        annotation_validate(schema, result, **extra)
    except SchemaViolation as exc:
        return exc.message
    return None
