"""Removal that can be undone: a row goes with every row that depends on it, and can come back.

`take` reads the owner's row and, through every foreign key that cascades, each of the owner's rows
that would go with it, then deletes them in the same transaction; the rows it returns are plain
values. `put_back` inserts exactly those rows again (same values; the same ids unless an id has
been given to a newer row since, when the row gets a new id and its dependants follow it), only for
this owner and only under parents this owner still has.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select

from followthrough.models import NotFound
from followthrough.store.owned import OwnedRepository
from followthrough.store.tables import metadata


@dataclass(frozen=True)
class Removed:
    """What one removal took: the first table's row(s), then dependants, parents before children."""

    owner_id: int
    table: str  # the table of the row that was removed
    row_id: int
    rows: tuple[tuple[str, dict[str, Any]], ...] = field(default=())

    def count(self, table: str) -> int:
        """How many rows of `table` went (the removed row's own table counts it too)."""
        return sum(1 for name, _ in self.rows if name == table)


def _children(parent: Table) -> list[tuple[Table, str]]:
    """Each owned table and column whose foreign key to `parent` deletes its rows with the parent."""
    found = []
    for table in metadata.sorted_tables:
        if "owner_id" not in table.c:
            continue
        for key in table.foreign_keys:
            if key.column.table is parent and key.ondelete == "CASCADE":
                found.append((table, key.parent.name))
    return found


class RemovalRepository(OwnedRepository):
    def take(self, table_name: str, row_id: int) -> Removed:
        """Delete the owner's row `row_id` of `table_name` with everything that depends on it."""
        table = metadata.tables[table_name]
        if "owner_id" not in table.c:
            raise ValueError(f"{table_name} has no owner: its rows are not removed this way")
        with self.engine.begin() as conn:
            self.require(conn, table, row_id)
            rows: list[tuple[str, dict[str, Any]]] = []
            self._collect(conn, table, [row_id], rows, set())
            conn.execute(delete(table).where(self.mine(table), table.c.id == row_id))
        return Removed(self.owner_id, table_name, row_id, tuple(rows))

    def _collect(
        self,
        conn: Connection,
        table: Table,
        ids: list[int],
        rows: list[tuple[str, dict[str, Any]]],
        seen: set[tuple[str, int]],
    ) -> None:
        query = select(table).where(self.mine(table), table.c.id.in_(ids)).order_by(table.c.id)
        found = []
        for row in conn.execute(query):
            if (table.name, row.id) not in seen:
                seen.add((table.name, row.id))
                rows.append((table.name, dict(row._mapping)))
                found.append(row.id)
        if not found:
            return
        for child, column in _children(table):
            query = select(child.c.id).where(self.mine(child), child.c[column].in_(found))
            child_ids = list(conn.execute(query).scalars())
            if child_ids:
                self._collect(conn, child, child_ids, rows, seen)

    def put_back(self, removed: Removed) -> int:
        """Insert what `take` removed again; returns the removed row's id (new if it had to be)."""
        if removed.owner_id != self.owner_id:
            raise NotFound(f"{removed.table} {removed.row_id} not found")
        ordered = sorted(
            removed.rows, key=lambda item: metadata.sorted_tables.index(metadata.tables[item[0]])
        )
        new_ids: dict[tuple[str, int], int] = {}
        with self.engine.begin() as conn:
            for name, values in ordered:
                table = metadata.tables[name]
                row = self._pointed(conn, table, values, new_ids)
                taken = conn.execute(select(table.c.id).where(table.c.id == values["id"])).first()
                if taken is not None:
                    del row["id"]
                statement = insert(table).values(row).returning(table.c.id)
                new_ids[(name, values["id"])] = int(conn.execute(statement).scalar_one())
        return new_ids[(removed.table, removed.row_id)]

    def _pointed(
        self,
        conn: Connection,
        table: Table,
        values: dict[str, Any],
        new_ids: dict[tuple[str, int], int],
    ) -> dict[str, Any]:
        """The row's values, owned by this owner, each reference pointing at the row's parent as
        it is now: put back with it (maybe renumbered), or still among the owner's rows."""
        row = {**values, "owner_id": self.owner_id}
        for key in table.foreign_keys:
            column, parent = key.parent.name, key.column.table
            if column == "owner_id" or row[column] is None:
                continue
            if (parent.name, row[column]) in new_ids:
                row[column] = new_ids[(parent.name, row[column])]
            else:
                self.require(conn, parent, row[column])
        return row
