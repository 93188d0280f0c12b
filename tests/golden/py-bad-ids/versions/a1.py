revision = '2024.01.init'
down_revision = ('head', b'x', '')
branch_labels = 'a_label_that_is_much_longer_than_thirty_two'
