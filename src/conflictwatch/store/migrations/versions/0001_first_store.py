"""The first store: documents, reports, incidents, claims, evidence, merge decisions, history.

Revision ID: 0001
Revises: (none)
Created: 2026-12-07 02:08:15.267077
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('site', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('language', sa.Text(), nullable=True),
    sa.Column('rights_reserved', sa.Boolean(), nullable=False),
    sa.Column('rights_source', sa.Text(), nullable=True),
    sa.Column('rights_policy', sa.Text(), nullable=True),
    sa.Column('rights_notice', sa.Text(), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('content_hash', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('extractor', sa.Text(), nullable=False),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('first_seen', sa.DateTime(), nullable=False),
    sa.Column('updated', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index('documents_published', ['published'], unique=False)

    op.create_table('incidents',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('review', sa.Text(), nullable=False),
    sa.Column('merged_into', sa.Text(), nullable=True),
    sa.Column('event_type', sa.Text(), nullable=False),
    sa.Column('sub_event_type', sa.Text(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.Integer(), nullable=False),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('country', sa.Text(), nullable=True),
    sa.Column('country_code', sa.Text(), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('admin2', sa.Text(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('geonames_id', sa.Integer(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('killed_low', sa.Integer(), nullable=True),
    sa.Column('killed_best', sa.Integer(), nullable=True),
    sa.Column('killed_high', sa.Integer(), nullable=True),
    sa.Column('wounded_low', sa.Integer(), nullable=True),
    sa.Column('wounded_best', sa.Integer(), nullable=True),
    sa.Column('wounded_high', sa.Integer(), nullable=True),
    sa.Column('ucdp_type', sa.Integer(), nullable=True),
    sa.Column('plover', sa.Text(), nullable=True),
    sa.Column('cameo', sa.Text(), nullable=True),
    sa.Column('n_reports', sa.Integer(), nullable=False),
    sa.Column('n_sources', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('overridden', sa.Text(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('updated', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['merged_into'], ['incidents.id'], deferrable=True, initially='DEFERRED'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index('incidents_country_date', ['country_code', 'date'], unique=False)
        batch_op.create_index('incidents_date_lat_lon', ['date', 'lat', 'lon'], unique=False)
        batch_op.create_index('incidents_review', ['review'], unique=False)
        batch_op.create_index('incidents_status_date', ['status', 'date'], unique=False)

    op.create_table('merge_decisions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('report_id', sa.Text(), nullable=False),
    sa.Column('incident_id', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('candidates', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('merge_decisions', schema=None) as batch_op:
        batch_op.create_index('merge_decisions_incident', ['incident_id'], unique=False)
        batch_op.create_index('merge_decisions_report', ['report_id'], unique=False)

    op.create_table('store_info',
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('document_versions',
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('extractor', sa.Text(), nullable=False),
    sa.Column('change', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'version')
    )
    op.create_table('incident_actors',
    sa.Column('incident_id', sa.Text(), nullable=False),
    sa.Column('pos', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('country_code', sa.Text(), nullable=True),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('actor_key', sa.Text(), nullable=False),
    sa.Column('side', sa.Text(), nullable=True),
    sa.Column('generic', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('incident_id', 'pos')
    )
    with op.batch_alter_table('incident_actors', schema=None) as batch_op:
        batch_op.create_index('incident_actors_name', ['name'], unique=False)

    op.create_table('incident_history',
    sa.Column('incident_id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('incident_id', 'version')
    )
    op.create_table('reports',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('incident_id', sa.Text(), nullable=True),
    sa.Column('document_id', sa.Text(), nullable=False),
    sa.Column('document_version', sa.Integer(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('event_type', sa.Text(), nullable=False),
    sa.Column('sub_event_type', sa.Text(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.Integer(), nullable=False),
    sa.Column('date_note', sa.Text(), nullable=True),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('country', sa.Text(), nullable=True),
    sa.Column('country_code', sa.Text(), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('admin2', sa.Text(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('geonames_id', sa.Integer(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('killed_low', sa.Integer(), nullable=True),
    sa.Column('killed_best', sa.Integer(), nullable=True),
    sa.Column('killed_high', sa.Integer(), nullable=True),
    sa.Column('wounded_low', sa.Integer(), nullable=True),
    sa.Column('wounded_best', sa.Integer(), nullable=True),
    sa.Column('wounded_high', sa.Integer(), nullable=True),
    sa.Column('ucdp_type', sa.Integer(), nullable=True),
    sa.Column('plover', sa.Text(), nullable=True),
    sa.Column('cameo', sa.Text(), nullable=True),
    sa.Column('sentence_start', sa.Integer(), nullable=True),
    sa.Column('sentence_end', sa.Integer(), nullable=True),
    sa.Column('sentence_quote', sa.Text(), nullable=True),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('cell', sa.Integer(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], deferrable=True, initially='DEFERRED'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index('reports_document', ['document_id'], unique=False)
        batch_op.create_index('reports_incident', ['incident_id'], unique=False)
        batch_op.create_index('reports_cell_date', ['cell', 'date'], unique=False)
        batch_op.create_index('reports_country_date', ['country_code', 'date'], unique=False)

    op.create_table('claims',
    sa.Column('report_id', sa.Text(), nullable=False),
    sa.Column('pos', sa.Integer(), nullable=False),
    sa.Column('figure', sa.Text(), nullable=False),
    sa.Column('low', sa.Integer(), nullable=False),
    sa.Column('high', sa.Integer(), nullable=True),
    sa.Column('qualifier', sa.Text(), nullable=False),
    sa.Column('claimant', sa.Text(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('claimant_start', sa.Integer(), nullable=True),
    sa.Column('claimant_end', sa.Integer(), nullable=True),
    sa.Column('claimant_quote', sa.Text(), nullable=True),
    sa.Column('part', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'pos')
    )
    op.create_table('evidence',
    sa.Column('report_id', sa.Text(), nullable=False),
    sa.Column('pos', sa.Integer(), nullable=False),
    sa.Column('field', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'pos')
    )
    op.create_table('report_actors',
    sa.Column('report_id', sa.Text(), nullable=False),
    sa.Column('pos', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('country_code', sa.Text(), nullable=True),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('actor_key', sa.Text(), nullable=False),
    sa.Column('side', sa.Text(), nullable=True),
    sa.Column('generic', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'pos')
    )
    op.create_table('report_bands',
    sa.Column('bucket', sa.BigInteger(), nullable=False),
    sa.Column('report_id', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('bucket', 'report_id')
    )
    with op.batch_alter_table('report_bands', schema=None) as batch_op:
        batch_op.create_index('report_bands_report', ['report_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('report_bands', schema=None) as batch_op:
        batch_op.drop_index('report_bands_report')

    op.drop_table('report_bands')
    op.drop_table('report_actors')
    op.drop_table('evidence')
    op.drop_table('claims')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('reports_incident')
        batch_op.drop_index('reports_cell_date')
        batch_op.drop_index('reports_country_date')
        batch_op.drop_index('reports_document')

    op.drop_table('reports')
    op.drop_table('incident_history')
    with op.batch_alter_table('incident_actors', schema=None) as batch_op:
        batch_op.drop_index('incident_actors_name')

    op.drop_table('incident_actors')
    op.drop_table('document_versions')
    op.drop_table('store_info')
    with op.batch_alter_table('merge_decisions', schema=None) as batch_op:
        batch_op.drop_index('merge_decisions_report')
        batch_op.drop_index('merge_decisions_incident')

    op.drop_table('merge_decisions')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index('incidents_status_date')
        batch_op.drop_index('incidents_review')
        batch_op.drop_index('incidents_date_lat_lon')
        batch_op.drop_index('incidents_country_date')

    op.drop_table('incidents')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index('documents_published')

    op.drop_table('documents')
