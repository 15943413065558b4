"""The base of every repository: one owner's rows, with the owner filter written here once.

A repository never reads or writes a row without `mine()`; a row is attached to a parent only
after `require()` has found that parent among the owner's rows.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    Select,
    Table,
    TextClause,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from followthrough.cleaning import clean
from followthrough.models import Invalid, NotFound
from followthrough.store.db import for_owner

MAX_TEXT = 100_000  # characters of one free-text value: a long letter, never a 50 MB paste


class OwnedRepository:
    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = for_owner(engine, owner_id)  # its writes bump the owner's data version
        self.owner_id = owner_id

    def mine(self, table: Table) -> ColumnElement[bool]:
        """The owner filter: every statement on an owned table carries it."""
        return table.c.owner_id == self.owner_id

    def select_mine(self, table: Table, *columns: Any) -> Select:
        """SELECT from one owned table (all columns unless some are named), the owner's rows only."""
        return select(*(columns or (table,))).where(self.mine(table))

    def rows(self, query: Select) -> Sequence[Row]:
        with self.engine.connect() as conn:
            return conn.execute(query).all()

    def first(self, query: Select) -> Row | None:
        with self.engine.connect() as conn:
            return conn.execute(query).first()

    def of_many(self, table: Table, parent: str, ids: Iterable[int], *order: Any) -> Select:
        """The owner's rows of `table` whose `parent` column is one of `ids` (one query for many)."""
        query = self.select_mine(table).where(table.c[parent].in_(list(ids)))
        return query.order_by(*(order or (table.c.id,)))

    def require(self, conn: Connection, table: Table, row_id: int) -> None:
        """Refuse to attach rows to a parent this owner does not have."""
        found = conn.execute(select(table.c.id).where(self.mine(table), table.c.id == row_id))
        if found.first() is None:
            raise NotFound(f"{table.name} {row_id} not found")

    def insert_mine(self, conn: Connection, table: Table, **values: Any) -> int:
        row = {"owner_id": self.owner_id, **fitted(table, values)}
        statement = insert(table).values(row).returning(table.c.id)
        return int(conn.execute(statement).scalar_one())

    def update_mine(self, table: Table, row_id: int | None, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(table)
                .where(self.mine(table), table.c.id == row_id)
                .values(_stamped(table, values))
            )

    def delete_mine(self, table: Table, *where: ColumnElement[bool]) -> int:
        """Delete the owner's rows matching `where`; returns how many went."""
        with self.engine.begin() as conn:
            return conn.execute(delete(table).where(self.mine(table), *where)).rowcount

    def upsert_mine(
        self,
        conn: Connection,
        table: Table,
        keys: dict[str, Any],
        values: dict[str, Any],
        where: ColumnElement[bool] | TextClause | None = None,
    ) -> None:
        """Insert or update the owner's row identified by `keys` (a unique index with owner_id,
        partial when `where` is given)."""
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        changed = _stamped(table, values)
        row = {"owner_id": self.owner_id, **fitted(table, keys), **fitted(table, values)}
        statement = dialect.insert(table).values(**row)
        conn.execute(
            statement.on_conflict_do_update(
                index_elements=["owner_id", *keys], index_where=where, set_=changed
            )
        )


def _stamped(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """`values`, plus the time of the change where the table keeps one (data versions read it)."""
    values = fitted(table, values)
    return values | {"updated_at": func.current_timestamp()} if "updated_at" in table.c else values


def fitted(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """`values` with their text cleaned (cleaning.clean), or Invalid naming a column it won't fit.

    Checked here, on every write, so SQLite and PostgreSQL keep exactly the same values and a
    too-long value is a clear message, never a database error.
    """
    fitted = dict(values)
    for name, value in values.items():
        if isinstance(value, str):
            text = fitted[name] = clean(value)
            limit = getattr(table.c[name].type, "length", None) or MAX_TEXT
            if len(text) > limit:
                what = name.replace("_", " ").capitalize()
                raise Invalid(
                    name, f"{what} is too long: at most {limit:,} characters, not {len(text):,}."
                )
    return fitted
