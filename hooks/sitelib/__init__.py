"""Code that the hooks, the tests and the scripts share, one module per reason to change.

    editions    the list of editions (extra.editions) and MkDocs' own config loader
    errors      DataError: a message that names the file, the entry and the field
    files       reading a data file (YAML as written, keys given twice refused)
    words       an edition's interface words (data/interface.yml)
    dates       dates as the data writes them and as the pages show them
    data        loading and checking data/ and the glossary
    shortcodes  the one parser of <!-- site:NAME ARG --> shortcodes
    render      the timeline, cards, sources, glossary, maps and open data
    maps        each map's files, one per palette, with the palette's colours resolved
    trade       the trade chart and table

Why a package beside the hooks: MkDocs imports each hook file as a module of its own and
puts hooks/ on sys.path only while it does so. A hook that imports this package at its
top therefore finds it, and all hooks then share the one copy in sys.modules. The tests
(pythonpath in pytest.ini) and the scripts (one sys.path line each) add hooks/ as well.
"""
