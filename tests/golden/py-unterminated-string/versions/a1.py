"""An unterminated docstring

revision = 'a1'
down_revision = None
