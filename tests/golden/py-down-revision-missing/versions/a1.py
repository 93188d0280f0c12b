revision = 'a1'
branch_labels = None
