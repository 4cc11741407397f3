"""Make the ledger append-only in the database itself: UPDATE and DELETE on its rows fail.

The one exception is a database with a row in pay_ledger_guard. That table is deliberately not a Django
model, so `flush` never empties it; only the test suite's database gets a row, letting the test runner
empty the ledger between tests. A real deployment has no row and no way around the triggers short of
dropping them.
"""

from django.db import migrations

SQLITE = [
    "CREATE TABLE pay_ledger_guard (flush_allowed INTEGER NOT NULL)",
    """CREATE TRIGGER pay_ledger_no_update BEFORE UPDATE ON pay_ledgerentry
       BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: its rows cannot be changed'); END""",
    """CREATE TRIGGER pay_ledger_no_delete BEFORE DELETE ON pay_ledgerentry
       WHEN NOT EXISTS (SELECT 1 FROM pay_ledger_guard WHERE flush_allowed = 1)
       BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: its rows cannot be deleted'); END""",
]
SQLITE_UNDO = [
    "DROP TRIGGER pay_ledger_no_delete",
    "DROP TRIGGER pay_ledger_no_update",
    "DROP TABLE pay_ledger_guard",
]
POSTGRES = [
    "CREATE TABLE pay_ledger_guard (flush_allowed boolean NOT NULL)",
    """CREATE FUNCTION pay_ledger_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'UPDATE' THEN
           RAISE EXCEPTION 'the ledger is append-only: its rows cannot be changed';
         END IF;
         IF EXISTS (SELECT 1 FROM pay_ledger_guard WHERE flush_allowed) THEN
           RETURN OLD;
         END IF;
         RAISE EXCEPTION 'the ledger is append-only: its rows cannot be deleted';
       END $$""",
    """CREATE TRIGGER pay_ledger_no_change BEFORE UPDATE OR DELETE ON pay_ledgerentry
       FOR EACH ROW EXECUTE FUNCTION pay_ledger_refuse()""",
    """CREATE TRIGGER pay_ledger_no_truncate BEFORE TRUNCATE ON pay_ledgerentry
       FOR EACH STATEMENT EXECUTE FUNCTION pay_ledger_refuse()""",
]
POSTGRES_UNDO = [
    "DROP TRIGGER pay_ledger_no_truncate ON pay_ledgerentry",
    "DROP TRIGGER pay_ledger_no_change ON pay_ledgerentry",
    "DROP FUNCTION pay_ledger_refuse()",
    "DROP TABLE pay_ledger_guard",
]


def _run(statements_by_vendor: dict):
    def run(apps, schema_editor) -> None:
        for statement in statements_by_vendor[schema_editor.connection.vendor]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("pay", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        )
    ]
