revision = 'b1'
down_revision = 'a1'
depends_on = 'b1'
