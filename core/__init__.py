"""The ground floor: what both apps need and that knows neither of them.

Vietnamese text and numbers, period keys and their legal windows, the administrative-unit tree,
roles and who may do what, HTTP helpers and the base of every message-carrying exception.
``indicators`` and ``reports`` import from here; this package imports from neither (checked by
``lint-imports`` in CI).
"""
