revision = 'a1'
down_revision = None
revision = "a2"
