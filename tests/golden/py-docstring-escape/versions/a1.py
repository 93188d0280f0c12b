"""Add \N{SNOWMAN} support"""
revision = 'a1'
down_revision = None
