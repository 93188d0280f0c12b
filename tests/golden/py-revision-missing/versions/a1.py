"""no revision here"""
down_revision = None
