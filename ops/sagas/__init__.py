"""``python -m ops sagas``: the scheduling sagas still pending, their age, deadline and missing answers."""
