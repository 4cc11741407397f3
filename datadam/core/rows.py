"""One-row statements for the hottest paths (the annotator loop, the audit trail).

Building a query with the ORM costs this CPU more than the database spends running it (bench/RESULTS.md,
"Where the time goes"). These helpers write one INSERT or UPDATE as text, and let the model's own fields
adapt each value (JSON, dates, booleans) for the database in use, so SQLite and PostgreSQL get what the ORM
would have sent. They skip what the ORM adds around a save: no signals are sent and no defaults are filled
in, so a caller passes every column that has no database default.
"""

from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.db.models import Field, Model
from django.utils.dateparse import parse_datetime


def _field(model: type[Model], name: str) -> Field:
    """A field by its name or, for a foreign key given as an id ("project_id"), by its attribute name."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return model._meta.get_field(name.removesuffix("_id"))


@cache
def _columns(vendor: str, model: type[Model], names: tuple[str, ...]) -> tuple[tuple[Field, ...], str, str, str]:
    """For these value names: their fields, then the quoted table, column list and placeholders (per database
    vendor, whose quoting they follow)."""
    fields = tuple(_field(model, name) for name in names)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    return fields, connection.ops.quote_name(model._meta.db_table), columns, ", ".join(["%s"] * len(fields))


def _prepared(model: type[Model], values: dict) -> tuple[str, str, str, list]:
    """The quoted table, column list and placeholders, and the values as the database takes them."""
    fields, table, columns, placeholders = _columns(connection.vendor, model, tuple(values))
    params = [field.get_db_prep_save(value, connection) for field, value in zip(fields, values.values(), strict=True)]
    return table, columns, placeholders, params


def insert_statement(model: type[Model], values: dict) -> tuple[str, list]:
    """`INSERT … RETURNING id` of one row as text and parameters (PostgreSQL may run several in one WITH)."""
    table, columns, placeholders, params = _prepared(model, values)
    return f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) RETURNING id", params  # noqa: S608


def update_statement(
    model: type[Model], row_id: int, values: dict, *, only_if: str = "", only_if_params: tuple = ()
) -> tuple[str, list]:
    """`UPDATE` of the row with this id as text and parameters; `only_if` adds a condition on the row
    (SQL with its own parameters), and then the statement returns the id when the row changed."""
    table, assignments = _assignments(connection.vendor, model, tuple(values))
    params = _prepared(model, values)[3]
    sql = f"UPDATE {table} SET {assignments} WHERE id = %s"  # noqa: S608
    if only_if:
        return f"{sql} AND {only_if} RETURNING id", [*params, row_id, *only_if_params]
    return sql, [*params, row_id]


@cache
def _assignments(vendor: str, model: type[Model], names: tuple[str, ...]) -> tuple[str, str]:
    fields, table, _columns_sql, _placeholders = _columns(vendor, model, names)
    return table, ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in fields)


def insert_from_statement(
    model: type[Model], values: dict, *, source: str, id_column: str | None = None
) -> tuple[str, list]:
    """`INSERT … SELECT` of one row for each row the earlier WITH query `source` returned (none, none
    written); `id_column`, if named, takes that row's id."""
    table, columns, placeholders, params = _prepared(model, values)
    if id_column is None:
        return f"INSERT INTO {table} ({columns}) SELECT {placeholders} FROM {source}", params  # noqa: S608
    target = connection.ops.quote_name(_field(model, id_column).column)
    sql = f"INSERT INTO {table} ({columns}, {target}) SELECT {placeholders}, id FROM {source}"  # noqa: S608
    return sql, params


def writes_in_with() -> bool:
    """Whether the database runs INSERT and UPDATE inside WITH (PostgreSQL), so that writes that belong
    together travel in one round trip. SQLite, in the same process, gains nothing from it."""
    return connection.vendor == "postgresql"


def hot_cursor() -> CursorWrapper:
    """A cursor for the annotator loop's statements: prepared once per connection where the database
    can (PostgreSQL, `datadam.core.postgresql`), a plain one elsewhere."""
    prepared_cursor = getattr(connection, "prepared_cursor", None)
    return prepared_cursor() if prepared_cursor else connection.cursor()


def statements_together() -> AbstractContextManager:
    """Statements executed inside share one round trip where the database can (PostgreSQL's pipeline),
    their results read after the block; elsewhere each runs as it is executed."""
    together = getattr(connection, "statements_together", None)
    return together() if together else nullcontext()


def row_insert(model: type[Model], values: dict) -> int:
    """INSERT one row and return its id, in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(*insert_statement(model, values))
        return cursor.fetchone()[0]


def row_update(model: type[Model], row_id: int, values: dict) -> int:
    """UPDATE the row with this id; returns how many rows changed (0 or 1)."""
    with connection.cursor() as cursor:
        cursor.execute(*update_statement(model, row_id, values))
        return cursor.rowcount


def model_from_row(model: type[Model], field_names: list[str], row: tuple) -> Model:
    """A model instance from a plain cursor's row of these fields (in the model's field order, as
    Model.from_db expects), each value converted as the ORM converts it (SQLite's 0 and 1 become booleans)."""
    converters = _converters(connection.vendor, model, tuple(field_names))
    values = [_convert(value, each) for value, each in zip(row, converters, strict=True)]
    return model.from_db(connection.alias, field_names, values)


def _convert(value: object, converters: list) -> object:
    for converter, expression in converters:
        value = converter(value, expression, connection)
    return value


@cache
def _converters(vendor: str, model: type[Model], field_names: tuple[str, ...]) -> list[list]:
    columns = [_field(model, name).get_col(model._meta.db_table) for name in field_names]
    return [
        [
            (converter, column)
            for converter in connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        ]
        for column in columns
    ]


def when(value: object) -> datetime:
    """A date and time column read with a plain cursor, as an aware datetime (SQLite gives it naive, in UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def sql_time(value: datetime) -> object:
    """A datetime as a parameter of hand-written SQL, in the form the ORM stores it."""
    return connection.ops.adapt_datetimefield_value(value)


def json_value(model: type[Model], field_name: str, value: object) -> object:
    """A JSON column read with a plain cursor, decoded as the field decodes it."""
    return model._meta.get_field(field_name).from_db_value(value, None, connection)
