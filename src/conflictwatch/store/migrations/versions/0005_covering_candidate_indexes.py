"""Merge candidates read from the index alone.

A report's merge candidates are the reports near its place (grid squares) or in
its country, within a date window, some of them only when they are placed at
region precision or vaguer; the query wants their incidents. With the date as
the last column of ``reports_cell_date`` and ``reports_country_date``, each
report in the window had to be fetched from the table to read its precision and
incident: hundreds of table look-ups per report, more of them missing the page
cache as the store grows. Both indexes now also hold ``geo_precision`` and
``incident_id``, so the candidate query reads the indexes alone.

Revision ID: 0005
Revises: 0004
Created: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("reports_cell_date", table_name="reports")
    op.drop_index("reports_country_date", table_name="reports")
    op.create_index("reports_cell_date", "reports", ["cell", "date", "geo_precision", "incident_id"])
    op.create_index("reports_country_date", "reports", ["country_code", "date", "geo_precision", "incident_id"])


def downgrade() -> None:
    op.drop_index("reports_cell_date", table_name="reports")
    op.drop_index("reports_country_date", table_name="reports")
    op.create_index("reports_cell_date", "reports", ["cell", "date"])
    op.create_index("reports_country_date", "reports", ["country_code", "date"])
