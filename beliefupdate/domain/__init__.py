"""Plain-Python core: types, credence parsing and formatting, times and analytics.

Nothing here imports Qt or SQLAlchemy (tests/test_layers.py checks it).
"""
