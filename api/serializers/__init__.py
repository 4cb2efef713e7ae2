"""The shapes of the API's answers and requests (also the OpenAPI schema's components), one
module per group of views (``api.views``): reference data, reports, writes, refusals, and DHIS2
data values with aggregates and the caller.

Figures are plain decimals as strings ("1377189270", "81.95"): exact, never floats; a blank is
``null`` (blank is not zero). What the clerk wrote stays in ``printed``.
"""
