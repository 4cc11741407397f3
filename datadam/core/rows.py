"""One-row statements for the hottest paths (the annotator loop, the audit trail).

Building a query with the ORM costs this CPU more than the database spends running it (bench/RESULTS.md,
"Where the time goes"). These helpers write one INSERT or UPDATE as text, and let the model's own fields
adapt each value (JSON, dates, booleans) for the database in use, so SQLite and PostgreSQL get what the ORM
would have sent. They skip what the ORM adds around a save: no signals are sent and no defaults are filled
in, so a caller passes every column that has no database default.
"""

from datetime import UTC, datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import Field, Model
from django.utils.dateparse import parse_datetime


def _field(model: type[Model], name: str) -> Field:
    """A field by its name or, for a foreign key given as an id ("project_id"), by its attribute name."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return model._meta.get_field(name.removesuffix("_id"))


def _prepared(model: type[Model], values: dict) -> tuple[list[str], list]:
    fields = {name: _field(model, name) for name in values}
    columns = [connection.ops.quote_name(field.column) for field in fields.values()]
    params = [field.get_db_prep_save(values[name], connection) for name, field in fields.items()]
    return columns, params


def insert_statement(model: type[Model], values: dict) -> tuple[str, list]:
    """`INSERT … RETURNING id` of one row as text and parameters (PostgreSQL may run several in one WITH)."""
    columns, params = _prepared(model, values)
    table = connection.ops.quote_name(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(params))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) RETURNING id", params  # noqa: S608


def update_statement(model: type[Model], row_id: int, values: dict) -> tuple[str, list]:
    """`UPDATE` of the row with this id as text and parameters."""
    columns, params = _prepared(model, values)
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{column} = %s" for column in columns)
    return f"UPDATE {table} SET {assignments} WHERE id = %s", [*params, row_id]  # noqa: S608


def insert_from_statement(model: type[Model], values: dict, *, id_column: str, source: str) -> tuple[str, list]:
    """`INSERT … SELECT` of one row whose `id_column` takes the id the earlier WITH query `source` returned."""
    columns, params = _prepared(model, values)
    table = connection.ops.quote_name(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(params))
    target = connection.ops.quote_name(_field(model, id_column).column)
    sql = f"INSERT INTO {table} ({', '.join(columns)}, {target}) SELECT {placeholders}, id FROM {source}"  # noqa: S608
    return sql, params


def writes_in_with() -> bool:
    """Whether the database runs INSERT and UPDATE inside WITH (PostgreSQL), so that writes that belong
    together travel in one round trip. SQLite, in the same process, gains nothing from it."""
    return connection.vendor == "postgresql"


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
