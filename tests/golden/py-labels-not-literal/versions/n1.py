"""Initial no-op contract rule.

Revision ID: 30018084ec99
Revises: kilo
"""
from neutron.db.migration import cli

revision = '30018084ec99'
down_revision = None
branch_labels = (cli.CONTRACT_BRANCH,)
depends_on = ['a', f'{revision}x', 7]
