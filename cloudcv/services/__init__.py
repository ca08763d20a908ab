"""The domain in plain Python. Every function takes a ``Session``; none imports reflex."""
